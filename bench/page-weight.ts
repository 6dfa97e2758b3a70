/**
 * Page weight: the HTML bytes of each page (plain, no Accept-Encoding) against a limit, 100 KB by
 * default (issue 16: "no page's HTML exceeds 100 KB at national scale"), in French and Arabic, signed
 * in as a commission member. It reads a running server — start it on a copy of the bench database:
 *
 *   npx tsx bench/generate.ts                         # bench/out/national.db
 *   cp bench/out/national.db /tmp/weight.db           # sign-ins write sessions
 *   DATABASE_URL=/tmp/weight.db RASD_SEED=none RASD_WORKERS=1 PORT=3222 node scripts/start.mjs &
 *   npx tsx bench/page-weight.ts --url http://localhost:3222 --email bench@rasd.bench --password 'Rasd-Bench-2026!'
 *
 * (bench/pages.ts creates the bench@rasd.bench account on the bench database.) Exit 1 when a page is
 * over the limit or does not answer 200, so it can guard a change. Relative imports only (tsx).
 */
import { z } from 'zod';
import { parseArgs } from './cli';

const USAGE = `usage: npx tsx bench/page-weight.ts --url http://localhost:3222 --email E --password P
  [--limit 100000] [--locales fr,ar] [--axis A1] [--institution MJ] [--region MA-06] [--recommendation R1] [--measure A1.1.1] [--extra /a,/b]`;

const args = parseArgs(
	process.argv.slice(2),
	{
		url: z.string().url('expected the server URL'),
		email: z.string().min(1),
		password: z.string().min(1),
		limit: z.coerce.number().int().positive().default(100_000),
		locales: z.string().default('fr,ar'),
		axis: z.string().default('A1'),
		institution: z.string().default('MJ'),
		region: z.string().default('MA-06'),
		recommendation: z.string().default('R1'),
		measure: z.string().default('A1.1.1'),
		extra: z.string().default('')
	},
	USAGE
);

const base = args.url.replace(/\/$/, '');
const pages = [
	'/',
	'/measures',
	`/axes/${args.axis}`,
	`/institutions/${args.institution}`,
	`/regions/${args.region}`,
	`/recommendations/${args.recommendation}`,
	'/institutions',
	'/regions',
	'/recommendations',
	'/review',
	`/measures/${args.measure}`,
	'/plans',
	'/indicators',
	...args.extra.split(',').filter(Boolean)
];

/** The session cookie of a sign-in (the form posts with the app's own Origin, as a browser does). */
async function signIn(): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: args.email, password: args.password })
	});
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
	const session = cookies.filter((c) => !c.startsWith('rasd_locale='));
	if (res.status >= 400 || session.length === 0) {
		console.error(`sign-in as ${args.email} failed (${res.status}): is the account on this database?`);
		process.exit(2);
	}
	return session.join('; ');
}

const session = await signIn();
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
let failed = 0;
console.log(`page weight, ${base}, limit ${kb(args.limit)} of plain HTML`);
console.log(['page', ...args.locales.split(',')].join('\t'));
for (const path of pages) {
	const cells: string[] = [];
	for (const locale of args.locales.split(',')) {
		const res = await fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie: `${session}; rasd_locale=${locale}`, 'accept-encoding': 'identity' } });
		const bytes = Buffer.byteLength(await res.text());
		const ok = res.status === 200 && bytes <= args.limit;
		if (!ok) failed++;
		cells.push(`${res.status === 200 ? kb(bytes) : `HTTP ${res.status}`} ${ok ? '✓' : '✗'}`);
	}
	console.log([path, ...cells].join('\t'));
}
console.log(failed ? `${failed} over ${kb(args.limit)} (or not 200)` : `every page within ${kb(args.limit)}`);
process.exit(failed ? 1 : 0);
