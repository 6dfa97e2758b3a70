/**
 * The read-model cache: a page asking the same question twice between writes gets the same answer
 * without recomputing it, and any committed write — through the app, or by another connection —
 * is seen by the next read.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { openDatabase, transaction, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as dashboard from '../../src/lib/server/dashboard';
import * as readModels from '../../src/lib/server/read-models';
import { readCacheStats, memoize, models, DOMAINS } from '../../src/lib/server/read-cache';
import { captureQueries } from '../../bench/capture';
import { parseMeasureFilters } from '../../src/lib/schemas/measure';
import * as review from '../../src/lib/server/review';
import * as updates from '../../src/lib/server/progress-updates';
import { createSession } from '../../src/lib/server/auth/session';
import * as schema from '../../src/lib/server/db/schema';
import { getTableName, isTable } from 'drizzle-orm';
import { readFileSync, readdirSync } from 'node:fs';

const PLAN = 'PN-2023-2030';
const opts = { today: '2026-07-20' };
let db: Db;
let path: string;
let cleanup: () => void;
let commissionId: number;

beforeAll(async () => {
	({ db, path, cleanup } = createTestDatabase({ file: true }));
	await seedDatabase(db, { demo: true });
	commissionId = db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'commission' ORDER BY id LIMIT 1`)!.id;
}, 30_000);
afterAll(() => cleanup());
afterEach(() => {
	delete process.env.RASD_READ_CACHE;
});

describe('read-model cache', () => {
	it('answers a repeated question from the cache, with the same figures as the uncached read model', () => {
		const before = readCacheStats(db);
		const first = readModels.overview(db, PLAN, opts);
		const second = readModels.overview(db, PLAN, opts);
		const after = readCacheStats(db);
		expect(second).toBe(first);
		// two cached models: the overview's figures and the review queue's count
		expect(after.hits - before.hits).toBe(2);
		expect(first).toEqual(dashboard.overview(db, PLAN, opts));
		// other arguments are another question
		const asOf = readModels.overview(db, PLAN, { ...opts, asOf: '2025-07-20' });
		expect(asOf).not.toBe(first);
		expect(asOf).toEqual(dashboard.overview(db, PLAN, { ...opts, asOf: '2025-07-20' }));
	});

	it('shares frozen values: nobody can edit a cached answer in place', () => {
		const o = readModels.overview(db, PLAN, opts)!;
		expect(() => {
			(o.kpis as { measures: number }).measures = 0;
		}).toThrow(TypeError);
		expect(() => (o.byAxis as unknown[]).push({})).toThrow(TypeError);
	});

	it('shows a validation made through the app at the next read', () => {
		const item = review.queue(db).find((i) => i.kind === 'update');
		expect(item, 'the demonstration has updates awaiting validation').toBeTruthy();
		const stale = readModels.overview(db, PLAN, opts)!;
		const result = review.decide(db, commissionId, { kind: 'update', id: item!.id, version: item!.version, decision: 'validate' });
		expect(result.ok).toBe(true);
		const fresh = readModels.overview(db, PLAN, opts)!;
		expect(fresh).not.toBe(stale);
		expect(fresh.awaitingValidation).toBe(stale.awaitingValidation - 1);
		expect(fresh).toEqual(dashboard.overview(db, PLAN, opts));
	});

	it('shows a write committed by another connection (another process, the seed CLI)', () => {
		const code = 'A2.1.1';
		const card = () => readModels.axisScorecard(db, 'A2', opts)!;
		const before = card();
		const row = before.trend.at(-1)!;
		const other = openDatabase(path);
		try {
			// a hand-run statement: the triggers count it like any write of the app
			other.run(sql`UPDATE measures SET weight = weight + 5 WHERE code = ${code}`);
		} finally {
			other.$client.close();
		}
		const after = card();
		expect(after).not.toBe(before);
		expect(after).toEqual(dashboard.axisScorecard(db, 'A2', opts));
		expect(after.trend.at(-1)!.progress).not.toBe(row.progress);
	});

	it('does not keep what it read inside a transaction, which may still roll back', () => {
		const hitsBefore = readCacheStats(db).hits;
		transaction(db, () => {
			readModels.regionScorecard(db, 'MA-01', opts);
			readModels.regionScorecard(db, 'MA-01', opts);
		});
		expect(readCacheStats(db).hits).toBe(hitsBefore);
	});

	it('keeps a partner’s masked figures apart from the commission’s', () => {
		const code = db.get<{ code: string }>(sql`SELECT code FROM indicators WHERE sensitive = 1 ORDER BY code LIMIT 1`)!.code;
		const forPartner = readModels.indicatorExplorer(db, code, { mask: true })!;
		const forCommission = readModels.indicatorExplorer(db, code, { mask: false, includeSubmitted: true })!;
		expect(forPartner.masked).toBe(true);
		expect(forCommission.masked).toBe(false);
		expect(forCommission).toEqual(dashboard.indicatorExplorer(db, code, { mask: false, includeSubmitted: true }));
		expect(readModels.indicatorExplorer(db, code, { mask: true })).toBe(forPartner);
	});

	it('is not emptied by what no dashboard shows: sign-ins, audit rows, drafts', () => {
		const before = readModels.overview(db, PLAN, opts)!;
		createSession(db, commissionId);
		// a measure with no open update, and a focal point of its lead institution
		const target = db.get<{ id: number; userId: number; institutionId: number }>(sql`
			SELECT m.id, u.id AS userId, u.institution_id AS institutionId FROM measures m JOIN users u ON u.institution_id = m.lead_institution_id AND u.role = 'focal_point'
			WHERE NOT EXISTS (SELECT 1 FROM progress_updates p WHERE p.measure_id = m.id AND p.state IN ('draft', 'submitted', 'returned')) ORDER BY m.id LIMIT 1`)!;
		const actor = { id: target.userId, institutionId: target.institutionId };
		const draft = updates.save(db, actor, target.id, {
			intent: 'draft',
			period: '2026-S2',
			status: 'in_progress',
			progress: 40,
			narrativeFr: 'Brouillon',
			visibility: 'restricted'
		});
		expect(draft.ok).toBe(true);
		expect(readModels.overview(db, PLAN, opts)).toBe(before);
		// submitted, it awaits validation: the overview counts it
		if (!draft.ok) return;
		const submitted = updates.save(db, actor, target.id, {
			intent: 'submit',
			updateId: draft.value.id,
			version: draft.value.version,
			period: '2026-S2',
			status: 'in_progress',
			progress: 40,
			narrativeFr: 'Soumis',
			visibility: 'restricted'
		});
		expect(submitted.ok).toBe(true);
		const after = readModels.overview(db, PLAN, opts)!;
		expect(after).not.toBe(before);
		expect(after.awaitingValidation).toBe(before.awaitingValidation + 1);
	});

	it('counts the changes of every table a dashboard reads (migration 0003 triggers)', () => {
		// Tables no cached read model reads; a new table must be added here or get the triggers.
		const NOT_READ = new Set([
			'users',
			'sessions',
			'login_throttle',
			'known_clients',
			'audit_events',
			'evidence',
			'notifications',
			'outbox',
			'reports',
			'partner_projects',
			'partner_project_measures',
			'partner_project_regions',
			'exchange_rates',
			'meta',
			'data_generation',
			'data_generation_domains',
			'password_tokens',
			'import_runs',
			'report_files',
			'api_tokens'
		]);
		const tables = db
			.all<{ name: string }>(
				sql`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`
			)
			.map((r) => r.name);
		const triggers = new Set(
			db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data_generation_%'`).map((r) => r.name)
		);
		// Kept by triggers on tracked tables only (migration 0026), so it changes in a statement that already moved the count.
		const DERIVED = new Set(['measure_awaiting']);
		const tracked = tables.filter((t) => !NOT_READ.has(t) && !DERIVED.has(t));
		for (const t of tracked) {
			expect(
				['ins', 'upd', 'del'].filter((e) => !triggers.has(`data_generation_${t}_${e}`)),
				`triggers of ${t}`
			).toEqual([]);
		}
		// What the cached read models read: the tables their SQL names and the drizzle tables they import.
		const read = new Set<string>();
		const dashboardModules = readdirSync('src/lib/server/dashboard').map((f) => `dashboard/${f}`);
		for (const file of [...dashboardModules, 'plan.ts', 'columns.ts']) {
			const source = readFileSync(`src/lib/server/${file}`, 'utf8');
			for (const m of source.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/g)) if (tables.includes(m[1]!)) read.add(m[1]!);
			const imported = /import \{([^}]*)\} from '(?:\.\.?\/)+db\/schema'/.exec(source)?.[1] ?? '';
			for (const name of imported.split(',').map((x) => x.trim().replace(/^type\s+/, ''))) {
				const table = (schema as Record<string, unknown>)[name];
				if (isTable(table)) read.add(getTableName(table));
			}
		}
		expect(read.size).toBeGreaterThan(10);
		expect([...read].filter((t) => NOT_READ.has(t))).toEqual([]);
	});

	describe('a write clears only the read models whose data it changed (domains, migration 0025)', () => {
		const indicatorWithValues = () =>
			db.get<{ code: string }>(
				sql`SELECT i.code FROM indicators i WHERE EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id) ORDER BY i.id LIMIT 1`
			)!.code;

		it('keeps the overview’s figures while an indicator value is validated; only the queue’s count is read again', () => {
			const item = review.queue(db).find((i) => i.kind === 'value');
			expect(item, 'the demonstration has values awaiting validation').toBeTruthy();
			const before = readModels.overview(db, PLAN, opts)!;
			expect(review.decide(db, commissionId, { kind: 'value', id: item!.id, version: item!.version, decision: 'validate' }).ok).toBe(true);
			const after = readModels.overview(db, PLAN, opts)!;
			expect(after.awaitingValidation).toBe(before.awaitingValidation - 1);
			expect(after.byAxis).toBe(before.byAxis);
			expect(after).toEqual(dashboard.overview(db, PLAN, opts));
		});

		it('keeps the indicator explorer while a progress update is validated, and recomputes the overview', () => {
			const code = indicatorWithValues();
			const args = { includeSubmitted: true, mask: false };
			const explorer = readModels.indicatorExplorer(db, code, args);
			const overview = readModels.overview(db, PLAN, opts)!;
			const item = review.queue(db).find((i) => i.kind === 'update');
			expect(item, 'the demonstration has updates awaiting validation').toBeTruthy();
			expect(review.decide(db, commissionId, { kind: 'update', id: item!.id, version: item!.version, decision: 'validate' }).ok).toBe(true);
			expect(readModels.indicatorExplorer(db, code, args)).toBe(explorer);
			const fresh = readModels.overview(db, PLAN, opts)!;
			expect(fresh.byAxis).not.toBe(overview.byAxis);
			expect(fresh).toEqual(dashboard.overview(db, PLAN, opts));
		});

		it('moves a measure’s `progress` domain for its validated state and its `plan` domain for the rest', () => {
			const counts = () =>
				Object.fromEntries(db.all<{ domain: string; value: number }>(sql`SELECT domain, value FROM data_generation_domains`).map((r) => [r.domain, r.value]));
			const a = counts();
			db.run(sql`UPDATE measures SET progress = progress + 1, version = version + 1, updated_at = updated_at WHERE code = 'A2.1.1'`);
			const b = counts();
			expect([b.progress! - a.progress!, b.plan! - a.plan!]).toEqual([1, 0]);
			db.run(sql`UPDATE measures SET title_en = coalesce(title_en, '') || ' ' WHERE code = 'A2.1.1'`);
			const c = counts();
			expect([c.progress! - b.progress!, c.plan! - b.plan!, c.values! - b.values!]).toEqual([0, 1, 0]);
		});

		it('counts a change to any column of a measure: its update trigger names every column (a new column must join it)', () => {
			const body = db.get<{ sql: string }>(sql`SELECT sql FROM sqlite_master WHERE name = 'data_generation_measures_upd'`)!.sql;
			const columns = db.all<{ name: string }>(sql`SELECT name FROM pragma_table_info('measures')`).map((c) => c.name);
			// stale_from and behind_from (migration 0029) are kept by triggers from start_date, deadline,
			// progress and last_validated_at, in the statement that changes those, which moves the domains.
			const derived = ['version', 'updated_at', 'stale_from', 'behind_from'];
			expect(columns.filter((c) => !derived.includes(c) && !body.includes(`OLD.\`${c}\` IS NOT NEW.\`${c}\``))).toEqual([]);
		});

		it('declares, for every memoized model, each domain whose tables its SQL reads', () => {
			// The domain each tracked table counts in, read from its trigger (migration 0025).
			const domainOf = new Map<string, string>();
			for (const t of db.all<{ tbl: string; body: string }>(
				sql`SELECT tbl_name AS tbl, sql AS body FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data_generation_%_ins'`
			)) {
				const d = /`domain` = '(\w+)'/.exec(t.body)?.[1];
				expect(d, `the domain of ${t.tbl}`).toBeTruthy();
				domainOf.set(t.tbl, d!);
			}
			// The search index (FTS5) is kept by the indicators' triggers: it changes with them.
			domainOf.set('indicator_search', domainOf.get('indicators')!);
			// Each measure's review queue (migration 0026) is recounted from updates, values and stages.
			const derived = new Map([['measure_awaiting', ['progress', 'values', 'rollout']]]);
			const tables = new Set(db.all<{ name: string }>(sql`SELECT name FROM pragma_table_list WHERE schema = 'main'`).map((r) => r.name));
			const planId = db.get<{ id: number }>(sql`SELECT id FROM plans WHERE code = ${PLAN}`)!.id;
			const axisId = db.get<{ id: number }>(sql`SELECT id FROM axes WHERE code = 'A2'`)!.id;
			const scope = { kind: 'plan', planId } as const;
			const code = indicatorWithValues();
			const period = db.get<{ period: string }>(sql`SELECT period FROM indicator_values ORDER BY id LIMIT 1`)!.period;
			const list = (q: string) => parseMeasureFilters(new URLSearchParams(q)).filters;
			const history = [opts, { ...opts, asOf: '2025-07-20' }, { ...opts, period: '2025-S2' }];
			// How each model is called; a new model must be added here.
			const CALLS: Record<string, unknown[][]> = {
				overview: history.map((o) => [PLAN, o]),
				awaitingValidation: [[], [{ kind: 'axis', axisId }]],
				axisScorecard: history.map((o) => ['A2', o]),
				institutionScorecard: history.map((o) => ['DGSN', o]),
				regionScorecard: history.map((o) => ['MA-06', o]),
				recommendationScorecard: history.map((o) => ['R1', o]),
				indicatorExplorer: [[code, { includeSubmitted: true, mask: true, regionPeriod: period }]],
				searchIndicators: [['victimes']],
				regionalIndicators: [[scope]],
				mapIndicatorLayer: [[scope, { code, mask: true }]],
				getAxis: [['A2']],
				census: [[]],
				listMeasures: ['overdue=1&q=a', 'atRisk=1&sort=updated', 'region=MA-06&institution=DGSN&recommendation=R1'].map((q) => [
					list(q),
					{ today: opts.today, locale: 'fr' }
				]),
				measureFilterOptions: [[]],
				regionalSets: [[[[code, period]]]],
				breakdowns: [[[code], { mask: true, period: null, regionIso: null }]]
			};
			const names = [...models.keys()].filter((n) => !n.startsWith('singleFlight'));
			expect(names.sort()).toEqual(Object.keys(CALLS).sort());
			for (const name of names) {
				const { domains, fn } = models.get(name)!;
				const read = new Set<string>();
				const untracked = new Set<string>();
				for (const args of CALLS[name]!) {
					for (const q of captureQueries(db, () => fn(db, ...args))) {
						for (const m of q.sql.matchAll(/\b(?:FROM|JOIN)\s+[`"]?([a-z_]+)/gi)) {
							const table = m[1]!.toLowerCase();
							const d = domainOf.get(table);
							if (d) read.add(d);
							else if (derived.has(table)) for (const x of derived.get(table)!) read.add(x);
							else if (tables.has(table)) untracked.add(table);
							// A measure's validated status, progress and date count in `progress`.
							if (table === 'measures' && /\b(status|progress|last_validated_at)\b/.test(q.sql)) read.add('progress');
						}
					}
				}
				expect(read.size, `${name} reads some tracked table`).toBeGreaterThan(0);
				expect([...untracked], `tables ${name} reads that no domain counts`).toEqual([]);
				expect(
					[...read].filter((d) => !domains.includes(d as (typeof DOMAINS)[number])),
					`domains ${name} reads but does not declare`
				).toEqual([]);
			}
		});
	});

	describe('single flight: concurrent requests for one read model wait for one computation', () => {
		/** 20 requests arriving together, each on its own turn of the event loop, as the server runs them. */
		const burst = <T>(read: () => T) => Promise.all(Array.from({ length: 20 }, (_, i) => new Promise<T>((ok) => setTimeout(() => ok(read()), i % 3))));
		const bumpWeight = () => db.run(sql`UPDATE measures SET weight = weight + 1 WHERE code = 'A2.1.1'`);

		it('computes a synchronous read model once per burst, and once more after a write', async () => {
			let computations = 0;
			const counted = memoize('singleFlightSync', ['plan'], (d: Db, plan: string) => {
				computations++;
				return dashboard.overview(d, plan, opts);
			});
			const answers = await burst(() => counted(db, PLAN));
			expect(computations).toBe(1);
			expect(new Set(answers).size).toBe(1);
			bumpWeight();
			const after = await burst(() => counted(db, PLAN));
			expect(computations).toBe(2);
			expect(new Set(after).size).toBe(1);
			expect(after[0]).not.toBe(answers[0]);
		});

		it('has the requests that ask while an asynchronous computation runs wait for it', async () => {
			let computations = 0;
			const counted = memoize('singleFlightAsync', ['plan'], async (d: Db, plan: string) => {
				computations++;
				await new Promise((r) => setTimeout(r, 20));
				return dashboard.overview(d, plan, opts);
			});
			const answers = await burst(() => counted(db, PLAN));
			expect(computations).toBe(1);
			expect(new Set(answers).size).toBe(1);
			expect(answers[0]).toEqual(dashboard.overview(db, PLAN, opts));
			expect(Object.isFrozen(answers[0])).toBe(true);
		});

		it('does not keep a failed computation: the next request computes again', async () => {
			let computations = 0;
			const flaky = memoize('singleFlightFailure', ['plan'], async (d: Db, plan: string) => {
				computations++;
				await new Promise((r) => setTimeout(r, 5));
				if (computations === 1) throw new Error('database busy');
				return dashboard.overview(d, plan, opts);
			});
			const first = await Promise.allSettled(Array.from({ length: 5 }, () => flaky(db, PLAN)));
			expect(first.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
			expect(computations).toBe(1);
			const again = await flaky(db, PLAN);
			expect(computations).toBe(2);
			expect(again).toEqual(dashboard.overview(db, PLAN, opts));
		});
	});

	it('is bypassed with RASD_READ_CACHE=off', () => {
		process.env.RASD_READ_CACHE = 'off';
		const a = readModels.institutionScorecard(db, 'DGSN', opts);
		const b = readModels.institutionScorecard(db, 'DGSN', opts);
		expect(a).not.toBe(b);
		expect(a).toEqual(b);
	});
});
