import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { asc, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase, resetDatabase, countRows, loadSeedFiles, SeedFileError } from '../../src/lib/server/seed/index';
import { DEMO_SEMESTERS } from '../../src/lib/server/seed/demo';
import { verifyPassword } from '../../src/lib/server/auth/password';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function freshDb(): Db {
	const t = createTestDatabase();
	cleanups.push(t.cleanup);
	return t.db;
}

/** A writable copy of seed/ in a temp folder. */
function seedCopy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'rasd-seed-'));
	cpSync('seed', dir, { recursive: true });
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

const count = (db: Db, table: string) => db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM "${table}"`))!.n;

describe('seedDatabase (public record + demonstration)', () => {
	let db: Db;
	beforeAll(async () => {
		db = freshDb();
		const result = await seedDatabase(db, { demo: true });
		expect(result.seeded).toBe(true);
	}, 30_000);

	it('gives the 12 regions, the institutions, at least 64 measures and 120 indicators', () => {
		expect(count(db, 'regions')).toBe(12);
		expect(count(db, 'institutions')).toBeGreaterThanOrEqual(31);
		expect(count(db, 'measures')).toBeGreaterThanOrEqual(64);
		expect(count(db, 'indicators')).toBeGreaterThanOrEqual(120);
		expect(count(db, 'plans')).toBe(3);
		expect(
			db
				.select()
				.from(s.axes)
				.all()
				.every((a) => a.reconstructed && a.sources !== '[]')
		).toBe(true);
		const regions = db.select().from(s.regions).orderBy(asc(s.regions.iso)).all();
		expect(regions.map((r) => r.iso)).toEqual(Array.from({ length: 12 }, (_, i) => `MA-${String(i + 1).padStart(2, '0')}`));
		expect(regions.reduce((a, r) => a + (r.population ?? 0), 0)).toBe(36_828_330);
	});

	it('has validated values in every semester 2023-S1 … 2026-S1 for all 12 regions', () => {
		expect(DEMO_SEMESTERS).toEqual(['2023-S1', '2023-S2', '2024-S1', '2024-S2', '2025-S1', '2025-S2', '2026-S1']);
		const rows = db.all<{ period: string; regions: number }>(sql`
			SELECT period, count(DISTINCT region_id) AS regions FROM indicator_values
			WHERE state = 'validated' AND region_id IS NOT NULL AND period GLOB '[0-9][0-9][0-9][0-9]-S[12]'
			GROUP BY period ORDER BY period`);
		for (const period of DEMO_SEMESTERS) expect(rows.find((r) => r.period === period)?.regions, period).toBe(12);
		// period bounds filled and coherent with the code
		const bad = db.all(
			sql`SELECT id FROM indicator_values WHERE period_start > period_end OR (period LIKE '%-S1' AND period_end <> substr(period, 1, 4) || '-06-30')`
		);
		expect(bad).toEqual([]);
	});

	it('keeps national counts equal to the sum of the regions, and percents within the regional range', () => {
		const incoherent = db.all(sql`
			SELECT n.indicator_id, n.period FROM indicator_values n
			JOIN indicators i ON i.id = n.indicator_id
			JOIN (SELECT indicator_id, period, state, sum(value) AS total, min(value) AS lo, max(value) AS hi
			      FROM indicator_values WHERE region_id IS NOT NULL AND sex IS NULL GROUP BY indicator_id, period, state) r
			  ON r.indicator_id = n.indicator_id AND r.period = n.period AND r.state = n.state
			WHERE n.region_id IS NULL AND n.sex IS NULL AND n.age_group IS NULL AND n.state = 'validated'
			  AND ((i.kind = 'count' AND n.value <> r.total) OR (i.kind = 'percent' AND (n.value < r.lo - 0.05 OR n.value > r.hi + 0.05)))`);
		expect(incoherent).toEqual([]);
		// exactly one current value per cell
		const dup = db.all(sql`
			SELECT indicator_id, period, region_id FROM indicator_values WHERE is_current = 1
			GROUP BY indicator_id, period, ifnull(region_id, 0), ifnull(sex, ''), ifnull(age_group, ''), ifnull(exploitation, ''), ifnull(nationality, '')
			HAVING count(*) > 1`);
		expect(dup).toEqual([]);
	});

	it('links each of the ten recommendations to at least one measure', () => {
		const rows = db.all<{ code: string; n: number }>(sql`
			SELECT r.code, count(rm.measure_id) AS n FROM recommendations r
			LEFT JOIN recommendation_measures rm ON rm.recommendation_id = r.id GROUP BY r.id ORDER BY r.rank`);
		expect(rows.map((r) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10']);
		for (const r of rows) expect(r.n, r.code).toBeGreaterThanOrEqual(1);
		const recs = db.select().from(s.recommendations).orderBy(asc(s.recommendations.rank)).all();
		expect(recs[0]!.officialTextStatus).toBe('verbatim_complete');
		expect(recs[1]!.officialTextStatus).toBe('verbatim_truncated');
		for (const r of recs.slice(2)) {
			expect(r.isDemo).toBe(true);
			expect(r.officialText).toBeNull();
			expect(r.officialTextStatus).toBe('not_retrieved');
		}
	});

	it('gives every public (non-demo) plan, institution, region and recommendation at least one source', () => {
		for (const table of ['plans', 'institutions', 'regions', 'recommendations', 'axes', 'partner_projects']) {
			const rows = db.all<{ sources: string; is_demo: number }>(sql.raw(`SELECT sources, is_demo FROM "${table}" WHERE is_demo = 0`));
			expect(rows.length, table).toBeGreaterThan(0);
			for (const r of rows) {
				const sources = JSON.parse(r.sources) as { title: string; url: string }[];
				expect(sources.length, table).toBeGreaterThanOrEqual(1);
				// every source has a title; a document with no web address is cited beside one that has one
				expect(
					sources.every((x) => x.title && (x.url === undefined || /^https?:\/\//.test(x.url))),
					table
				).toBe(true);
				expect(
					sources.some((x) => /^https?:\/\//.test(x.url)),
					table
				).toBe(true);
			}
		}
	});

	it('starts the history of partner support with the 2013-2015 phase, completed, its figures marked as unconfirmed', () => {
		const p = db.get<{ start: string | null; end: string | null; status: string; note: string; isDemo: number; sources: string }>(
			sql`SELECT start_date AS start, end_date AS "end", status, note, is_demo AS isDemo, sources FROM partner_projects WHERE code = 'PP-ONUF-MJ-2013'`
		)!;
		// dated by years only, so no end date to derive it from: the record says it is over
		expect(p).toMatchObject({ start: null, end: null, status: 'completed', isDemo: 0 });
		for (const figure of ['253 magistrates', '135 social workers', '8 reception units', '5 May 2015']) expect(p.note).toContain(figure);
		expect(p.note).toContain('NOT confirmed by a second source');
		expect((JSON.parse(p.sources) as { title: string }[]).map((x) => x.title).join(' ')).toMatch(/seed 000.*non confirmés/);
	});

	it('stores the real national figures as non-demo values with their sources, and keeps disputed figures out', () => {
		const values = db
			.select({
				code: s.indicators.code,
				period: s.indicatorValues.period,
				value: s.indicatorValues.value,
				isDemo: s.indicatorValues.isDemo,
				sources: s.indicatorValues.sources,
				sex: s.indicatorValues.sex,
				age: s.indicatorValues.ageGroup
			})
			.from(s.indicatorValues)
			.innerJoin(s.indicators, eq(s.indicators.id, s.indicatorValues.indicatorId))
			.where(eq(s.indicatorValues.isDemo, false))
			.all();
		expect(values.length).toBeGreaterThan(20);
		expect(values.every((v) => JSON.parse(v.sources).length >= 1)).toBe(true);
		const total = (code: string, period: string) => values.find((v) => v.code === code && v.period === period && v.sex === null && v.age === null)?.value;
		expect(total('NAT-VICT', '2022')).toBe(166);
		expect(total('NAT-CONV', '2022')).toBe(101);
		expect(total('NAT-PROS', '2024')).toBe(213);
		expect(total('NAT-INV', '2023')).toBeUndefined(); // 119 vs 79: sources disagree
		const victims = db.select().from(s.indicators).where(eq(s.indicators.code, 'NAT-VICT')).get()!;
		expect(victims.sensitive).toBe(true);
		expect(victims.isDemo).toBe(false);
	});

	it('creates the five demo accounts with working passwords, and a focal point per lead institution', async () => {
		const files = loadSeedFiles();
		expect(files.demoAccounts.accounts).toHaveLength(5);
		for (const a of files.demoAccounts.accounts) {
			const u = db.select().from(s.users).where(eq(s.users.email, a.email)).get();
			expect(u?.role, a.email).toBe(a.role);
			expect(u?.isDemo).toBe(true);
		}
		const admin = db.select().from(s.users).where(eq(s.users.email, 'admin@rasd.demo')).get()!;
		expect(await verifyPassword(admin.passwordHash, 'Rasd-Admin-2026!')).toBe(true);
		const leads = db.all<{ code: string; n: number }>(sql`
			SELECT i.code, (SELECT count(*) FROM users u WHERE u.institution_id = i.id AND u.role = 'focal_point') AS n
			FROM institutions i WHERE i.id IN (SELECT lead_institution_id FROM measures)`);
		for (const l of leads) expect(l.n, l.code).toBeGreaterThanOrEqual(1);
		const pf = db.select().from(s.users).where(eq(s.users.email, 'pf.mj@rasd.demo')).get()!;
		expect(await verifyPassword(pf.passwordHash, files.demoAccounts.generatedFocalPoints.password)).toBe(true);
	});

	it("makes each measure's status and progress those of its last validated update; completed ⇒ 100", () => {
		const measures = db.select().from(s.measures).all();
		for (const m of measures) {
			const last = db
				.select()
				.from(s.progressUpdates)
				.where(sql`${s.progressUpdates.measureId} = ${m.id} AND ${s.progressUpdates.state} = 'validated'`)
				.orderBy(sql`${s.progressUpdates.reviewedAt} DESC`)
				.limit(1)
				.get();
			expect(last, m.code).toBeDefined();
			expect([m.status, m.progress, m.lastValidatedAt], m.code).toEqual([last!.status, last!.progress, last!.reviewedAt]);
			if (m.status === 'completed') expect(m.progress, m.code).toBe(100);
			expect(m.isDemo).toBe(true);
		}
		const perMeasure = db.all<{ n: number }>(sql`SELECT count(*) AS n FROM progress_updates WHERE state = 'validated' GROUP BY measure_id`);
		expect(Math.min(...perMeasure.map((r) => r.n))).toBeGreaterThanOrEqual(2);
		expect(Math.max(...perMeasure.map((r) => r.n))).toBeLessThanOrEqual(6);
		const states = db.all<{ state: string; n: number }>(sql`SELECT state, count(*) AS n FROM progress_updates GROUP BY state`);
		for (const st of ['validated', 'submitted', 'returned', 'draft']) expect(states.find((r) => r.state === st)?.n, st).toBeGreaterThan(0);
		const statuses = new Set(measures.map((m) => m.status));
		for (const st of ['in_progress', 'completed', 'planned', 'suspended', 'cancelled']) expect(statuses.has(st as never), st).toBe(true);
		// some overdue: deadline passed, neither completed nor cancelled
		expect(measures.filter((m) => m.deadline < '2026-07-20' && m.status !== 'completed' && m.status !== 'cancelled').length).toBeGreaterThan(0);
		// no timestamp after the demonstration's today
		expect(db.all(sql`SELECT id FROM progress_updates WHERE coalesce(reviewed_at, submitted_at, created_at) >= '2026-07-20'`)).toEqual([]);
	});

	it('deploys the MNR region by region with validated stages', () => {
		const mnr = db.select().from(s.measures).where(eq(s.measures.regionalRollout, true)).all();
		expect(mnr).toHaveLength(1);
		const lead = db.select().from(s.institutions).where(eq(s.institutions.id, mnr[0]!.leadInstitutionId)).get()!;
		expect(lead.code).toBe('MJ');
		const stages = db.select().from(s.measureRegionStages).where(eq(s.measureRegionStages.measureId, mnr[0]!.id)).all();
		expect(new Set(stages.map((x) => x.regionId)).size).toBe(12);
		const kinds = new Set(stages.filter((x) => x.state === 'validated').map((x) => x.stage));
		for (const st of ['not_started', 'preparation', 'pilot', 'operational']) expect(kinds.has(st as never), st).toBe(true);
	});
});

describe('seeding twice, determinism, reset', () => {
	it('does nothing the second time and keeps the rows users added', async () => {
		const db = freshDb();
		await seedDatabase(db, { demo: true });
		const before = countRows(db);
		db.insert(s.institutions).values({ code: 'USER-ADDED', nameFr: 'Institution ajoutée', kind: 'ngo' }).run();
		const second = await seedDatabase(db, { demo: true });
		expect(second.seeded).toBe(false);
		expect({ ...second.counts, institutions: second.counts.institutions! - 1 }).toEqual(before);
		expect(db.select().from(s.institutions).where(eq(s.institutions.code, 'USER-ADDED')).get()).toBeDefined();
		const meta = db.select().from(s.meta).all();
		expect(meta.map((m) => m.key).sort()).toEqual(['demo_today', 'seed_kind', 'seed_version', 'seeded_at']);
	});

	it('gives identical measure, indicator and update rows on two fresh databases', async () => {
		const a = freshDb();
		const b = freshDb();
		await seedDatabase(a, { demo: true });
		await seedDatabase(b, { demo: true });
		for (const table of [s.measures, s.indicators, s.progressUpdates, s.measureRegionStages] as const) {
			expect(a.select().from(table).all()).toEqual(b.select().from(table).all());
		}
		expect(a.select().from(s.indicatorValues).orderBy(asc(s.indicatorValues.id)).all()).toEqual(
			b.select().from(s.indicatorValues).orderBy(asc(s.indicatorValues.id)).all()
		);
	});

	it('seeds only the public record with demo: false, and reseeds after resetDatabase', async () => {
		const db = freshDb();
		const pub = await seedDatabase(db, { demo: false });
		expect(pub.kind).toBe('public');
		expect(count(db, 'measures')).toBe(0);
		expect(count(db, 'users')).toBe(0);
		expect(db.all(sql`SELECT id FROM recommendations WHERE is_demo = 0`)).toHaveLength(2);
		resetDatabase(db);
		for (const table of ['regions', 'institutions', 'plans', 'recommendations', 'meta']) expect(count(db, table), table).toBe(0);
		const again = await seedDatabase(db, { demo: true });
		expect(again.seeded).toBe(true);
		expect(again.counts.measures).toBeGreaterThanOrEqual(64);
		resetDatabase(db);
		expect(Object.values(countRows(db)).every((n) => n === 0)).toBe(true);
	});
});

describe('loadSeedFiles errors', () => {
	it('names the file, the row and the field of a wrong type, and writes nothing', async () => {
		const dir = seedCopy();
		const file = join(dir, 'regions.json');
		const data = JSON.parse(readFileSync(file, 'utf8'));
		data.regions[3].population = '5132639';
		writeFileSync(file, JSON.stringify(data));
		expect(() => loadSeedFiles(dir)).toThrow(SeedFileError);
		expect(() => loadSeedFiles(dir)).toThrow(`${join(dir, 'regions.json')}: row 3 (MA-04): field "population": Expected number, received string`);

		const db = freshDb();
		await expect(seedDatabase(db, { demo: true, dir })).rejects.toThrow(/regions\.json: row 3 \(MA-04\)/);
		expect(Object.values(countRows(db)).every((n) => n === 0)).toBe(true);
		expect(count(db, 'meta')).toBe(0);
	});

	it('says which file is missing', async () => {
		const dir = seedCopy();
		unlinkSync(join(dir, 'recommendations.json'));
		expect(() => loadSeedFiles(dir)).toThrow(`${join(dir, 'recommendations.json')}: file not found`);
		const db = freshDb();
		await expect(seedDatabase(db, { demo: false, dir })).rejects.toThrow(/file not found/);
		expect(count(db, 'regions')).toBe(0);
	});

	it('says which file holds invalid JSON', () => {
		const dir = seedCopy();
		writeFileSync(join(dir, 'institutions.json'), '{ "_source": "x", "institutions": [ ');
		expect(() => loadSeedFiles(dir)).toThrow(/institutions\.json: invalid JSON: /);
	});

	it('names nested fields, other collections and broken references', () => {
		const dir = seedCopy();
		const plans = JSON.parse(readFileSync(join(dir, 'plans.json'), 'utf8'));
		plans.axes[1].pillar = 'diplomacy';
		writeFileSync(join(dir, 'plans.json'), JSON.stringify(plans));
		expect(() => loadSeedFiles(dir)).toThrow(/plans\.json: axes row 1 \(A2\): field "pillar": /);

		const dir2 = seedCopy();
		const accounts = JSON.parse(readFileSync(join(dir2, 'demo-accounts.json'), 'utf8'));
		accounts.accounts[2].institution = 'NOPE';
		writeFileSync(join(dir2, 'demo-accounts.json'), JSON.stringify(accounts));
		expect(() => loadSeedFiles(dir2)).toThrow(/demo-accounts\.json: row 2 \(dgsn@rasd\.demo\): field "institution": unknown institution "NOPE"/);
	});
});

describe('seed CLI', () => {
	it('refuses --reset without a terminal or --yes, and rejects unknown flags with exit code 2', () => {
		const dir = mkdtempSync(join(tmpdir(), 'rasd-cli-'));
		cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
		const env = { ...process.env, DATABASE_URL: join(dir, 'cli.db') };
		const run = (...args: string[]) =>
			spawnSync('node_modules/.bin/tsx', ['scripts/seed.ts', ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		const reset = run('--reset');
		expect(reset.status).toBe(1);
		expect(reset.stderr).toMatch(/refusing to delete every row of .*cli\.db without confirmation.*--reset --yes/);
		const bad = run('--frobnicate');
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/unknown option "--frobnicate"/);
	}, 30_000);
});
