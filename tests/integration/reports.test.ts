/**
 * Published reports: what partners read is a frozen snapshot of validated data with small counts
 * masked; withdrawn reports are gone (410); corrections are new versions; drafts never show.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase, DEMO_TODAY } from '../../src/lib/server/seed/index';
import * as reports from '../../src/lib/server/reports';
import { actions as newActions, load as newLoad } from '../../src/routes/(app)/reports/new/+page.server';
import { actions as reportActions, load as reportLoad } from '../../src/routes/(app)/reports/[id=id]/+page.server';
import { load as publicLoad } from '../../src/routes/p/[token]/+page.server';
import { GET as pdfGet } from '../../src/routes/(app)/reports/[id=id]/report.pdf/+server';
import { renderReportPdfs } from '../../src/lib/server/report-pdf';
import { actions as reviewActions } from '../../src/routes/(app)/review/+page.server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
const users: Record<string, SessionUser> = {};
const user = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};

beforeAll(async () => {
	process.env.RASD_PDF = 'off';
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	users.commission = user('commission@rasd.demo');
	users.partner = user('oim@rasd.demo');
	users.dgsn = user('dgsn@rasd.demo');
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

const load = (fn: unknown, u: SessionUser | null, params: Record<string, string>, path = '/') =>
	run(fn as never, { ...actionEvent({ user: u, params, path }), parent: async () => ({ today: DEMO_TODAY }) } as never);
const publishForm = (u: SessionUser, values: Record<string, string>) =>
	run(newActions.publish as never, actionEvent({ user: u, path: '/reports/new', body: formData(values) }));

describe('published reports', () => {
	it('the demonstration seed publishes one report per past semester, newest first, flagged demonstration', () => {
		const list = reports.list(db, users.partner!);
		expect(list.map((r) => r.period)).toEqual(['2025-S2', '2025-S1', '2024-S2', '2024-S1', '2023-S2', '2023-S1']);
		expect(list.every((r) => r.isDemo && r.state === 'published' && r.planCode === 'PN-2023-2030')).toBe(true);
		expect(reports.list(db, users.partner!, { period: '2024-S1' }).map((r) => r.period)).toEqual(['2024-S1']);
		expect(reports.list(db, users.partner!, { plan: 'PA-2024-2025' })).toEqual([]);
	});

	it('refuses bad publish input with field errors in message keys, and a partner or a focal point outright', async () => {
		const bad = await publishForm(users.commission!, { plan: 'PN-2023-2030', period: '2025-Q1', scope: 'axis', n_axes_ar: 'نص' });
		expect(bad.status).toBe(400);
		expect(bad.data!.publish.errors).toMatchObject({
			period: 'err_report_period_invalid',
			axis: 'err_report_axis_required',
			n_summary_fr: 'err_report_summary_required',
			n_axes_fr: 'err_report_narrative_fr_first'
		});
		expect((await publishForm(users.partner!, { plan: 'PN-2023-2030', period: '2025-S1', n_summary_fr: 'x' })).status).toBe(403);
		expect((await publishForm(users.dgsn!, { plan: 'PN-2023-2030', period: '2025-S1', n_summary_fr: 'x' })).status).toBe(403);
		expect((await load(newLoad, users.partner!, {}, '/reports/new')).status).toBe(403);
	});

	it('freezes the figures: a value validated after publication changes the dashboards, not the report', async () => {
		// A national value awaiting validation that would become its indicator's latest value by 2026-S1.
		const pending = db.get<{ id: number; version: number; value: number; code: string }>(sql`
			SELECT v.id, v.version, v.value, i.code FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
			WHERE v.state = 'submitted' AND v.region_id IS NULL AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
				AND v.period_end <= '2026-06-30' AND i.sensitive = 0
				AND NOT EXISTS (SELECT 1 FROM indicator_values c WHERE c.indicator_id = v.indicator_id AND c.is_current = 1 AND c.region_id IS NULL AND c.sex IS NULL AND c.age_group IS NULL AND c.exploitation IS NULL AND c.nationality IS NULL AND (c.period_start > v.period_start OR c.value = v.value))
			ORDER BY i.code LIMIT 1`)!;
		expect(pending).toBeDefined();
		const r = await publishForm(users.commission!, {
			plan: 'PN-2023-2030',
			period: '2026-S1',
			scope: 'plan',
			n_summary_fr: 'Synthèse du premier semestre 2026',
			n_summary_ar: 'ملخص الأسدس الأول 2026'
		});
		expect(r.status).toBe(303);
		const id = Number(r.location!.split('/').pop());
		const before = reports.get(db, users.partner!, id);
		if (!before || before === 'gone') throw new Error('not readable');
		const row = () => (reports.get(db, users.partner!, id) as reports.ReportView).snapshot.indicators.rows.find((x) => x.code === pending.code)!;
		expect(row()).toBeDefined();
		expect(row().value).not.toBe(pending.value);
		expect(before.snapshot.narratives.summary).toEqual({ fr: 'Synthèse du premier semestre 2026', ar: 'ملخص الأسدس الأول 2026', en: null });
		expect(before).toMatchObject({ publishedByName: users.commission!.name, reportVersion: 1, state: 'published' });

		const ok = await run(
			reviewActions.decide as never,
			actionEvent({
				user: users.commission!,
				path: '/review',
				body: formData({ kind: 'value', id: String(pending.id), version: String(pending.version), decision: 'validate' })
			})
		);
		expect(ok.status).toBe(200);
		const live = reports.buildSnapshot(db, { planCode: 'PN-2023-2030', period: '2026-S1', scope: 'plan' }, { today: DEMO_TODAY })!;
		expect(live.indicators.rows.find((x) => x.code === pending.code)!.value).toBe(pending.value);
		expect(row().value).toBe(before.snapshot.indicators.rows.find((x) => x.code === pending.code)!.value);
		const audit = db
			.select()
			.from(s.auditEvents)
			.where(eq(s.auditEvents.entityId, String(id)))
			.all()
			.filter((e) => e.entity === 'report');
		expect(audit.map((e) => [e.action, e.userId])).toEqual([['report.publish', users.commission!.id]]);
	});

	it('masks a small count of victims in the snapshot itself, through the confidentiality function', () => {
		const ind = db.get<{ id: number; code: string }>(
			sql`SELECT i.id, i.code FROM indicators i WHERE i.sensitive = 1 AND i.measure_id IN (SELECT m.id FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = 'PN-2023-2030') ORDER BY i.code LIMIT 1`
		)!;
		expect(ind).toBeDefined();
		db.run(sql`UPDATE indicator_values SET is_current = 0 WHERE indicator_id = ${ind.id} AND region_id IS NULL`);
		db.insert(s.indicatorValues)
			.values({
				indicatorId: ind.id,
				period: '2025-S2',
				periodStart: '2025-07-01',
				periodEnd: '2025-12-31',
				value: 3,
				state: 'validated',
				isCurrent: true,
				source: 'test'
			})
			.run();
		const result = reports.publish(
			db,
			users.commission!.id,
			{ planCode: 'PN-2023-2030', period: '2025-S2', scope: 'plan', narratives: { summary: { fr: 'x', ar: null, en: null } } },
			{ today: DEMO_TODAY }
		);
		if (!result.ok) throw new Error(result.kind);
		const frozen = db.select().from(s.reports).where(eq(s.reports.id, result.value.id)).get()!;
		const snap = frozen.frozenData!;
		const cell = snap.indicators.rows.find((r) => r.code === ind.code)!;
		expect(cell).toMatchObject({ masked: true, value: null, sensitive: true });
		expect(snap.confidentiality.maskedCells).toBeGreaterThan(0);
		// As staff who may read small counts see it, the same figure is there: the masking is the viewer's.
		const staff = reports.buildSnapshot(
			db,
			{ planCode: 'PN-2023-2030', period: '2025-S2', scope: 'plan' },
			{ today: DEMO_TODAY, viewer: { id: users.commission!.id, role: 'commission', institutionId: null } }
		)!;
		expect(staff.indicators.rows.find((r) => r.code === ind.code)).toMatchObject({ masked: false, value: 3 });
	});

	it('publishes an axis and the priority recommendations as their own scopes', () => {
		const axis = reports.buildSnapshot(db, { planCode: 'PN-2023-2030', period: '2025-S1', scope: 'axis', axisCode: 'A2' }, { today: DEMO_TODAY })!;
		expect(axis.byAxis.map((a) => a.code)).toEqual(['A2']);
		expect(axis.indicators.rows.every((r) => r.axisCode === 'A2')).toBe(true);
		const recs = reports.buildSnapshot(db, { planCode: 'PN-2023-2030', period: '2025-S1', scope: 'recommendations' }, { today: DEMO_TODAY })!;
		const whole = reports.buildSnapshot(db, { planCode: 'PN-2023-2030', period: '2025-S1', scope: 'plan' }, { today: DEMO_TODAY })!;
		expect(recs.kpis.measures).toBeLessThan(whole.kpis.measures);
		expect(recs.recommendations.length).toBe(10);
		expect(reports.buildSnapshot(db, { planCode: 'PN-2023-2030', period: '2025-S1', scope: 'axis', axisCode: 'Z9' }, { today: DEMO_TODAY })).toBeNull();
	});

	it('a correction is a new version naming the one it replaces; partners list the latest only', async () => {
		const v1 = reports.list(db, users.partner!, { period: '2025-S1' })[0]!;
		const other = await publishForm(users.commission!, { plan: 'PN-2023-2030', period: '2024-S2', scope: 'plan', n_summary_fr: 'x', replaces: String(v1.id) });
		expect(other.data!.publish.errors).toEqual({ replaces: 'err_report_replaces_other' });
		const r = await publishForm(users.commission!, {
			plan: 'PN-2023-2030',
			period: '2025-S1',
			scope: 'plan',
			n_summary_fr: 'Version corrigée',
			replaces: String(v1.id)
		});
		expect(r.status).toBe(303);
		const v2id = Number(r.location!.split('/').pop());
		expect(reports.list(db, users.partner!, { period: '2025-S1' }).map((x) => [x.id, x.reportVersion, x.replacesId])).toEqual([[v2id, 2, v1.id]]);
		// the replaced one stays readable, and says so
		expect(reports.get(db, users.partner!, v1.id)).toMatchObject({ replacedById: v2id, state: 'published' });
		const again = await publishForm(users.commission!, { plan: 'PN-2023-2030', period: '2025-S1', scope: 'plan', n_summary_fr: 'y', replaces: String(v1.id) });
		expect(again.data!.publish.errors).toEqual({ _form: 'err_state_replaced' });
	});

	it('a withdrawn report is gone for partners (410) and its public link answers 410; the commission still sees it, marked', async () => {
		const target = reports.list(db, users.partner!, { period: '2024-S1' })[0]!;
		const shared = await run(
			reportActions.share as never,
			actionEvent({ user: users.commission!, params: { id: String(target.id) }, path: `/reports/${target.id}` })
		);
		const token = String(shared.data!.share.url).split('/p/')[1]!;
		expect((await load(publicLoad, null, { token })).data!.report.id).toBe(target.id);
		expect((await run(reportActions.share as never, actionEvent({ user: users.partner!, params: { id: String(target.id) } }))).status).toBe(403);

		const view = reports.get(db, users.commission!, target.id) as reports.ReportView;
		const noReason = await run(
			reportActions.withdraw as never,
			actionEvent({ user: users.commission!, params: { id: String(target.id) }, body: formData({ version: String(view.version), reason: '' }) })
		);
		expect(noReason.data!.withdraw.errors).toEqual({ reason: 'err_report_reason_required' });
		const stale = await run(
			reportActions.withdraw as never,
			actionEvent({
				user: users.commission!,
				params: { id: String(target.id) },
				body: formData({ version: String(view.version + 5), reason: 'Erreur de saisie' })
			})
		);
		expect(stale.status).toBe(409);
		const ok = await run(
			reportActions.withdraw as never,
			actionEvent({
				user: users.commission!,
				params: { id: String(target.id) },
				body: formData({ version: String(view.version), reason: 'Erreur de saisie dans une région' })
			})
		);
		expect(ok.status).toBe(200);

		expect(reports.list(db, users.partner!).some((r) => r.id === target.id)).toBe(false);
		expect((await load(reportLoad, users.partner!, { id: String(target.id) })).status).toBe(410);
		expect((await load(publicLoad, null, { token })).status).toBe(410);
		const staff = await load(reportLoad, users.commission!, { id: String(target.id) });
		expect(staff.data!.report).toMatchObject({ state: 'withdrawn', withdrawnReason: 'Erreur de saisie dans une région' });
		expect(reports.list(db, users.commission!).find((r) => r.id === target.id)!.state).toBe('withdrawn');
		expect(reports.history(db, target.id).map((h) => h.action)).toEqual(['report.publish', 'report.share', 'report.withdraw']);
	});

	it('never shows a draft report, whatever URL a partner types', async () => {
		const draft = db
			.insert(s.reports)
			.values({ titleFr: 'Brouillon', period: '2026-S1', state: 'draft', frozenData: {} as reports.ReportView['snapshot'] })
			.returning({ id: s.reports.id })
			.get();
		expect(reports.get(db, users.partner!, draft.id)).toBeNull();
		expect((await load(reportLoad, users.partner!, { id: String(draft.id) })).status).toBe(404);
		expect((await load(reportLoad, users.partner!, { id: 'abc' })).status).toBe(404);
		expect(reports.list(db, users.commission!).some((r) => r.id === draft.id)).toBe(false);
	});

	it('without Chromium (RASD_PDF=off here) a report publishes and reads without its PDF: no button, no progress, 404', async () => {
		const r = reports.publish(
			db,
			users.commission!.id,
			{ planCode: 'PN-2023-2030', period: '2024', scope: 'plan', narratives: { summary: { fr: 'Bilan 2024', ar: null, en: null } } },
			{ today: DEMO_TODAY }
		);
		expect(r.ok).toBe(true);
		const id = (r as { value: { id: number } }).value.id;
		expect(await renderReportPdfs(db, id, 'http://127.0.0.1:9')).toEqual([]);
		expect(db.select().from(s.reports).where(eq(s.reports.id, id)).get()!.pdfState).toBe('unavailable');
		const page = await load(reportLoad, users.partner!, { id: String(id) }, `/reports/${id}`);
		expect(page.status).toBe(200);
		expect(page.data!.pdf).toBe(false);
		const pdf = await run(pdfGet as never, actionEvent({ user: users.partner!, params: { id: String(id) }, path: `/reports/${id}/report.pdf` }));
		expect(pdf.status).toBe(404);
	});
});
