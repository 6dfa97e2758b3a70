/**
 * Figures honest about where they come from: every block derived from demonstration data says so,
 * from its own data (not the page's); reconstructed axes say so wherever they are listed; the
 * recommendation summaries keep to what the public record allows; and a demonstration measure that
 * names a real thing stays plausible against what is public.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { listRecommendations } from '../../src/lib/server/recommendations';
import { listInstitutions, listRegions } from '../../src/lib/server/reference';
import { listPlans } from '../../src/lib/server/plan';
import * as dashboard from '../../src/lib/server/dashboard';
import { scorecardKpis } from '../../src/lib/components/dashboard/kpis';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
}, 60_000);
afterAll(() => cleanup());

describe('demonstration badges, per block', () => {
	it('flags a recommendation row, an institution count and a region count from the measures they count', () => {
		const recs = listRecommendations(db);
		const r1 = recs.find((r) => r.recommendation.code === 'R1' && r.planCode === 'PA-2024-2025')!;
		expect(r1.measureCount).toBeGreaterThan(0);
		expect(r1.demoMeasures).toBe(r1.measureCount);
		// a recommendation answered by no measure counts no demonstration measure
		const unlinked = db.get<{ id: number }>(
			sql`INSERT INTO recommendations (plan_id, code, rank, title_fr, source_report, source_year, sources, is_demo) SELECT plan_id, 'R-TEST', 99, 'Sans mesure', source_report, source_year, '[]', 0 FROM recommendations LIMIT 1 RETURNING id`
		)!;
		expect(listRecommendations(db).find((r) => r.recommendation.id === unlinked.id)).toMatchObject({ measureCount: 0, demoMeasures: 0 });

		const dgsn = listInstitutions(db).find((r) => r.institution.code === 'DGSN')!;
		expect(dgsn.leads).toBeGreaterThan(0);
		expect(dgsn.demoLeads).toBe(dgsn.leads);
		const partner = listInstitutions(db).find((r) => r.institution.code === 'OIM')!;
		expect(partner).toMatchObject({ leads: 0, demoLeads: 0 });

		const tanger = listRegions(db).find((r) => r.region.iso === 'MA-01')!;
		expect(tanger.measures).toBeGreaterThan(0);
		expect(tanger.demoMeasures).toBe(tanger.measures);

		// once the measures are the real ones, nothing is badged
		const demoIds = db.all<{ id: number }>(sql`SELECT id FROM measures WHERE is_demo = 1`).map((r) => r.id);
		db.run(sql`UPDATE measures SET is_demo = 0`);
		try {
			expect(listRecommendations(db).find((r) => r.recommendation.id === r1.recommendation.id)!.demoMeasures).toBe(0);
			expect(listInstitutions(db).find((r) => r.institution.code === 'DGSN')!.demoLeads).toBe(0);
			expect(listRegions(db).find((r) => r.region.iso === 'MA-01')!.demoMeasures).toBe(0);
		} finally {
			db.run(sql`UPDATE measures SET is_demo = 1 WHERE id IN (SELECT value FROM json_each(${JSON.stringify(demoIds)}))`);
			db.run(sql`DELETE FROM recommendations WHERE code = 'R-TEST'`);
		}
	});

	it('badges every KPI tile of a scorecard counting demonstration measures, and none otherwise', () => {
		const figures = { measures: 12, completionRate: 25, progress: 40, overdue: 1, atRisk: 2, dueSoon: 3 };
		expect(scorecardKpis({ ...figures, demo: 12 }, { awaiting: 4 }).every((k) => k.demo)).toBe(true);
		expect(scorecardKpis({ ...figures, demo: 0 }, { awaiting: 4 }).some((k) => k.demo)).toBe(false);
		const pn = dashboard.planChoices(db).find((p) => p.code === 'PN-2023-2030')!;
		const k = dashboard.kpis(db, { kind: 'plan', planId: pn.id }, { today: '2026-07-20' });
		expect(k.demo).toBeGreaterThan(0);
	});
});

describe('reconstructed axes', () => {
	it('are marked in the overview blocks and the plan list', () => {
		const pn = dashboard.planChoices(db).find((p) => p.code === 'PN-2023-2030')!;
		const byAxis = dashboard.progressByAxis(db, { kind: 'plan', planId: pn.id }, { today: '2026-07-20' });
		expect(byAxis.length).toBe(4);
		expect(byAxis.every((a) => a.reconstructed === true)).toBe(true);
		expect(listPlans(db).find((p) => p.plan.code === 'PN-2023-2030')!.reconstructedAxes).toBe(4);
		// an axis that is not reconstructed is not marked
		db.run(sql`UPDATE axes SET reconstructed = 0 WHERE code = ${byAxis[0]!.code}`);
		expect(dashboard.progressByAxis(db, { kind: 'plan', planId: pn.id }, { today: '2026-07-20' })[0]!.reconstructed).toBe(false);
		expect(listPlans(db).find((p) => p.plan.code === 'PN-2023-2030')!.reconstructedAxes).toBe(3);
		db.run(sql`UPDATE axes SET reconstructed = 1 WHERE code = ${byAxis[0]!.code}`);
	});
});

describe('what the public record allows', () => {
	const rec = (code: string) =>
		db.get<{ fr: string; ar: string; en: string; sources: string }>(
			sql`SELECT r.summary_fr AS fr, r.summary_ar AS ar, r.summary_en AS en, r.sources FROM recommendations r JOIN plans p ON p.id = r.plan_id WHERE p.code = 'PA-2024-2025' AND r.code = ${code}`
		)!;
	it('keeps the recommendation summaries to the 2024 wording and names the list a theme comes from', () => {
		expect(rec('R1').en).toContain('especially');
		expect(rec('R1').en).not.toMatch(/\bfirst\b/);
		// R2's 2024 text is known only up to "authorities,": nothing of the 2025 continuation ("on its use")
		for (const text of Object.values(rec('R2')).slice(0, 3)) expect(text).not.toMatch(/on its use|à son usage|على استعمالها/);
		for (const code of ['R9', 'R10']) {
			const r = rec(code);
			expect(r.fr).toContain('TIP 2022');
			expect(r.ar).toContain('2022');
			expect(r.en).toContain('TIP 2022');
			expect(JSON.parse(r.sources).some((s: { title: string }) => s.title.includes('2022'))).toBe(true);
		}
	});

	it('keeps the Tanger and Fès shelters measure in progress: one shelter opened, the other not yet', () => {
		const m = db.get<{ status: string; progress: number; id: number }>(
			sql`SELECT id, status, progress FROM measures WHERE title_fr LIKE '%hébergement spécialisés à Tanger et à Fès%'`
		)!;
		expect(m.status).toBe('in_progress');
		expect(m.progress).toBeGreaterThanOrEqual(55);
		expect(m.progress).toBeLessThanOrEqual(70);
		const done = db.get<{ n: number }>(
			sql`SELECT count(*) AS n FROM progress_updates WHERE measure_id = ${m.id} AND (status = 'completed' OR progress = 100)`
		)!;
		expect(done.n).toBe(0);
	});

	it('gives the hotline calls a semester count of the order of the 1,749 communications of three weeks in 2023', () => {
		const totals = db.all<{ period: string; total: number }>(sql`
			SELECT v.period, sum(v.value) AS total FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
			WHERE i.name_fr LIKE 'Appels reçus par le numéro vert%' AND v.state = 'validated' AND v.is_current = 1 AND v.region_id IS NOT NULL
				AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
			GROUP BY i.id, v.period`);
		expect(totals.length).toBeGreaterThan(0);
		for (const t of totals) expect(t.total, t.period).toBeGreaterThan(1749);
	});
});

describe('the public record', () => {
	it('is recorded as published elsewhere, not as reported and validated here, and counts from its publication', () => {
		const rows = db.all<{
			publicRecord: number;
			reportedBy: number | null;
			validatedBy: number | null;
			submittedAt: string | null;
			validatedAt: string;
			sources: string;
			period: string;
		}>(sql`
			SELECT public_record AS publicRecord, reported_by AS reportedBy, validated_by AS validatedBy, submitted_at AS submittedAt, validated_at AS validatedAt, sources, period
			FROM indicator_values WHERE is_demo = 0`);
		expect(rows.length).toBeGreaterThan(20);
		for (const r of rows) {
			expect(r).toMatchObject({ publicRecord: 1, reportedBy: null, validatedBy: null, submittedAt: null });
			const dates = (JSON.parse(r.sources) as { date?: string }[])
				.map((s) => s.date)
				.filter(Boolean)
				.sort() as string[];
			// known from its earliest source's publication (a month or a year: its last day), never before
			if (dates[0]) expect(r.validatedAt.slice(0, 10) >= dates[0]).toBe(true);
			if (dates[0]?.length === 4) expect(r.validatedAt.slice(0, 10)).toBe(`${dates[0]}-12-31`);
		}
		expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM indicator_values WHERE is_demo = 1 AND public_record = 1`)!.n).toBe(0);
	});

	it('shows each public value with its sources and its note in the explorer, and no note for a masked one', () => {
		const x = dashboard.indicatorExplorer(db, 'NAT-VICT')!;
		const withSources = x.series.filter((p) => p.publicRecord);
		expect(withSources.length).toBeGreaterThan(0);
		for (const p of withSources) expect(JSON.parse(p.sources!).length).toBeGreaterThan(0);
		expect(x.series.some((p) => p.note)).toBe(true);
		// a partner's view of a sensitive indicator: a masked point loses its note
		const small = db.get<{ code: string }>(
			sql`SELECT i.code FROM indicators i JOIN indicator_values v ON v.indicator_id = i.id WHERE i.sensitive = 1 AND v.region_id IS NULL AND v.is_current = 1 AND v.value < 5 AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL LIMIT 1`
		);
		if (small) {
			db.run(sql`UPDATE indicator_values SET note = 'une note' WHERE indicator_id = (SELECT id FROM indicators WHERE code = ${small.code}) AND value < 5`);
			const masked = dashboard.indicatorExplorer(db, small.code, { mask: true })!;
			expect(masked.series.filter((p) => p.masked).every((p) => p.note == null)).toBe(true);
		}
	});
});
