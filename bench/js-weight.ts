/**
 * Weighs the JavaScript the overview page loads, from the last production build (`npx vite build`):
 *
 *   npx tsx bench/js-weight.ts [--client DIR] [--chunks yes]
 *
 * The initial JS (the entry, the root layout and the page, as SvelteKit preloads them), and apart the
 * chunks it loads lazily (ECharts when a chart mounts; the regions' GeoJSON when a map does),
 * gzip-compressed (-9). `--chunks yes` lists each initial file with its size. bench/dashboard.ts
 * prints the same after its timings. Relative imports only (tsx).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { parseArgs } from './cli';

/** The overview's first load: this target is issue 16's ("its first load ≤ 90 KB"). */
const INITIAL_TARGET = 90 * 1024;
/** Everything the overview ends up loading (issue 16: "≤ 250 KB gzip"). */
const TOTAL_TARGET = 250 * 1024;

function clientDir(client?: string): string | null {
	const candidates = client ? [client] : ['build/client', '.svelte-kit/output/client'];
	return candidates.map((d) => resolve(d)).find((d) => existsSync(join(d, '_app'))) ?? null;
}

/** The client files a server node preloads (`export const imports = [...]` of `.svelte-kit/output/server/nodes/N.js`). */
function nodeImports(serverDir: string, predicate: (source: string) => boolean): string[] {
	const dir = join(serverDir, 'nodes');
	for (const f of readdirSync(dir)) {
		const source = readFileSync(join(dir, f), 'utf8');
		if (!predicate(source)) continue;
		const m = /export const imports = (\[[^\]]*\])/.exec(source);
		return m ? (JSON.parse(m[1]!) as string[]) : [];
	}
	return [];
}

/** Prints the overview's JS weight; `chunks` lists the initial files one by one. */
export function weighJs(opts: { client?: string; chunks?: boolean } = {}): void {
	const client = clientDir(opts.client);
	const server = resolve('.svelte-kit/output/server');
	const viteManifest = client ? [join(client, '.vite/manifest.json'), resolve('.svelte-kit/output/client/.vite/manifest.json')].find(existsSync) : undefined;
	if (!client || !existsSync(join(server, 'manifest.js')) || !viteManifest) {
		console.log('\noverview JS: no production build found — run `npx vite build` first');
		return;
	}
	const manifest = readFileSync(join(server, 'manifest.js'), 'utf8');
	const entry = JSON.parse(/imports:(\[[^\]]*\])/.exec(manifest)?.[1] ?? '[]') as string[];
	const layout = nodeImports(server, (s) => /export const index = 0;/.test(s));
	const page = nodeImports(server, (s) => s.includes('server_id = "src/routes/(app)/+page.server.ts"'));
	const initial = new Set([...entry, ...layout, ...page]);

	// What the initial files import lazily, the route nodes aside (those are other pages).
	const vite = JSON.parse(readFileSync(viteManifest, 'utf8')) as Record<string, { file: string; imports?: string[]; dynamicImports?: string[] }>;
	const byFile = new Map(Object.values(vite).map((v) => [v.file, v]));
	const lazy = new Map<string, string>(); // file → what it is
	const visit = (key: string, label: string) => {
		const e = vite[key];
		if (!e || initial.has(e.file) || lazy.has(e.file)) return;
		lazy.set(e.file, label);
		for (const i of e.imports ?? []) visit(i, label);
	};
	for (const file of initial) {
		for (const d of byFile.get(file)?.dynamicImports ?? []) {
			if (d.includes('/nodes/')) continue;
			visit(d, d.endsWith('.geojson?raw') || d.includes('geojson') ? 'regions GeoJSON (maps only)' : 'ECharts (when a chart mounts)');
		}
	}
	// The GeoJSON is imported by the lazy ECharts module, one level further.
	for (const file of [...lazy.keys()]) {
		for (const d of byFile.get(file)?.dynamicImports ?? []) visit(d, 'regions GeoJSON (maps only)');
	}
	const gz = (file: string) => gzipSync(readFileSync(join(client, file)), { level: 9 }).length;
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	const initialJs = [...initial].filter((f) => f.endsWith('.js'));
	const initialGz = initialJs.reduce((s, f) => s + gz(f), 0);
	console.log(`\noverview JS (${client}, gzip -9)`);
	console.log(
		`  initial (entry + layout + page, ${initial.size} files): ${kb(initialGz)}  ${initialGz <= INITIAL_TARGET ? '✓' : '✗'} target ≤ ${kb(INITIAL_TARGET)}`
	);
	if (opts.chunks) {
		for (const f of initialJs.sort((a, b) => gz(b) - gz(a))) console.log(`    ${kb(gz(f)).padStart(9)}  ${f}`);
	}
	const groups = new Map<string, number>();
	for (const [file, label] of lazy) if (file.endsWith('.js')) groups.set(label, (groups.get(label) ?? 0) + gz(file));
	for (const [label, size] of groups) console.log(`  lazy: ${label}: ${kb(size)}`);
	const total = initialGz + [...groups.values()].reduce((a, b) => a + b, 0);
	console.log(`  everything the overview ends up loading: ${kb(total)}  ${total <= TOTAL_TARGET ? '✓' : '✗'} target ≤ ${kb(TOTAL_TARGET)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = parseArgs(
		process.argv.slice(2),
		{ client: z.string().trim().min(1).optional(), chunks: z.enum(['yes', 'no']).default('no') },
		'usage: npx tsx bench/js-weight.ts [--client DIR] [--chunks yes]'
	);
	weighJs({ client: args.client, chunks: args.chunks === 'yes' });
}
