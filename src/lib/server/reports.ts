/**
 * Published reports: freezing a report's snapshot (`report-snapshot`: the dashboards' read models as a
 * partner sees them) at publication, withdrawing, correcting (a new version naming the one it replaces), public
 * links, and the reads partners make. A published report is never edited: its figures are the JSON
 * in `reports.frozen_data`.
 *
 * Relative imports only: the demonstration seed and the bench run this module under tsx.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { transaction, type Db } from './db/client';
import * as s from './db/schema';
import { sqlJson } from './db/json';
import { record } from './audit';
import { can, type Actor } from './auth/permissions';
import { invalid, notFound, conflict, wrongState, nowIso, type WriteResult } from './write-result';
import { reportTitles, type ReportScope, type ReportSection, type ReportSnapshot, type Texts } from '../domain/report';
import { buildSnapshot, num, numOrNull, strOrNull, type Json, type SnapshotInput } from './report-snapshot';

export { buildSnapshot, REPORT_INDICATOR_LIMIT, REPORT_VIEWER, type SnapshotInput } from './report-snapshot';

// ─── Publishing ─────────────────────────────────────────────────────────────────────────────────

export interface PublishInput extends SnapshotInput {
	narratives: Partial<Record<ReportSection, Texts>>;
	/** the report this one corrects */
	replaces?: number | null;
	isDemo?: boolean;
}

export type ReportRow = typeof s.reports.$inferSelect;

/**
 * Freezes the figures of `input` as a new published report, with who and when, in one transaction
 * with its audit event. A correction (`replaces`) must be about the same plan, period and scope as
 * the report it replaces, which must not be corrected already; it takes the next version number.
 */
export function publish(
	db: Db,
	userId: number | null,
	input: PublishInput,
	opts: { today: string; now?: string }
): WriteResult<{ id: number; reportVersion: number }> {
	const at = opts.now ?? nowIso();
	return transaction(db, (tx) => {
		const snapshot = buildSnapshot(tx, input, { today: opts.today, narratives: input.narratives, takenAt: at });
		if (!snapshot) return invalid({ _form: 'err_report_scope_unknown' });
		let reportVersion = 1;
		if (input.replaces != null) {
			const old = tx.select().from(s.reports).where(eq(s.reports.id, input.replaces)).get();
			if (!old || old.state === 'draft') return notFound();
			const oldSnap: Partial<ReportSnapshot> = old.frozenData ?? {};
			if (
				oldSnap.plan?.code !== input.planCode ||
				old.period !== input.period ||
				old.scope !== input.scope ||
				(oldSnap.scope?.axis?.code ?? null) !== (snapshot.scope.axis?.code ?? null)
			) {
				return invalid({ replaces: 'err_report_replaces_other' });
			}
			if (tx.get(sql`SELECT 1 FROM reports WHERE replaces_id = ${old.id}`)) return wrongState('replaced');
			reportVersion = old.reportVersion + 1;
		}
		const titles = reportTitles(snapshot.plan, snapshot.period.code, input.scope, snapshot.scope.axis);
		const plan = tx.get<{ id: number }>(sql`SELECT id FROM plans WHERE code = ${input.planCode}`)!;
		const axisId = snapshot.scope.axis ? tx.get<{ id: number }>(sql`SELECT id FROM axes WHERE code = ${snapshot.scope.axis.code}`)!.id : null;
		const summary = input.narratives.summary;
		const row = tx
			.insert(s.reports)
			.values({
				titleFr: titles.fr,
				titleAr: titles.ar,
				titleEn: titles.en,
				period: snapshot.period.code,
				periodEnd: snapshot.period.end,
				planId: plan.id,
				scope: input.scope,
				axisId,
				narrativeFr: summary?.fr ?? null,
				narrativeAr: summary?.ar ?? null,
				narrativeEn: summary?.en ?? null,
				frozenData: snapshot,
				state: 'published',
				replacesId: input.replaces ?? null,
				reportVersion,
				isDemo: !!input.isDemo || snapshot.demo,
				createdBy: userId,
				publishedBy: userId,
				publishedAt: at,
				createdAt: at,
				updatedAt: at
			})
			.returning({ id: s.reports.id })
			.get();
		record(tx, {
			userId,
			action: 'report.publish',
			entity: 'report',
			entityId: row.id,
			after: {
				title: titles.fr,
				period: snapshot.period.code,
				scope: input.scope,
				axis: snapshot.scope.axis?.code ?? null,
				replaces: input.replaces ?? null,
				reportVersion,
				maskedCells: snapshot.confidentiality.maskedCells
			}
		});
		return { ok: true, value: { id: row.id, reportVersion } };
	});
}

/** Withdraws a published report: kept, marked, with the reason; gone for partners and its public link. */
export function withdraw(db: Db, userId: number, input: { id: number; version: number; reason: string }): WriteResult<{ id: number }> {
	return transaction(db, (tx) => {
		const r = tx.select().from(s.reports).where(eq(s.reports.id, input.id)).get();
		if (!r) return notFound();
		if (r.version !== input.version) return conflict({ state: r.state, version: r.version });
		if (r.state !== 'published') return wrongState(r.state);
		const at = nowIso();
		tx.update(s.reports)
			.set({ state: 'withdrawn', withdrawnAt: at, withdrawnBy: userId, withdrawnReason: input.reason, version: r.version + 1, updatedAt: at })
			.where(and(eq(s.reports.id, r.id), eq(s.reports.version, r.version)))
			.run();
		record(tx, {
			userId,
			action: 'report.withdraw',
			entity: 'report',
			entityId: r.id,
			before: { state: r.state },
			after: { state: 'withdrawn', reason: input.reason }
		});
		return { ok: true, value: { id: r.id } };
	});
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Gives a published report a public link (a new token each time; the previous link stops working). Returns the token, shown once. */
export function share(db: Db, userId: number, id: number): WriteResult<{ token: string }> {
	return transaction(db, (tx) => {
		const r = tx.select().from(s.reports).where(eq(s.reports.id, id)).get();
		if (!r) return notFound();
		if (r.state !== 'published') return wrongState(r.state);
		const token = randomBytes(24).toString('base64url');
		tx.update(s.reports)
			.set({ publicTokenHash: hashToken(token), updatedAt: nowIso() })
			.where(eq(s.reports.id, id))
			.run();
		record(tx, { userId, action: 'report.share', entity: 'report', entityId: id, after: { publicLink: true } });
		return { ok: true, value: { token } };
	});
}

/** Removes a report's public link. */
export function unshare(db: Db, userId: number, id: number): WriteResult<{ id: number }> {
	return transaction(db, (tx) => {
		const r = tx.select().from(s.reports).where(eq(s.reports.id, id)).get();
		if (!r) return notFound();
		tx.update(s.reports).set({ publicTokenHash: null, updatedAt: nowIso() }).where(eq(s.reports.id, id)).run();
		record(tx, { userId, action: 'report.unshare', entity: 'report', entityId: id, after: { publicLink: false } });
		return { ok: true, value: { id } };
	});
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────────

export interface ReportListItem {
	id: number;
	titleFr: string;
	titleAr: string | null;
	titleEn: string | null;
	period: string;
	periodEnd: string | null;
	planCode: string;
	scope: ReportScope;
	state: 'published' | 'withdrawn';
	reportVersion: number;
	replacesId: number | null;
	replacedById: number | null;
	publishedAt: string;
	isDemo: boolean;
	pdfState: string | null;
}

const LIST_COLUMNS = sql`r.id, r.title_fr AS titleFr, r.title_ar AS titleAr, r.title_en AS titleEn, r.period, r.period_end AS periodEnd,
	p.code AS planCode, r.scope, r.state, r.report_version AS reportVersion, r.replaces_id AS replacesId,
	(SELECT c.id FROM reports c WHERE c.replaces_id = r.id) AS replacedById, r.published_at AS publishedAt, r.is_demo AS isDemo, r.pdf_state AS pdfState`;

function listItem(r: Json): ReportListItem {
	return {
		id: num(r.id),
		titleFr: String(r.titleFr),
		titleAr: strOrNull(r.titleAr),
		titleEn: strOrNull(r.titleEn),
		period: String(r.period),
		periodEnd: strOrNull(r.periodEnd),
		planCode: String(r.planCode),
		scope: r.scope as ReportScope,
		state: r.state === 'withdrawn' ? 'withdrawn' : 'published',
		reportVersion: num(r.reportVersion),
		replacesId: numOrNull(r.replacesId),
		replacedById: numOrNull(r.replacedById),
		publishedAt: String(r.publishedAt),
		isDemo: !!r.isDemo,
		pdfState: strOrNull(r.pdfState)
	};
}

/**
 * The reports `viewer` may list, newest period first (then newest publication): published ones
 * (the latest version of each; corrected ones are reached from their correction), and for those
 * who may read drafts the withdrawn and replaced ones too. Filter by plan code and period code.
 */
export function list(db: Db, viewer: Actor | null, filters: { plan?: string | null; period?: string | null } = {}): ReportListItem[] {
	if (!can(viewer, 'report.read_published')) return [];
	const staff = can(viewer, 'report.read_draft');
	const conds: SQL[] = [
		staff
			? sql`r.state IN ('published', 'withdrawn')`
			: sql`r.state = 'published' AND NOT EXISTS (SELECT 1 FROM reports c WHERE c.replaces_id = r.id AND c.state = 'published')`
	];
	if (filters.plan) conds.push(sql`p.code = ${filters.plan}`);
	if (filters.period) conds.push(sql`r.period = ${filters.period}`);
	return db
		.all<Json>(
			sql`SELECT ${LIST_COLUMNS} FROM reports r JOIN plans p ON p.id = r.plan_id WHERE ${sql.join(conds, sql` AND `)}
			ORDER BY r.period_end DESC, r.published_at DESC, r.id DESC`
		)
		.map(listItem);
}

export interface ReportView extends ReportListItem {
	version: number;
	withdrawnAt: string | null;
	withdrawnReason: string | null;
	publishedByName: string | null;
	hasPublicLink: boolean;
	snapshot: ReportSnapshot;
}

/**
 * One report as `viewer` may read it: 'gone' when it was withdrawn and the viewer may not read
 * withdrawn reports (partners: 410), null when unknown or not published (a draft is never shown).
 */
export function get(db: Db, viewer: Actor | null, id: number): ReportView | 'gone' | null {
	if (!can(viewer, 'report.read_published')) return null;
	const r = db.get<Json>(sql`SELECT ${LIST_COLUMNS}, r.version, r.withdrawn_at AS withdrawnAt, r.withdrawn_reason AS withdrawnReason, u.name AS publishedByName,
			r.public_token_hash IS NOT NULL AS hasPublicLink, r.frozen_data AS frozenData
		FROM reports r JOIN plans p ON p.id = r.plan_id LEFT JOIN users u ON u.id = r.published_by WHERE r.id = ${id}`);
	if (!r || (r.state !== 'published' && r.state !== 'withdrawn')) return null;
	if (r.state === 'withdrawn' && !can(viewer, 'report.read_draft')) return 'gone';
	return viewOf(r);
}

function viewOf(r: Json): ReportView {
	return {
		...listItem(r),
		version: num(r.version),
		withdrawnAt: strOrNull(r.withdrawnAt),
		withdrawnReason: strOrNull(r.withdrawnReason),
		publishedByName: strOrNull(r.publishedByName),
		hasPublicLink: !!r.hasPublicLink,
		snapshot: sqlJson<ReportSnapshot>(r.frozenData)
	};
}

/** The report behind a public link: 'gone' once withdrawn (410), null for an unknown token. */
export function getByPublicToken(db: Db, token: string): ReportView | 'gone' | null {
	if (!token) return null;
	const r = db.get<Json>(sql`SELECT ${LIST_COLUMNS}, r.version, r.withdrawn_at AS withdrawnAt, r.withdrawn_reason AS withdrawnReason, NULL AS publishedByName,
			1 AS hasPublicLink, r.frozen_data AS frozenData
		FROM reports r JOIN plans p ON p.id = r.plan_id WHERE r.public_token_hash = ${hashToken(token)}`);
	if (!r) return null;
	if (r.state !== 'published') return 'gone';
	return viewOf(r);
}

/** Plans and periods that published reports exist for (the list's filters). */
export function listFilters(db: Db): { plans: { code: string; titleFr: string; titleAr: string | null; titleEn: string | null }[]; periods: string[] } {
	const plans = db.all<{ code: string; titleFr: string; titleAr: string | null; titleEn: string | null }>(sql`
		SELECT DISTINCT p.code, p.title_fr AS titleFr, p.title_ar AS titleAr, p.title_en AS titleEn, p.sort_order
		FROM reports r JOIN plans p ON p.id = r.plan_id WHERE r.state = 'published' ORDER BY p.sort_order, p.code`);
	const periods = db
		.all<{ period: string }>(sql`SELECT period FROM reports WHERE state = 'published' GROUP BY period ORDER BY max(period_end) DESC`)
		.map((r) => r.period);
	return { plans: plans.map(({ code, titleFr, titleAr, titleEn }) => ({ code, titleFr, titleAr, titleEn })), periods };
}

/** The audit trail of one report (publish, share, withdraw), oldest first. */
export function history(db: Db, id: number) {
	return db.all<{ action: string; at: string; userName: string | null }>(sql`
		SELECT a.action, a.at, u.name AS userName FROM audit_events a LEFT JOIN users u ON u.id = a.user_id
		WHERE a.entity = 'report' AND a.entity_id = ${String(id)} ORDER BY a.id`);
}
