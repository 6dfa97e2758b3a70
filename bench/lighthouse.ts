/**
 * Mobile Lighthouse performance of the app's pages, signed in, in French and Arabic (issue 16: "≥ 95
 * on every page in French and Arabic, on a quiet machine"). Lighthouse is not a dependency of the
 * project (it would bring its own Chrome tooling into every install): install it in a scratch folder
 * and pass its binary. It drives Debian's Chromium, headless, with the flags this machine needs.
 *
 *   (mkdir -p /tmp/lh && cd /tmp/lh && npm init -y && npm i -E lighthouse@12.2.3)
 *   DATABASE_URL=/tmp/lh.db PORT=3400 node scripts/start.mjs &        # the demonstration database
 *   npx tsx bench/lighthouse.ts --url http://localhost:3400 --lighthouse /tmp/lh/node_modules/.bin/lighthouse \
 *     --email commission@rasd.demo --password 'Rasd-Commission-2026!' --paths /,/measures/A1.1.1,/regions/MA-06
 *
 * Prints, per page and language, the score and the metrics behind it, and the load average before and
 * after (the host may be shared: Lighthouse slows the CPU 4× from what it finds, so a busy machine
 * scores lower). Relative imports only (tsx).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseArgs } from './cli';

const USAGE = `usage: npx tsx bench/lighthouse.ts --url http://localhost:3400 --lighthouse PATH --email E --password P
  [--locales fr,ar] [--paths /,/measures/A1.1.1] [--chromium /usr/bin/chromium]`;

const args = parseArgs(
	process.argv.slice(2),
	{
		url: z.string().url('expected the server URL'),
		lighthouse: z.string().min(1, 'the lighthouse binary, installed outside the project'),
		email: z.string().min(1),
		password: z.string().min(1),
		locales: z.string().default('fr,ar'),
		paths: z.string().default('/,/measures/A1.1.1,/regions/MA-06'),
		chromium: z.string().default('/usr/bin/chromium')
	},
	USAGE
);

const base = args.url.replace(/\/$/, '');

/** The session cookie of a sign-in (the form posts with the app's own Origin, as a browser does). */
async function signIn(): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: args.email, password: args.password })
	});
	const session = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.filter((c) => !c.startsWith('rasd_locale='));
	if (res.status >= 400 || session.length === 0) {
		console.error(`sign-in as ${args.email} failed (${res.status})`);
		process.exit(2);
	}
	return session.join('; ');
}

interface Audit {
	displayValue?: string;
}
const Report = z.object({
	categories: z.object({ performance: z.object({ score: z.number().nullable() }) }),
	audits: z.record(z.string(), z.custom<Audit>())
});

const session = await signIn();
const out = mkdtempSync(join(tmpdir(), 'rasd-lh-'));
const load = () =>
	loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');
console.log(`load average before: ${load()}`);
const scores: number[] = [];
try {
	for (const locale of args.locales.split(',')) {
		for (const path of args.paths.split(',')) {
			const file = join(out, 'report.json');
			execFileSync(
				args.lighthouse,
				[
					`${base}${path}`,
					'--only-categories=performance',
					'--output=json',
					`--output-path=${file}`,
					'--quiet',
					`--extra-headers=${JSON.stringify({ cookie: `${session}; rasd_locale=${locale}` })}`,
					`--chrome-path=${args.chromium}`,
					'--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run'
				],
				{ stdio: ['ignore', 'ignore', 'inherit'] }
			);
			const r = Report.parse(JSON.parse(readFileSync(file, 'utf8')));
			const score = Math.round((r.categories.performance.score ?? 0) * 100);
			scores.push(score);
			const metric = (k: string) => r.audits[k]?.displayValue ?? '?';
			console.log(
				`${locale} ${path.padEnd(24)} performance ${String(score).padStart(3)} · FCP ${metric('first-contentful-paint')} · LCP ${metric('largest-contentful-paint')}` +
					` · TBT ${metric('total-blocking-time')} · CLS ${metric('cumulative-layout-shift')} · SI ${metric('speed-index')}`
			);
		}
	}
} finally {
	rmSync(out, { recursive: true, force: true });
}
console.log(`load average after: ${load()}; lowest score ${Math.min(...scores)} (target ≥ 95)`);
