/**
 * Builds a national-scale Rasd database for benchmarks:
 *
 *   npx tsx bench/generate.ts [--out bench/out/national.db] [--measures 5000] [--indicators 50000]
 *                             [--values 500000] [--updates 50000] [--institutions 40] [--seed 20261123]
 *
 * A fresh SQLite file with the real migrations, the public record (`seedDatabase(db, { demo: false })`),
 * then generated rows (all `is_demo = 1`): extra institutions up to `--institutions`, objectives under the
 * four axes of PN-2023-2030, measures with contributors, regions, recommendation links and (a few) a
 * region-by-region roll-out, indicators, indicator values on the semesters 2023-S1 … 2026-S1 (national + 12
 * regions; `is_current = 1` on the latest validated value of each cell) and progress updates.
 *
 * Deterministic: a fixed-seed PRNG (mulberry32, one stream per table) and a fixed "today" (BENCH_TODAY),
 * never Math.random nor the clock for data. Fast: prepared better-sqlite3 statements, one transaction per
 * table. Refuses to overwrite a file that is not a previous bench database.
 *
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { openDatabase, migrateDatabase, type Db } from '../src/lib/server/db/client';
import { seedDatabase, countRows } from '../src/lib/server/seed/index';
import { parsePeriod, periodContaining, periodsBetween } from '../src/lib/domain/period';
import type { IndicatorKind, InstitutionKind, MeasureStatus, Pillar, RolloutStage, WorkflowState } from '../src/lib/domain/enums';
import { BENCH_TODAY, count, parseArgs, usageError } from './cli';
import { stream as seededStream } from '../src/lib/domain/random';

const USAGE = `Usage: npx tsx bench/generate.ts [options]

Builds a fresh, deterministic national-scale database for the benchmarks.

Options:
  --out PATH           database file to create (default bench/out/national.db; a previous bench
                       database there is replaced, any other file is left alone)
  --measures N         measures (default 5000)
  --indicators N       indicators (default 50000)
  --values N           indicator values (default 500000)
  --updates N          progress updates (default 50000)
  --institutions N     institutions in total, public record included (default 40)
  --seed N             PRNG seed (default 20261123)
  --help               show this help`;

const args = parseArgs(
	process.argv.slice(2),
	{
		out: z.string().trim().min(1, 'expected a file path').default('bench/out/national.db'),
		measures: count(5000, 1, 1_000_000),
		indicators: count(50_000, 0, 10_000_000),
		values: count(500_000, 0, 100_000_000),
		updates: count(50_000, 0, 10_000_000),
		institutions: count(40, 1, 10_000),
		seed: count(20261123, 0, 0xffffffff)
	},
	USAGE
);
if (args.values > 0 && args.indicators === 0) usageError('--values needs at least one indicator (--indicators > 0)', USAGE);
if (args.out === ':memory:') usageError('--out must be a file (the benchmarks read it afterwards)', USAGE);

const MIGRATIONS = fileURLToPath(new URL('../drizzle', import.meta.url));
const SEED_DIR = fileURLToPath(new URL('../seed', import.meta.url));
const MARKER = 'bench_generator';

// ─── deterministic randomness and dates ─────────────────────────────────────────────────────────

/** One independent stream per table, so changing one count does not reshuffle the others. */
class Rng {
	private readonly next: () => number;
	constructor(stream: string) {
		this.next = seededStream(args.seed, stream);
	}
	float(): number {
		return this.next();
	}
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}
	/** Index into `weights`, proportionally to the weights (cumulative table given). */
	weighted(cumulative: readonly number[]): number {
		const x = this.next() * cumulative[cumulative.length - 1]!;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid]! > x) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}
	/** `k` distinct items of `items` (k ≤ items.length), in random order. */
	sample<T>(items: readonly T[], k: number): T[] {
		const copy = [...items];
		for (let i = 0; i < k; i++) {
			const j = i + Math.floor(this.next() * (copy.length - i));
			[copy[i], copy[j]] = [copy[j]!, copy[i]!];
		}
		return copy.slice(0, k);
	}
}

const DAY_MS = 86_400_000;
const dayMs = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Every day 2020-01-01 … 2035-12-31 as text, and text → index: adding days is then a lookup, not a Date. */
const DAY0 = dayMs('2020-01-01');
const DAYS: string[] = [];
for (let t = DAY0; t <= dayMs('2035-12-31'); t += DAY_MS) DAYS.push(isoDay(t));
const DAY_INDEX = new Map(DAYS.map((d, i) => [d, i]));
function addDays(iso: string, n: number): string {
	const i = DAY_INDEX.get(iso.length === 10 ? iso : iso.slice(0, 10));
	const j = i === undefined ? -1 : i + n;
	return j >= 0 && j < DAYS.length ? DAYS[j]! : isoDay(dayMs(iso) + n * DAY_MS);
}
const minDate = (a: string, b: string) => (a < b ? a : b);
const at = (day: string, hour: number, minute: number) => `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
function addMonths(iso: string, n: number): string {
	const d = new Date(dayMs(iso));
	const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
	const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	return isoDay(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), last)));
}
/** The day before BENCH_TODAY: no generated instant is in the future. */
const LAST_DAY = addDays(BENCH_TODAY, -1);

/** Semesters with values and updates (2023-S1 … 2026-S1). */
const SEMESTERS = periodsBetween('semester', 2023, 2026).filter((p) => p <= '2026-S1');
const LATEST = SEMESTERS[SEMESTERS.length - 1]!;
const BOUNDS = new Map(
	SEMESTERS.map((code) => {
		const p = parsePeriod(code);
		if (!p) throw new Error(`invalid period ${code}`);
		return [code, { start: p.start, end: p.end }] as const;
	})
);
const bounds = (code: string) => BOUNDS.get(code)!;
const LATEST_END = bounds(LATEST).end;

/**
 * Splits `total` into one count per slot, proportional to random weights and at most `caps[i]` each, the
 * remainder dealt round-robin. Returns the counts and how many could be placed (< total when the caps are
 * too small).
 */
function allocate(rng: Rng, total: number, caps: readonly number[]): { counts: number[]; placed: number } {
	const weights = caps.map((c) => (c > 0 ? 0.3 + 1.4 * rng.float() : 0));
	const sum = weights.reduce((a, b) => a + b, 0);
	const counts = caps.map((c, i) => (sum > 0 ? Math.min(c, Math.floor((total * weights[i]!) / sum)) : 0));
	let placed = counts.reduce((a, b) => a + b, 0);
	let progressed = true;
	while (placed < total && progressed) {
		progressed = false;
		for (let i = 0; i < caps.length && placed < total; i++) {
			if (counts[i]! < caps[i]!) {
				counts[i]!++;
				placed++;
				progressed = true;
			}
		}
	}
	return { counts, placed };
}

// ─── vocabulary ─────────────────────────────────────────────────────────────────────────────────

type T3 = readonly [string, string, string];

const VERBS: readonly T3[] = [
	['Sensibiliser', 'تحسيس', 'Raise awareness among'],
	['Former', 'تكوين', 'Train'],
	['Renforcer', 'تعزيز', 'Strengthen'],
	['Déployer', 'تنزيل', 'Roll out'],
	['Évaluer', 'تقييم', 'Evaluate'],
	['Accompagner', 'مواكبة', 'Support'],
	['Coordonner', 'تنسيق', 'Coordinate'],
	['Mettre en place', 'إرساء', 'Set up'],
	['Harmoniser', 'ملاءمة', 'Align'],
	['Suivre', 'تتبع', 'Monitor'],
	['Financer', 'تمويل', 'Fund'],
	['Publier', 'نشر', 'Publish']
];
const OBJECTS: readonly T3[] = [
	['les acteurs de la protection de l’enfance', 'الفاعلين في حماية الطفولة', 'child-protection actors'],
	['les inspecteurs du travail', 'مفتشي الشغل', 'labour inspectors'],
	['les magistrats et les enquêteurs', 'القضاة والمحققين', 'judges and investigators'],
	['les associations de prise en charge', 'جمعيات التكفل', 'care NGOs'],
	['les migrants et les réfugiés', 'المهاجرين واللاجئين', 'migrants and refugees'],
	['les campagnes de sensibilisation régionales', 'حملات التحسيس الجهوية', 'regional awareness campaigns'],
	['le mécanisme de référencement des victimes', 'آلية إحالة الضحايا', 'the victim referral mechanism'],
	['les centres d’hébergement des victimes', 'مراكز إيواء الضحايا', 'victim shelters'],
	['la base de données nationale', 'قاعدة المعطيات الوطنية', 'the national database'],
	['les personnels des ports et aéroports', 'مستخدمي الموانئ والمطارات', 'port and airport staff'],
	['le réseau des points focaux', 'شبكة نقط الارتكاز', 'the focal-point network'],
	['les agences de recrutement', 'وكالات التشغيل', 'recruitment agencies'],
	['les unités spécialisées de police judiciaire', 'الوحدات المتخصصة للشرطة القضائية', 'specialised police units'],
	['les programmes de réinsertion', 'برامج إعادة الإدماج', 'reintegration programmes']
];
const OBJECTIVE_THEMES: readonly T3[] = [
	['Prévenir la traite', 'الوقاية من الاتجار بالبشر', 'Prevent trafficking'],
	['Protéger les victimes', 'حماية الضحايا', 'Protect victims'],
	['Poursuivre les auteurs', 'متابعة الجناة', 'Prosecute offenders'],
	['Coordonner et coopérer', 'التنسيق والتعاون', 'Coordinate and cooperate'],
	['Produire les données', 'إنتاج المعطيات', 'Produce data']
];
const INDICATOR_NAMES: readonly T3[] = [
	['Personnes formées', 'الأشخاص المكونون', 'People trained'],
	['Victimes identifiées', 'الضحايا المتعرف عليهم', 'Victims identified'],
	['Victimes orientées vers une prise en charge', 'الضحايا الموجهون للتكفل', 'Victims referred to care'],
	['Affaires poursuivies', 'القضايا المتابعة', 'Cases prosecuted'],
	['Taux de réalisation des activités', 'نسبة إنجاز الأنشطة', 'Share of activities carried out'],
	['Budget exécuté', 'الميزانية المنفذة', 'Budget spent'],
	['Inspections réalisées', 'عمليات التفتيش المنجزة', 'Inspections carried out'],
	['Texte adopté', 'النص المعتمد', 'Text adopted']
];
const INDICATOR_KIND_OF: readonly IndicatorKind[] = ['count', 'count', 'count', 'count', 'percent', 'amount', 'count', 'boolean'];
const INDICATOR_UNIT_OF: readonly (string | null)[] = ['personnes', 'personnes', 'personnes', 'affaires', '%', 'MAD', 'inspections', null];
const SDG = ['16.2.2', '8.7.1', '5.2.2', '16.2.3'];
const RETURN_COMMENT = 'Merci de préciser la source et de joindre le justificatif.';
const INSTITUTION_KINDS_CYCLE: readonly InstitutionKind[] = ['public_body', 'ministry', 'ngo', 'security', 'public_body', 'ngo'];

// ─── the database ───────────────────────────────────────────────────────────────────────────────

function prepareOutput(path: string): void {
	if (!existsSync(path)) return;
	let isBench: boolean;
	try {
		const probe = new Database(path, { readonly: true, fileMustExist: true });
		try {
			isBench =
				!!probe.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() &&
				!!probe.prepare('SELECT 1 FROM meta WHERE key = ?').get(MARKER);
		} finally {
			probe.close();
		}
	} catch {
		isBench = false;
	}
	if (!isBench) usageError(`${path} exists and is not a bench database (no meta.${MARKER}); choose another --out or remove it yourself`, USAGE);
	for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

const timings: { step: string; ms: number; rows: number }[] = [];
function step(db: Db, name: string, fn: () => number): void {
	const t0 = performance.now();
	const rows = db.$client.transaction(fn).immediate();
	timings.push({ step: name, ms: performance.now() - t0, rows });
}

async function main(): Promise<void> {
	const started = performance.now();
	const outPath = resolve(args.out);
	prepareOutput(outPath);
	const db = openDatabase(outPath);
	const c = db.$client;
	// Generator-only connection settings (the app's pragmas stay as openDatabase sets them): a page cache large
	// enough for the indexes of indicator_values, so a big transaction does not spill pages to the WAL.
	c.pragma('cache_size = -262144');
	migrateDatabase(db, MIGRATIONS);

	const tSeed = performance.now();
	const seeded = await seedDatabase(db, { demo: false, dir: SEED_DIR });
	timings.push({ step: 'public record (seedDatabase)', ms: performance.now() - tSeed, rows: Object.values(seeded.counts).reduce((a, b) => a + b, 0) });

	// Bulk load as an import would: the data_generation triggers (migration 0003; one counter update per
	// row, +17 s on 500 000 values) are set aside during the load and put back after it, and the counter
	// moved once. The search index's triggers stay: the index must be filled.
	const generationTriggers = c.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data_generation_%'`).all() as {
		name: string;
		sql: string;
	}[];
	for (const t of generationTriggers) c.exec(`DROP TRIGGER "${t.name}"`);

	const one = <T>(q: string, ...params: unknown[]) => c.prepare(q).get(...params) as T;
	const nextId = (table: string) => one<{ n: number }>(`SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`).n;
	const created = at('2023-01-02', 9, 0);

	// ── institutions ──
	const existingInst = c.prepare('SELECT id, code, kind, is_member AS isMember FROM institutions ORDER BY id').all() as {
		id: number;
		code: string;
		kind: InstitutionKind;
		isMember: number;
	}[];
	step(db, 'institutions', () => {
		const ins =
			c.prepare(`INSERT INTO institutions (code, acronym_fr, name_fr, name_ar, name_en, kind, is_member, active, sources, is_demo, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 1, 1, '[]', 1, 1, ?, ?)`);
		let n = 0;
		for (let i = existingInst.length; i < args.institutions; i++) {
			const k = i - existingInst.length + 1;
			const code = `BENCH-I${String(k).padStart(3, '0')}`;
			ins.run(
				code,
				code,
				`Institution de démonstration ${k}`,
				`مؤسسة تجريبية ${k}`,
				`Demonstration institution ${k}`,
				INSTITUTION_KINDS_CYCLE[k % INSTITUTION_KINDS_CYCLE.length]!,
				created,
				created
			);
			n++;
		}
		return n;
	});
	const inst = c.prepare('SELECT id, code, kind FROM institutions ORDER BY id').all() as { id: number; code: string; kind: InstitutionKind }[];
	// A realistic skew: the justice ministry leads most, partners seldom.
	const instWeight = (i: { code: string; kind: InstitutionKind }) =>
		i.code === 'MJ'
			? 12
			: i.code === 'PMP' || i.code === 'DGSN' || i.code === 'FAM'
				? 5
				: i.kind === 'international_partner'
					? 0.3
					: i.code.startsWith('BENCH-')
						? 0.8
						: 2;
	const instCum: number[] = [];
	inst.reduce((acc, i) => (instCum.push(acc + instWeight(i)), acc + instWeight(i)), 0);

	// ── objectives ──
	const axisRows = c
		.prepare(`SELECT a.id, a.code, a.pillar FROM axes a JOIN plans p ON p.id = a.plan_id WHERE p.code = 'PN-2023-2030' ORDER BY a.sort_order, a.code`)
		.all() as { id: number; code: string; pillar: Pillar | null }[];
	if (axisRows.length === 0) throw new Error('the public record has no axes under PN-2023-2030');
	const perAxis = Math.max(1, Math.round(args.measures / 200));
	const objectives: { id: number; code: string; axisPillar: Pillar | null }[] = [];
	step(db, 'objectives', () => {
		const ins =
			c.prepare(`INSERT INTO objectives (id, axis_id, code, title_fr, title_ar, title_en, sort_order, sources, is_demo, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, '[]', 1, 1, ?, ?)`);
		let id = nextId('objectives');
		for (const axis of axisRows) {
			for (let k = 1; k <= perAxis; k++) {
				const theme = OBJECTIVE_THEMES[(k - 1) % OBJECTIVE_THEMES.length]!;
				const code = `${axis.code}.${k}`;
				ins.run(id, axis.id, code, `${theme[0]} (${code})`, `${theme[1]} (${code})`, `${theme[2]} (${code})`, k, created, created);
				objectives.push({ id, code, axisPillar: axis.pillar });
				id++;
			}
		}
		return objectives.length;
	});

	// ── measures, planned in memory with their updates (so last_validated_at matches the history) ──
	interface PlannedUpdate {
		period: string;
		status: MeasureStatus;
		progress: number;
		state: WorkflowState;
		createdAt: string;
		submittedAt: string | null;
		reviewedAt: string | null;
	}
	interface MeasurePlan {
		id: number;
		code: string;
		objectiveId: number;
		pillar: Pillar | null;
		lead: number;
		start: string;
		deadline: string;
		weight: number;
		rollout: boolean;
		periods: string[];
		target: { status: MeasureStatus; progress: number };
		title: T3;
		updates: PlannedUpdate[];
	}
	const mRng = new Rng('measures');
	const startMin = dayMs('2023-01-01');
	const startSpan = dayMs('2026-12-31') - startMin;
	const plansList: MeasurePlan[] = [];
	let measureId = nextId('measures');
	for (let m = 0; m < args.measures; m++) {
		const oi = Math.floor((m * objectives.length) / args.measures);
		const obj = objectives[oi]!;
		const seq = m - Math.ceil((oi * args.measures) / objectives.length) + 1;
		const start = isoDay(startMin + Math.floor((Math.pow(mRng.float(), 1.4) * startSpan) / DAY_MS) * DAY_MS);
		const deadline = minDate(addMonths(start, mRng.int(6, 60)), '2030-12-31');
		const startedBy = start <= BENCH_TODAY;
		const elapsed = Math.max(0, Math.min(1, (dayMs(BENCH_TODAY) - dayMs(start)) / Math.max(1, dayMs(deadline) - dayMs(start))));
		let target: { status: MeasureStatus; progress: number };
		if (!startedBy) target = { status: 'planned', progress: 0 };
		else {
			const r = mRng.float();
			if (r < 0.15) target = { status: 'completed', progress: 100 };
			else if (r < 0.2) target = { status: 'suspended', progress: mRng.int(5, 60) };
			else if (r < 0.24) target = { status: 'cancelled', progress: mRng.int(5, 40) };
			else if (r < 0.32) target = { status: 'planned', progress: 0 };
			else target = { status: 'in_progress', progress: Math.max(1, Math.min(99, Math.round(100 * elapsed + mRng.int(-30, 15)))) };
		}
		// Reported semesters: from the start's semester, up to 2026-S1 for most, stopped earlier for some (stale).
		const first = startedBy ? periodContaining(start, 'semester') : null;
		let periods = first ? SEMESTERS.filter((p) => p >= first) : [];
		if (periods.length > 1 && mRng.chance(0.25)) periods = periods.slice(0, mRng.int(1, periods.length - 1));
		if (target.status === 'planned' && mRng.chance(0.6)) periods = [];
		const title: T3 = (() => {
			const v = mRng.pick(VERBS);
			const o = mRng.pick(OBJECTS);
			return [`${v[0]} ${o[0]}`, `${v[1]} ${o[1]}`, `${v[2]} ${o[2]}`];
		})();
		plansList.push({
			id: measureId++,
			code: `${obj.code}.${seq}`,
			objectiveId: obj.id,
			pillar: obj.axisPillar,
			lead: inst[mRng.weighted(instCum)]!.id,
			start,
			deadline,
			weight: mRng.int(1, 3),
			rollout: startedBy && mRng.chance(0.01),
			periods,
			target,
			title,
			updates: []
		});
	}

	// Progress updates: spread over the measure's reported semesters, a few corrections per semester.
	const uRng = new Rng('updates');
	const uAlloc = allocate(
		uRng,
		args.updates,
		plansList.map((p) => p.periods.length * 4)
	);
	if (uAlloc.placed < args.updates) console.warn(`warning: only ${uAlloc.placed} of ${args.updates} progress updates fit (4 per reported semester at most)`);
	plansList.forEach((p, i) => {
		const n = uAlloc.counts[i]!;
		const P = p.periods.length;
		for (let k = 0; k < P; k++) {
			const g = Math.floor(((k + 1) * n) / P) - Math.floor((k * n) / P);
			if (g === 0) continue;
			const period = p.periods[k]!;
			const last = k === P - 1;
			const progress = last ? p.target.progress : Math.min(p.target.progress === 100 ? 99 : 100, Math.round((p.target.progress * (k + 1)) / P));
			const status: MeasureStatus = last ? p.target.status : progress === 0 ? 'planned' : 'in_progress';
			const end = bounds(period).end;
			for (let j = 0; j < g; j++) {
				const lastOfPeriod = j === g - 1;
				let state: WorkflowState;
				if (!lastOfPeriod) state = uRng.chance(0.25) ? 'returned' : 'validated';
				else if (period === LATEST) {
					const r = uRng.float();
					state = r < 0.55 ? 'validated' : r < 0.93 ? 'submitted' : 'draft';
				} else state = uRng.chance(0.97) ? 'validated' : 'submitted';
				const createdDay = minDate(addDays(end, 1 + j * 6 + uRng.int(0, 5)), LAST_DAY);
				const submittedDay = minDate(addDays(createdDay, uRng.int(0, 3)), LAST_DAY);
				const reviewedDay = minDate(addDays(submittedDay, uRng.int(1, 10)), LAST_DAY);
				p.updates.push({
					period,
					status,
					progress,
					state,
					createdAt: at(createdDay, 9, uRng.int(0, 59)),
					submittedAt: state === 'draft' ? null : at(submittedDay, 10, uRng.int(0, 59)),
					reviewedAt: state === 'validated' || state === 'returned' ? at(reviewedDay, 15, uRng.int(0, 59)) : null
				});
			}
		}
	});

	step(db, 'measures', () => {
		const ins =
			c.prepare(`INSERT INTO measures (id, objective_id, code, title_fr, title_ar, title_en, description_fr, lead_institution_id, pillar, start_date, deadline,
				status, progress, weight, regional_rollout, last_validated_at, sources, is_demo, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 1, ?, ?, ?)`);
		const tRng = new Rng('measure-texts');
		for (const p of plansList) {
			const validated = p.updates.filter((u) => u.state === 'validated');
			const lastV = validated[validated.length - 1];
			// status / progress / last_validated_at are those of the last validated update
			const status: MeasureStatus = lastV ? lastV.status : 'planned';
			const progress = lastV ? lastV.progress : 0;
			const createdDay = addDays(p.start, -tRng.int(0, 30));
			const createdAt = at(createdDay < '2023-01-01' ? '2023-01-01' : minDate(createdDay, LAST_DAY), 8, 0);
			ins.run(
				p.id,
				p.objectiveId,
				p.code,
				p.title[0],
				tRng.chance(0.9) ? p.title[1] : null,
				tRng.chance(0.8) ? p.title[2] : null,
				`${p.title[0]} : mesure générée pour les tests de charge.`,
				p.lead,
				p.pillar,
				p.start,
				p.deadline,
				status,
				progress,
				p.weight,
				p.rollout ? 1 : 0,
				lastV?.reviewedAt ?? null,
				1 + validated.length,
				createdAt,
				lastV?.reviewedAt ?? createdAt
			);
		}
		return plansList.length;
	});

	step(db, 'measure_institutions + measure_regions', () => {
		const insI = c.prepare('INSERT INTO measure_institutions (measure_id, institution_id) VALUES (?, ?)');
		const insR = c.prepare('INSERT INTO measure_regions (measure_id, region_id) VALUES (?, ?)');
		const rng = new Rng('links');
		const regionIds = (c.prepare('SELECT id FROM regions ORDER BY iso').all() as { id: number }[]).map((r) => r.id);
		let n = 0;
		for (const p of plansList) {
			const contributors = new Set<number>();
			const want = rng.int(0, 3);
			for (let tries = 0; contributors.size < want && tries < 20; tries++) {
				const id = inst[rng.weighted(instCum)]!.id;
				if (id !== p.lead) contributors.add(id);
			}
			for (const id of contributors) {
				insI.run(p.id, id);
				n++;
			}
			if (p.rollout) continue; // a roll-out is national, with a stage per region
			const r = rng.float();
			const k = r < 0.4 ? 0 : r < 0.6 ? 1 : r < 0.75 ? 2 : r < 0.9 ? 3 : 4;
			for (const id of rng.sample(regionIds, k)) {
				insR.run(p.id, id);
				n++;
			}
		}
		return n;
	});

	step(db, 'recommendation_measures', () => {
		const recIds = (c.prepare('SELECT id FROM recommendations ORDER BY rank').all() as { id: number }[]).map((r) => r.id);
		const ins = c.prepare('INSERT INTO recommendation_measures (recommendation_id, measure_id) VALUES (?, ?)');
		const rng = new Rng('recommendations');
		let n = 0;
		if (recIds.length === 0) return 0;
		for (const p of plansList) {
			if (!rng.chance(0.25)) continue;
			for (const id of rng.sample(recIds, Math.min(recIds.length, rng.int(1, 3)))) {
				ins.run(id, p.id);
				n++;
			}
		}
		return n;
	});

	step(db, 'measure_region_stages', () => {
		const regionIds = (c.prepare('SELECT id FROM regions ORDER BY iso').all() as { id: number }[]).map((r) => r.id);
		const ins =
			c.prepare(`INSERT INTO measure_region_stages (measure_id, region_id, stage, since, note, state, submitted_at, reviewed_at, is_demo, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 1, 1, ?, ?)`);
		const rng = new Rng('stages');
		const STAGES: readonly RolloutStage[] = ['preparation', 'pilot', 'operational'];
		let n = 0;
		for (const p of plansList) {
			if (!p.rollout) continue;
			for (const regionId of regionIds) {
				let since = p.start;
				// k validated stages, then sometimes the next one reported but not yet validated
				const k = rng.int(0, 3);
				const last = k < STAGES.length && rng.chance(0.15) ? k : k - 1;
				for (let s = 0; s <= last; s++) {
					since = addDays(since, rng.int(30, 300));
					if (since > LAST_DAY) break;
					const pending = s === k;
					const submitted = minDate(addDays(since, 3), LAST_DAY);
					const reviewed = pending ? null : at(minDate(addDays(since, 8), LAST_DAY), 16, 0);
					ins.run(
						p.id,
						regionId,
						STAGES[s]!,
						since,
						pending ? 'submitted' : 'validated',
						at(submitted, 10, 0),
						reviewed,
						at(since, 9, 0),
						reviewed ?? at(submitted, 10, 0)
					);
					n++;
				}
			}
		}
		return n;
	});

	step(db, 'progress_updates', () => {
		const ins =
			c.prepare(`INSERT INTO progress_updates (measure_id, period, status, progress, narrative_fr, state, base_version, institution_id, review_comment, submitted_at, reviewed_at, is_demo, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 1, 1, ?, ?)`);
		let n = 0;
		for (const p of plansList) {
			for (const u of p.updates) {
				ins.run(
					p.id,
					u.period,
					u.status,
					u.progress,
					`Point d'avancement ${u.period} : ${u.progress} % des activités prévues réalisées.`,
					u.state,
					p.lead,
					u.state === 'returned' ? RETURN_COMMENT : null,
					u.submittedAt,
					u.reviewedAt,
					u.createdAt,
					u.reviewedAt ?? u.submittedAt ?? u.createdAt
				);
				n++;
			}
		}
		return n;
	});

	// ── indicators ──
	interface IndicatorPlan {
		id: number;
		kind: IndicatorKind;
		regional: boolean;
		scale: number;
		periods: string[];
	}
	const iRng = new Rng('indicators');
	const iAlloc = allocate(
		iRng,
		args.indicators,
		plansList.map(() => args.indicators)
	);
	const indicatorsList: IndicatorPlan[] = [];
	step(db, 'indicators', () => {
		const ins =
			c.prepare(`INSERT INTO indicators (id, measure_id, code, name_fr, name_ar, name_en, unit, kind, baseline_value, baseline_year, target_value, target_year, direction, frequency,
				dimensions, sensitive, sdg_target, plausible_min, plausible_max, sources, is_demo, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 2023, ?, 2030, ?, 'semester', ?, ?, ?, 0, ?, '[]', 1, 1, ?, ?)`);
		let id = nextId('indicators');
		plansList.forEach((p, mi) => {
			// values from the measure's first semester on (none for a measure that starts after 2026-S1)
			const first = p.start <= LATEST_END ? periodContaining(p.start, 'semester') : null;
			const periods = first ? SEMESTERS.filter((s) => s >= first) : [];
			for (let k = 1; k <= iAlloc.counts[mi]!; k++) {
				const t = iRng.int(0, INDICATOR_NAMES.length - 1);
				const kind = INDICATOR_KIND_OF[t]!;
				const name = INDICATOR_NAMES[t]!;
				const regional = iRng.chance(0.85);
				const scale = kind === 'count' ? iRng.int(20, 2000) : kind === 'amount' ? iRng.int(100_000, 20_000_000) : kind === 'percent' ? iRng.int(10, 70) : 1;
				const target = kind === 'percent' ? 100 : kind === 'boolean' ? 1 : Math.round(scale * (1.5 + iRng.float()));
				ins.run(
					id,
					p.id,
					`${p.code}-I${k}`,
					`${name[0]} (${p.code}, n° ${k})`,
					iRng.chance(0.9) ? `${name[1]} (${p.code}، رقم ${k})` : null,
					iRng.chance(0.8) ? `${name[2]} (${p.code}, no. ${k})` : null,
					INDICATOR_UNIT_OF[t]!,
					kind,
					kind === 'boolean' ? 0 : scale,
					target,
					t === 3 ? 'up' : iRng.chance(0.9) ? 'up' : 'down',
					JSON.stringify(regional ? ['region'] : []),
					kind === 'count' && iRng.chance(0.3) ? 1 : 0,
					iRng.chance(0.3) ? iRng.pick(SDG) : null,
					kind === 'percent' ? 100 : kind === 'boolean' ? 1 : null,
					created,
					created
				);
				indicatorsList.push({ id, kind, regional, scale, periods });
				id++;
			}
		});
		return indicatorsList.length;
	});

	// ── indicator values ──
	step(db, 'indicator_values', () => {
		const regions = c.prepare('SELECT id FROM regions ORDER BY iso').all() as { id: number }[];
		const vRng = new Rng('values');
		// a cell holds one value, or two (a correction validated on top, or a pending one)
		const cap = (i: IndicatorPlan) => i.periods.length * (i.regional ? 1 + regions.length : 1) * 2;
		const alloc = allocate(vRng, args.values, indicatorsList.map(cap));
		if (alloc.placed < args.values)
			console.warn(
				`warning: only ${alloc.placed} of ${args.values} indicator values fit (${SEMESTERS.length} semesters × 13 cells × 2 versions per indicator at most)`
			);
		const ins =
			c.prepare(`INSERT INTO indicator_values (indicator_id, period, period_start, period_end, region_id, value, source, state, is_current, review_comment,
				submitted_at, validated_at, sources, is_demo, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 1, 1, ?, ?)`);
		let written = 0;
		const valueOf = (ind: IndicatorPlan, periodIdx: number, regional: boolean): number => {
			const noise = 0.75 + 0.5 * vRng.float();
			switch (ind.kind) {
				case 'boolean':
					return periodIdx >= 3 || vRng.chance(0.3) ? 1 : 0;
				case 'percent':
					return Math.min(100, Math.round(ind.scale * (1 + 0.08 * periodIdx) * noise * 10) / 10);
				case 'amount':
					return Math.round((ind.scale * (1 + 0.1 * periodIdx) * noise) / (regional ? 12 : 1) / 1000) * 1000;
				default:
					return Math.round((ind.scale * (1 + 0.1 * periodIdx) * noise) / (regional ? 12 : 1));
			}
		};
		const write = (ind: IndicatorPlan, period: string, regionId: number | null, state: WorkflowState, current: boolean, version: number, value: number) => {
			const b = bounds(period);
			const submitted = minDate(addDays(b.end, 5 + vRng.int(0, 35) + version * 25), LAST_DAY);
			const validated = minDate(addDays(submitted, vRng.int(1, 20)), LAST_DAY);
			const createdDay = minDate(addDays(submitted, -vRng.int(0, 3)), LAST_DAY);
			const sub = state === 'draft' ? null : at(submitted, 10, vRng.int(0, 59));
			const val = state === 'validated' ? at(validated, 15, vRng.int(0, 59)) : null;
			ins.run(
				ind.id,
				period,
				b.start,
				b.end,
				regionId,
				value,
				'Rapport semestriel',
				state,
				current ? 1 : 0,
				state === 'returned' ? RETURN_COMMENT : null,
				sub,
				val,
				at(createdDay, 9, 0),
				val ?? (state === 'returned' ? at(validated, 15, 0) : sub) ?? at(createdDay, 9, 0)
			);
			written++;
		};
		indicatorsList.forEach((ind, ii) => {
			const n = alloc.counts[ii]!;
			if (n === 0) return;
			const cellsCap = ind.periods.length * (ind.regional ? 1 + regions.length : 1);
			let doubles = Math.min(cellsCap, Math.max(n - cellsCap, Math.round(n * 0.1)));
			let cells = n - doubles;
			// national first, then regions in a random order; each series over every semester
			const order: (number | null)[] = [
				null,
				...(ind.regional
					? vRng.sample(
							regions.map((r) => r.id),
							regions.length
						)
					: [])
			];
			let cellsLeft = cells;
			for (const regionId of order) {
				for (let pi = 0; pi < ind.periods.length && cells > 0; pi++) {
					const period = ind.periods[pi]!;
					const periodIdx = SEMESTERS.indexOf(period);
					const twice = doubles > 0 && vRng.float() < doubles / cellsLeft;
					cellsLeft--;
					cells--;
					const v1 = valueOf(ind, periodIdx, regionId !== null);
					if (twice) {
						doubles--;
						const r = vRng.float();
						const second: WorkflowState = r < 0.5 ? 'validated' : r < 0.75 ? 'submitted' : r < 0.9 ? 'draft' : 'returned';
						write(ind, period, regionId, 'validated', second !== 'validated', 0, v1);
						write(ind, period, regionId, second, second === 'validated', 1, valueOf(ind, periodIdx, regionId !== null));
					} else {
						const r = vRng.float();
						const state: WorkflowState =
							period === LATEST ? (r < 0.55 ? 'validated' : r < 0.9 ? 'submitted' : 'draft') : r < 0.96 ? 'validated' : r < 0.99 ? 'submitted' : 'draft';
						write(ind, period, regionId, state, state === 'validated', 0, v1);
					}
				}
				if (cells === 0) break;
			}
		});
		return written;
	});

	step(db, 'data_generation triggers back', () => {
		for (const t of generationTriggers) c.exec(t.sql);
		c.prepare('UPDATE data_generation SET value = value + 1 WHERE id = 1').run();
		c.prepare('UPDATE data_generation_domains SET value = value + 1').run();
		return generationTriggers.length;
	});

	step(db, 'meta', () => {
		c.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
			MARKER,
			JSON.stringify({ ...args, today: BENCH_TODAY })
		);
		return 1;
	});

	const tCheckpoint = performance.now();
	c.pragma('wal_checkpoint(TRUNCATE)');
	timings.push({ step: 'WAL checkpoint', ms: performance.now() - tCheckpoint, rows: 0 });

	const counts = {
		...countRows(db),
		measureInstitutions: one<{ n: number }>('SELECT count(*) AS n FROM measure_institutions').n,
		measureRegions: one<{ n: number }>('SELECT count(*) AS n FROM measure_regions').n,
		currentValues: one<{ n: number }>('SELECT count(*) AS n FROM indicator_values WHERE is_current = 1').n
	};
	const fkProblems = c.pragma('foreign_key_check') as unknown[];
	const integrity = c.pragma('quick_check', { simple: true });
	c.close();

	const total = performance.now() - started;
	console.log(`bench database: ${relative(process.cwd(), outPath) || outPath} (seed ${args.seed}, today ${BENCH_TODAY})`);
	console.log('');
	console.log('step                                      rows        ms');
	for (const t of timings) console.log(`${t.step.padEnd(38)} ${String(t.rows).padStart(9)} ${t.ms.toFixed(0).padStart(9)}`);
	console.log('');
	console.log('rows per table:');
	for (const [k, v] of Object.entries(counts)) console.log(`  ${k.padEnd(22)} ${String(v).padStart(9)}`);
	console.log('');
	console.log(`foreign_key_check: ${fkProblems.length === 0 ? 'ok' : `${fkProblems.length} problems`}; quick_check: ${String(integrity)}`);
	console.log(`generated in ${(total / 1000).toFixed(1)} s`);
	if (fkProblems.length > 0 || integrity !== 'ok') process.exitCode = 1;
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? (e.stack ?? e.message) : e);
	process.exit(1);
});
