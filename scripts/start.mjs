// `npm start`: builds the app when the build is missing or older than the sources, then serves it
// through scripts/serve.mjs (PORT, default 3000; HOST; ORIGIN and the proxy headers, see the README).
// The database is created, migrated and seeded by the server's `init` hook on first start.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const BUILD_ENTRY = 'build/handler.js';

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (entry === 'paraglide' || entry === 'node_modules') continue;
		newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

const inputs = ['src', 'messages', 'static', 'project.inlang/settings.json', 'paraglide.config.js', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const sourcesChanged = Math.max(...inputs.map(newestMtime));
if (!existsSync(BUILD_ENTRY) || statSync(BUILD_ENTRY).mtimeMs < sourcesChanged) {
	console.log('[rasd] building the application…');
	const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (r.status !== 0) {
		console.error('[rasd] the build failed; see the messages above.');
		process.exit(r.status ?? 1);
	}
}

process.env.PORT ??= '3000';
// Spreadsheet imports may be 20 MB (evidence files 10 MB, checked by their own code): a body a little
// larger still reaches the import form, which then says the file is too large; adapter-node refuses
// anything beyond this with a bare 413 (its default is 512 KB).
process.env.BODY_SIZE_LIMIT ??= '24M';
await import('./serve.mjs');
