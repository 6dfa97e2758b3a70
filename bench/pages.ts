/**
 * Times whole-page renders through the production build, in process: the built SvelteKit server
 * (hooks, session, guard, layout and page loads, SSR of the Svelte components, the serialized data)
 * answers `Request`s directly, with no HTTP socket in between:
 *
 *   npx tsx bench/pages.ts [--db bench/out/national.db] [--runs 30] [--warmup 3] [--threshold 30]
 *                          [--build build]
 *
 * Needs a bench database (bench/generate.ts) and a build (`npx vite build`, adapter-node). It signs in
 * as a commission account through the login form, as a browser would, then GETs the overview (current,
 * as of a year back, at a reporting period), the axis / institution / region / recommendation
 * scorecards (rotating over the entities), the indicator explorer (rotating over ~50 indicators), the
 * measure list, and the overview again as a partner. Every response must be a 200 whose HTML shows the
 * data; anything else (a redirect to /login, an error page) stops the run instead of being timed.
 *
 * Two modes per page: cold (`RASD_READ_CACHE=off`, every load recomputes its read models) and served
 * (the read-model cache on, every rotated page rendered once before timing: repeated reads between
 * writes, the common case of a dashboard).
 *
 * Writes to the bench database only: it refuses a database without `meta.bench_generator`, creates two
 * bench accounts in it, and the server's init hook applies pending migrations (never seeds:
 * RASD_SEED=none). Relative imports only (tsx, no `$lib`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Server as KitServer, SSRManifest } from '@sveltejs/kit';
import { createReadableStream } from '@sveltejs/kit/node';
import { openDatabase, type Db } from '../src/lib/server/db/client';
import { users } from '../src/lib/server/db/schema';
import { hashPassword, verifyPassword } from '../src/lib/server/auth/password';
import * as dashboard from '../src/lib/server/dashboard';
import { count, parseArgs, usageError } from './cli';
import { formatTiming, percentile, type Timing } from './stats';

const USAGE = `Usage: npx tsx bench/pages.ts [options]

Times whole-page renders (full HTML) through the production build, in process, signed in.

Options:
  --db PATH            bench database (default bench/out/national.db; build it with npx tsx bench/generate.ts)
  --runs N             timed runs per page and mode (default 30)
  --warmup N           untimed runs per page first (default 3; in served mode at least one per rotated page)
  --threshold MS       p95 target; slower pages are marked (default 30)
  --build DIR          the adapter-node build (default build; make it with npx vite build)
  --pages REGEX        time only the pages whose name matches (e.g. overview)
  --modes LIST         cold, served or cold,served (default)
  --help               show this help

Writes to the bench database only (a file with meta.bench_generator; any other, e.g. data/rasd.db, is
refused): it creates the accounts bench@rasd.bench (commission) and bench-partner@rasd.bench (partner)
if missing, and the server applies pending migrations on start. It never seeds.`;

const args = parseArgs(
	process.argv.slice(2),
	{
		db: z.string().trim().min(1, 'expected a file path').default('bench/out/national.db'),
		runs: count(30, 1, 100_000),
		warmup: count(3, 0, 100_000),
		threshold: z.coerce.number({ error: 'expected a number of milliseconds' }).positive('expected a positive number').default(30),
		build: z.string().trim().min(1, 'expected a directory').default('build'),
		pages: z
			.string()
			.refine((v) => {
				try {
					new RegExp(v);
					return true;
				} catch {
					return false;
				}
			}, 'expected a regular expression')
			.optional(),
		modes: z
			.string()
			.regex(/^(cold|served)(,(cold|served))?$/, 'expected cold, served or cold,served')
			.default('cold,served')
	},
	USAGE
);

// ─── What to run against ────────────────────────────────────────────────────────────────────────

const dbPath = resolve(args.db);
if (!existsSync(dbPath)) usageError(`${args.db} does not exist: build it first with npx tsx bench/generate.ts`, USAGE);
// The accounts and the login are writes: only ever to a database the generator made.
{
	let generator: unknown;
	try {
		const probe = new Database(dbPath, { readonly: true, fileMustExist: true });
		generator = probe.prepare(`SELECT value FROM meta WHERE key = 'bench_generator'`).pluck().get();
		probe.close();
	} catch {
		generator = undefined;
	}
	if (!generator)
		usageError(`${args.db} is not a bench database (no meta.bench_generator): this script writes to it, so it only takes one from bench/generate.ts`, USAGE);
}

type ServerClass = new (manifest: SSRManifest) => KitServer;

/**
 * Where the build keeps `Server` and `manifest`. Older adapter-node versions copy them to
 * `server/index.js` and `server/manifest.js`; newer ones (5.5) bundle them into hashed chunks, which
 * `server/chunks/handler-*.js` imports — we read those import lines, so we load exactly what the
 * adapter's own handler runs.
 */
function locateServer(buildDir: string): { server: string; serverExport: string; manifest: string; manifestExport: string } | null {
	const plain = { server: join(buildDir, 'server/index.js'), manifest: join(buildDir, 'server/manifest.js') };
	if (existsSync(plain.server) && existsSync(plain.manifest)) return { ...plain, serverExport: 'Server', manifestExport: 'manifest' };
	const handlerJs = join(buildDir, 'handler.js');
	if (!existsSync(handlerJs)) return null;
	const chunk = /from '\.\/(server\/chunks\/handler-[^']+\.js)'/.exec(readFileSync(handlerJs, 'utf8'))?.[1];
	if (!chunk || !existsSync(join(buildDir, chunk))) return null;
	const source = readFileSync(join(buildDir, chunk), 'utf8');
	const server = /import \{ (\w+) as Server \} from '(\.\/[^']+)'/.exec(source);
	const manifest = /import \{ (\w+) as manifest \} from '(\.\/[^']+)'/.exec(source);
	if (!server || !manifest) return null;
	const dir = dirname(join(buildDir, chunk));
	return { server: join(dir, server[2]!), serverExport: server[1]!, manifest: join(dir, manifest[2]!), manifestExport: manifest[1]! };
}

const buildDir = resolve(args.build);
const located = locateServer(buildDir);
if (!located || !existsSync(located.server) || !existsSync(located.manifest)) {
	usageError(
		`no adapter-node server build in ${args.build} (server/index.js + server/manifest.js, or handler.js and its chunks): run npx vite build first`,
		USAGE
	);
}

// ─── The bench accounts ─────────────────────────────────────────────────────────────────────────

const COMMISSION = { email: 'bench@rasd.bench', password: 'Rasd-Bench-2026!', name: 'Bench Commission', role: 'commission' as const };
const PARTNER = { email: 'bench-partner@rasd.bench', password: 'Rasd-Bench-Partner-2026!', name: 'Bench Partner', role: 'partner' as const };

const db: Db = openDatabase(dbPath);

// A partner speaks for an institution (users_institution_ck): the first one that has a partner project.
const partnerInstitution = db.get<{ id: number; code: string } | undefined>(
	sql`SELECT i.id, i.code FROM institutions i WHERE EXISTS (SELECT 1 FROM partner_projects p WHERE p.partner_institution_id = i.id) ORDER BY i.code LIMIT 1`
);
if (!partnerInstitution) usageError(`${args.db} has no partner project, so no institution for the partner account: seed it first`, USAGE);

/**
 * Creates the account, or puts it back as the bench needs it (role, institution, active, password),
 * with the app's own argon2id hashing. Idempotent: a second run changes nothing.
 */
async function ensureAccount(
	a: { email: string; password: string; name: string; role: 'commission' | 'partner' },
	institutionId: number | null
): Promise<'created' | 'updated' | 'kept'> {
	const row = db.select().from(users).where(eq(users.email, a.email)).get();
	if (!row) {
		// Columns as the demo seed inserts its accounts; is_demo like every generated bench row.
		db.insert(users)
			.values({ email: a.email, name: a.name, role: a.role, institutionId, passwordHash: await hashPassword(a.password), locale: 'fr', isDemo: true })
			.run();
		return 'created';
	}
	const fine =
		row.role === a.role && row.institutionId === institutionId && row.active && row.locale === 'fr' && (await verifyPassword(row.passwordHash, a.password));
	if (fine) return 'kept';
	db.update(users)
		.set({ role: a.role, institutionId, active: true, locale: 'fr', passwordHash: await hashPassword(a.password) })
		.where(eq(users.id, row.id))
		.run();
	return 'updated';
}

const accountState = {
	commission: await ensureAccount(COMMISSION, null),
	partner: await ensureAccount(PARTNER, partnerInstitution.id)
};

// ─── What the pages are asked for ───────────────────────────────────────────────────────────────

// The same entities and picks as bench/dashboard.ts, so the two benches time the same work; with the
// names and measure counts the pages must show.
const counts = db.get<{ measures: number; regions: number }>(
	sql`SELECT (SELECT count(*) FROM measures) AS measures, (SELECT count(*) FROM regions) AS regions`
)!;
const planMeasures = db.get<{ n: number }>(
	sql`SELECT count(*) AS n FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = ${dashboard.DEFAULT_PLAN}`
)!.n;
if (!planMeasures) usageError(`${args.db} has no measure in ${dashboard.DEFAULT_PLAN} (the plan the overview opens on)`, USAGE);
const axes = db.all<{ code: string; title: string; measures: number }>(
	sql`SELECT a.code, a.title_fr AS title, (SELECT count(*) FROM measures m JOIN objectives o ON o.id = m.objective_id WHERE o.axis_id = a.id) AS measures
	FROM axes a JOIN plans p ON p.id = a.plan_id WHERE p.code = ${dashboard.DEFAULT_PLAN} ORDER BY a.sort_order, a.code`
);
const institutions = db.all<{ code: string; name: string }>(
	sql`SELECT code, name_fr AS name FROM institutions i WHERE EXISTS (SELECT 1 FROM measures m WHERE m.lead_institution_id = i.id) ORDER BY code`
);
const regions = db.all<{ iso: string; name: string }>(sql`SELECT iso, name_fr AS name FROM regions ORDER BY iso`);
const recommendations = db.all<{ code: string; title: string }>(sql`SELECT code, title_fr AS title FROM recommendations ORDER BY rank`);
// Indicators spread over the table, so the explorer is not timed on one hot page.
const indicators = db.all<{ code: string; name: string }>(
	sql`SELECT code, name_fr AS name FROM indicators WHERE id % (SELECT max(1, count(*) / 50) FROM indicators) = 0 ORDER BY id LIMIT 50`
);
const periods = dashboard.periodChoices(db);
const period = periods[1] ?? periods[0] ?? null;

// ─── The server, in process ─────────────────────────────────────────────────────────────────────

// Before the server module loads: the app reads these when it opens the database (init hook).
process.env.DATABASE_URL = dbPath;
process.env.RASD_SEED = 'none'; // src/hooks.server.ts: init skips seedDatabase; getDb() still migrates
const evidenceDir = mkdtempSync(join(tmpdir(), 'rasd-bench-evidence-'));
process.env.EVIDENCE_DIR = evidenceDir;
process.env.ORIGIN = 'http://localhost';
// The migrations the server applies: the repository's, wherever the bench is started from.
process.env.MIGRATIONS_DIR ??= resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle');

// adapter-node installs its polyfills first (shims.js); so do we.
if (existsSync(join(buildDir, 'shims.js'))) await import(pathToFileURL(join(buildDir, 'shims.js')).href);
const serverModule = (await import(pathToFileURL(located.server).href)) as Record<string, unknown>;
const manifestModule = (await import(pathToFileURL(located.manifest).href)) as Record<string, unknown>;
const Server = serverModule[located.serverExport] as ServerClass;
const manifest = manifestModule[located.manifestExport] as SSRManifest;
const server = new Server(manifest);
// As adapter-node's handler does: the environment, and `read` for assets imported with `?url`.
await server.init({
	env: process.env as Record<string, string>,
	read: (file: string) => createReadableStream(join(buildDir, 'client', file))
});

const ORIGIN = 'http://localhost';
const clientAddress = { getClientAddress: () => '127.0.0.1' };

/** A browser's cookie jar, just enough for one origin: name → value, from Set-Cookie. */
class Jar {
	private readonly cookies = new Map<string, string>();
	take(response: Response): void {
		for (const header of response.headers.getSetCookie()) {
			const [pair, ...attributes] = header.split(';');
			const eq = pair!.indexOf('=');
			const name = pair!.slice(0, eq).trim();
			const value = pair!.slice(eq + 1).trim();
			const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || (/^\s*expires\s*=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
	has(name: string): boolean {
		return this.cookies.has(name);
	}
	header(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
}

/** Signs in through the login form action (a plain, non-enhanced form POST) and returns the jar. */
async function signIn(account: { email: string; password: string }): Promise<Jar> {
	const jar = new Jar();
	const body = new URLSearchParams({ email: account.email, password: account.password, redirectTo: '/' });
	// SvelteKit's CSRF check wants an Origin equal to the server's for a form POST.
	const response = await server.respond(
		new Request(`${ORIGIN}/login`, {
			method: 'POST',
			headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body
		}),
		clientAddress
	);
	await response.text();
	jar.take(response);
	if (response.status !== 303 || !jar.has('rasd_session')) {
		throw new Error(`sign-in as ${account.email} failed: ${response.status} ${response.headers.get('location') ?? ''} (no session cookie)`);
	}
	return jar;
}

const jars = { commission: await signIn(COMMISSION), partner: await signIn(PARTNER) };

/** GETs `path` as `who`, reads the whole body, and fails loudly unless it is the signed-in page with its data. */
async function get(who: keyof typeof jars, path: string): Promise<{ html: string; ms: number }> {
	const t0 = performance.now();
	const response = await server.respond(new Request(`${ORIGIN}${path}`, { headers: { cookie: jars[who].header(), accept: 'text/html' } }), clientAddress);
	const html = await response.text();
	const ms = performance.now() - t0;
	if (response.status !== 200) {
		throw new Error(
			`GET ${path} as ${who}: ${response.status}${response.headers.get('location') ? ` → ${response.headers.get('location')}` : ''} — not timed; the page must render`
		);
	}
	// The login form renders with a 200 too (e.g. a session the server did not accept).
	if (html.includes('name="password"')) throw new Error(`GET ${path} as ${who}: the login form came back — not signed in`);
	return { html, ms };
}

/** The day the server rendered for: the root layout's `today` (new Date(), no override), in the page's data. */
function renderedToday(html: string): string | null {
	return /today:"(\d{4}-\d{2}-\d{2})"/.exec(html)?.[1] ?? null;
}

// ─── The pages ──────────────────────────────────────────────────────────────────────────────────

// The asOf is a year before the day the server renders for (a later one is dropped by resolveFilters).
const serverToday = renderedToday((await get('commission', '/')).html);
if (!serverToday) throw new Error('GET / rendered no `today` in its data: cannot tell the day the dashboards used');
const asOf = `${Number(serverToday.slice(0, 4)) - 1}${serverToday.slice(4)}`;

interface Page {
	name: string;
	who: keyof typeof jars;
	/** paths, rotated over run after run */
	paths: string[];
	/** what the HTML of paths[i] must contain: proof it rendered this entity's data */
	proof: (i: number) => (string | RegExp)[];
}

// Text as Svelte's SSR escapes it in markup (only & and <).
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const q = (s: string) => encodeURIComponent(s);
// Two kinds of proof: the entity's title as rendered markup, and the measure count of the page's
// serialized load data (`kpis: { measures }` of every dashboard read model), exact where SQL can tell.
const kpiMeasures = (n?: number) => (n === undefined ? /kpis:\{measures:[1-9]\d*,/ : `kpis:{measures:${n},`);

const PAGES: Page[] = [
	{ name: 'overview', who: 'commission', paths: ['/'], proof: () => [kpiMeasures(planMeasures)] },
	{ name: `overview as of ${asOf}`, who: 'commission', paths: [`/?asOf=${asOf}`], proof: () => [kpiMeasures(planMeasures), `asOf:"${asOf}"`] },
	...(period
		? [
				{
					name: `overview at period ${period}`,
					who: 'commission' as const,
					paths: [`/?period=${q(period)}`],
					proof: () => [kpiMeasures(planMeasures), `period:"${period}"`]
				}
			]
		: []),
	{
		name: `axis (${axes.length} rotating)`,
		who: 'commission',
		paths: axes.map((a) => `/axes/${q(a.code)}`),
		proof: (i) => [`<span class="code">${esc(axes[i]!.code)}</span>`, esc(axes[i]!.title), kpiMeasures(axes[i]!.measures)]
	},
	{
		name: `institution (${institutions.length} leads rotating)`,
		who: 'commission',
		paths: institutions.map((x) => `/institutions/${q(x.code)}`),
		proof: (i) => [esc(institutions[i]!.name), kpiMeasures()]
	},
	{
		name: `region (${regions.length} rotating)`,
		who: 'commission',
		paths: regions.map((r) => `/regions/${q(r.iso)}`),
		proof: (i) => [esc(regions[i]!.name), kpiMeasures()]
	},
	{
		name: `recommendation (${recommendations.length} rotating)`,
		who: 'commission',
		paths: recommendations.map((r) => `/recommendations/${q(r.code)}`),
		proof: (i) => [esc(recommendations[i]!.title), /kpis:\{measures:\d+,/]
	},
	{
		name: `indicator explorer (${indicators.length} rotating)`,
		who: 'commission',
		paths: indicators.map((x) => `/indicators?i=${q(x.code)}`),
		// The heading "code · name" of the chosen indicator (the search list shows codes without the dot).
		proof: (i) => [`<span class="code">${esc(indicators[i]!.code)}</span> · `, esc(indicators[i]!.name)]
	},
	{ name: 'measure list', who: 'commission', paths: ['/measures'], proof: () => ['data-testid="result-count"', `total:${counts.measures},`] },
	{ name: `overview as partner (${partnerInstitution.code})`, who: 'partner', paths: ['/'], proof: () => [kpiMeasures(planMeasures)] }
];

/** Renders paths[i] and checks its proof; returns the time of the render itself. */
async function render(page: Page, i: number): Promise<{ ms: number; bytes: number }> {
	const path = page.paths[i]!;
	const { html, ms } = await get(page.who, path);
	const missing = page.proof(i).filter((p) => (typeof p === 'string' ? !html.includes(p) : !p.test(html)));
	if (missing.length) throw new Error(`GET ${path} as ${page.who}: 200 but the HTML lacks ${missing.map(String).join(', ')} — did it render the data?`);
	return { ms, bytes: Buffer.byteLength(html) };
}

/**
 * `measure` of stats.ts, for an async render: it times a synchronous call, which here would stop at
 * the first await. Same figures (nearest-rank percentiles), same `Timing`, printed by `formatTiming`.
 */
async function measurePage(page: Page, warmup: number): Promise<Timing & { kb: number[] }> {
	let next = 0;
	const sizes = new Map<number, number>();
	const one = async () => {
		const i = next++ % page.paths.length;
		const r = await render(page, i);
		sizes.set(i, r.bytes);
		return r.ms;
	};
	for (let k = 0; k < warmup; k++) await one();
	const samples: number[] = [];
	for (let k = 0; k < args.runs; k++) samples.push(await one());
	return {
		name: page.name,
		runs: args.runs,
		p50: percentile(samples, 50),
		p95: percentile(samples, 95),
		max: Math.max(...samples),
		mean: samples.reduce((a, b) => a + b, 0) / samples.length,
		samples,
		kb: [...sizes.values()].map((b) => b / 1024)
	};
}

function sizeLabel(kb: number[]): string {
	const lo = Math.min(...kb);
	const hi = Math.max(...kb);
	return hi - lo < 0.5 ? `${hi.toFixed(0)} KB` : `${lo.toFixed(0)}-${hi.toFixed(0)} KB`;
}

// ─── Timings ────────────────────────────────────────────────────────────────────────────────────

console.log(`database: ${dbPath} (${counts.measures} measures, ${counts.regions} regions)`);
console.log(`build:    ${located.server}`);
console.log(
	`accounts: ${COMMISSION.email} (commission) ${accountState.commission}, ${PARTNER.email} (partner, ${partnerInstitution.code}) ${accountState.partner}`
);
console.log(
	`today:    ${serverToday} — the server's clock (src/routes/+layout.server.ts: new Date(); the app has no override), the bench data is anchored to 2026-07-20`
);

const width = Math.max(...PAGES.map((p) => p.name.length)) + 2;
const modes = [
	{ name: 'cold', env: 'off' as string | undefined, about: 'RASD_READ_CACHE=off: every load recomputes its read models' },
	{ name: 'served', env: undefined, about: 'read-model cache on, each rotated page rendered once before timing (repeated reads between writes)' }
];
const slow: string[] = [];
const pagesTimed = args.pages ? PAGES.filter((p) => new RegExp(args.pages!).test(p.name)) : PAGES;
for (const mode of modes.filter((m) => args.modes.split(',').includes(m.name))) {
	// The cache reads the variable at call time, so flipping it in process is enough.
	if (mode.env === undefined) delete process.env.RASD_READ_CACHE;
	else process.env.RASD_READ_CACHE = mode.env;
	console.log(`\n${mode.name} — ${mode.about}; ${args.runs} runs after ${args.warmup} warm-up, full HTML`);
	for (const page of pagesTimed) {
		// Served: at least one render per rotated page first, so the timed runs are the cache's hits.
		const warmup = mode.name === 'served' ? Math.max(args.warmup, page.paths.length) : args.warmup;
		const t = await measurePage(page, warmup);
		const over = t.p95 > args.threshold;
		if (over) slow.push(`${mode.name}: ${page.name}`);
		console.log(`${formatTiming(t, width)}  ${sizeLabel(t.kb).padStart(11)}  ${over ? `✗ over ${args.threshold} ms` : '✓'}`);
	}
}

console.log(slow.length ? `\n${slow.length} page(s) over ${args.threshold} ms at p95` : `\nevery page within ${args.threshold} ms at p95`);
db.$client.close();
rmSync(evidenceDir, { recursive: true, force: true });
// The server keeps its own connection (and maybe timers) open: we are done.
process.exit(0);
