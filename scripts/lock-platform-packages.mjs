// The registry this project installs from does not serve every platform build of a few native
// packages (rollup, lix, jco). `npm install` then writes a package-lock.json without them and
// `npm ci` refuses that lock as out of sync. This adds a lock entry (os/cpu only, no tarball) for
// each optional platform package the lock names but lacks: npm ci skips them on other platforms, as
// it would with a complete lock. Run after changing dependencies: `node scripts/lock-platform-packages.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const OS = ['linux', 'darwin', 'win32', 'freebsd', 'openbsd', 'android', 'openharmony', 'sunos', 'aix'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x'];

let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
		const nested = `${key ? key + '/' : ''}node_modules/${name}`;
		const top = `node_modules/${name}`;
		if (lock.packages[nested] || lock.packages[top]) continue;
		const parts = name.split('/').pop().split('-');
		const os = parts.find((p) => OS.includes(p));
		const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('armv7') ? 'arm' : undefined);
		if (!os || !cpu) continue;
		const entry = { version, cpu: [cpu], os: [os], optional: true };
		if (parts.some((p) => p.startsWith('musl'))) entry.libc = ['musl'];
		else if (os === 'linux' && parts.some((p) => p.startsWith('gnu'))) entry.libc = ['glibc'];
		lock.packages[top] = entry;
		added++;
	}
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} platform package entries added`);
