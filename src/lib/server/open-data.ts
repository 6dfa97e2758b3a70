/**
 * The open-data API (`/api/v1`): published reports and the indicator values they published, as JSON,
 * read-only. Whoever asks — a partner's script with an API token (`Authorization: Bearer rasd_…`) or a
 * signed-in browser — gets what is published and nothing else: every read goes through the partners'
 * viewer (`REPORT_VIEWER`), so a draft, a withdrawn report or an unmasked small count never shows,
 * whatever the caller's role. Answers carry an ETag; `If-None-Match` with it gets 304.
 */
import { createHash } from 'node:crypto';
import { json, type RequestEvent } from '@sveltejs/kit';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './db/client';
import { can } from './auth/permissions';
import type { SessionUser } from './auth/session';
import * as apiTokens from './api-tokens';
import * as reports from './reports';

export const API_VERSION = 1;

type Failure = { status: 401 | 403; error: 'token_required' | 'token_invalid' | 'forbidden' };

/** The caller: a token's owner, else the session's user; a bad token is refused even with a session. */
export function apiCaller(db: Db, event: Pick<RequestEvent, 'request' | 'locals'>): SessionUser | Failure {
	const header = event.request.headers.get('authorization');
	let user: SessionUser | null;
	if (header) {
		const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
		user = m ? apiTokens.authenticate(db, m[1]!) : null;
		if (!user) return { status: 401, error: 'token_invalid' };
	} else {
		user = event.locals.user;
		if (!user) return { status: 401, error: 'token_required' };
	}
	return can(user, 'report.read_published') ? user : { status: 403, error: 'forbidden' };
}

export function failure(f: Failure): Response {
	return json({ apiVersion: API_VERSION, error: f.error }, { status: f.status, headers: { 'www-authenticate': 'Bearer realm="rasd"' } });
}

export function notFound(error: 'not_found' | 'withdrawn' = 'not_found'): Response {
	return json({ apiVersion: API_VERSION, error }, { status: error === 'withdrawn' ? 410 : 404 });
}

/** `If-None-Match` holds `etag` (a list, weak or strong, or `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === '*') return true;
	return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** JSON with a strong ETag of its bytes; 304 without a body when the caller already has them. */
export function respond(event: Pick<RequestEvent, 'request'>, body: unknown): Response {
	const text = JSON.stringify({ apiVersion: API_VERSION, ...(body as object) });
	const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
	// per caller (a token or a cookie) and revalidated each time: a withdrawn report must not linger in a cache
	const headers = { etag, 'cache-control': 'private, no-cache', vary: 'Authorization, Cookie', 'api-version': String(API_VERSION) };
	if (matches(event.request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
	return new Response(text, { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}

function reportSummary(r: reports.ReportListItem, origin: string) {
	return {
		id: r.id,
		title: { fr: r.titleFr, ar: r.titleAr, en: r.titleEn },
		plan: r.planCode,
		period: r.period,
		periodEnd: r.periodEnd,
		scope: r.scope,
		version: r.reportVersion,
		replaces: r.replacesId,
		publishedAt: r.publishedAt,
		demo: r.isDemo,
		links: {
			self: `${origin}/api/v1/reports/${r.id}`,
			html: `${origin}/reports/${r.id}`,
			xlsx: `${origin}/reports/${r.id}/export.xlsx`,
			csv: `${origin}/reports/${r.id}/export.csv`,
			...(r.pdfState === 'ready' ? { pdf: `${origin}/reports/${r.id}/report.pdf` } : {})
		}
	};
}

/** Published reports (the latest version of each), newest period first. */
export function reportList(db: Db, filters: { plan?: string | null; period?: string | null }, origin: string) {
	return { reports: reports.list(db, reports.REPORT_VIEWER, filters).map((r) => reportSummary(r, origin)) };
}

/** One published report with its frozen snapshot; 'gone' once withdrawn. */
export function reportDetail(db: Db, id: number, origin: string) {
	const r = reports.get(db, reports.REPORT_VIEWER, id);
	if (r === 'gone' || !r) return r;
	return { report: { ...reportSummary(r, origin), replacedBy: r.replacedById, snapshot: r.snapshot } };
}

/**
 * The indicator values published reports froze, one row per report and indicator: the value, its
 * period, and "masked" where a small count is hidden (the value is then null). Read in SQL from the
 * snapshots (json_each), for the latest published version of each report.
 */
export function indicatorValues(db: Db, filters: { plan?: string | null; period?: string | null; indicator?: string | null }) {
	const conds: SQL[] = [sql`r.state = 'published'`, sql`NOT EXISTS (SELECT 1 FROM reports c WHERE c.replaces_id = r.id AND c.state = 'published')`];
	if (filters.plan) conds.push(sql`p.code = ${filters.plan}`);
	if (filters.period) conds.push(sql`r.period = ${filters.period}`);
	if (filters.indicator) conds.push(sql`j.value ->> '$.code' = ${filters.indicator}`);
	const rows = db.all<{
		reportId: number;
		reportPeriod: string;
		plan: string;
		code: string;
		nameFr: string;
		nameAr: string | null;
		nameEn: string | null;
		unit: string | null;
		value: number | null;
		period: string | null;
		masked: number;
		demo: number;
	}>(sql`SELECT r.id AS reportId, r.period AS reportPeriod, p.code AS plan,
			j.value ->> '$.code' AS code, j.value ->> '$.nameFr' AS nameFr, j.value ->> '$.nameAr' AS nameAr, j.value ->> '$.nameEn' AS nameEn,
			j.value ->> '$.unit' AS unit, j.value ->> '$.value' AS value, j.value ->> '$.valuePeriod' AS period,
			coalesce(j.value ->> '$.masked', 0) AS masked, coalesce(j.value ->> '$.isDemo', 0) AS demo
		FROM reports r JOIN plans p ON p.id = r.plan_id, json_each(r.frozen_data, '$.indicators.rows') j
		WHERE ${sql.join(conds, sql` AND `)}
		ORDER BY r.period_end DESC, r.id DESC, code`);
	return {
		values: rows.map((v) => ({
			indicator: v.code,
			name: { fr: v.nameFr, ar: v.nameAr, en: v.nameEn },
			unit: v.unit,
			value: v.masked ? null : v.value,
			masked: !!v.masked,
			period: v.period,
			demo: !!v.demo,
			report: { id: v.reportId, period: v.reportPeriod, plan: v.plan }
		}))
	};
}
