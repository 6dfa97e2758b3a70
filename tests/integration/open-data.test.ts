/**
 * The open-data API: published reports and their indicator values only, whoever asks; API tokens
 * created and revoked from the profile (stored hashed), a revoked token refused at once; ETags.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase, DEMO_TODAY } from '../../src/lib/server/seed/index';
import * as reports from '../../src/lib/server/reports';
import { actions as profileActions } from '../../src/routes/(app)/profile/+page.server';
import { GET as listGet } from '../../src/routes/api/v1/reports/+server';
import { GET as detailGet } from '../../src/routes/api/v1/reports/[id]/+server';
import { GET as valuesGet } from '../../src/routes/api/v1/indicator-values/+server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let partner: SessionUser;
let commission: SessionUser;
let other: SessionUser;
let draftId: number;
let withdrawnId: number;

const userOf = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};

beforeAll(async () => {
	process.env.RASD_PDF = 'off';
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	partner = userOf('oim@rasd.demo');
	commission = userOf('commission@rasd.demo');
	other = userOf('dgsn@rasd.demo');
	// a draft (never published) and a withdrawn report: neither may reach the API
	const pub = db.select().from(s.reports).where(eq(s.reports.state, 'published')).orderBy(s.reports.id).all();
	draftId = db
		.insert(s.reports)
		.values({
			titleFr: 'Brouillon confidentiel',
			period: '2026-S1',
			planId: pub[0]!.planId,
			frozenData: pub[0]!.frozenData,
			state: 'draft',
			periodEnd: '2026-06-30'
		})
		.returning({ id: s.reports.id })
		.get().id;
	withdrawnId = pub[0]!.id;
	const w = reports.withdraw(db, commission.id, { id: withdrawnId, version: pub[0]!.version, reason: 'Chiffres erronés' });
	if (!w.ok) throw new Error(w.kind);
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

type Handler = (e: never) => Response | Promise<Response>;
async function call(
	fn: unknown,
	path: string,
	opts: { user?: SessionUser | null; token?: string; headers?: Record<string, string>; params?: Record<string, string> } = {}
) {
	const ev = actionEvent({ user: opts.user ?? null, path, params: opts.params });
	const headers: Record<string, string> = { ...opts.headers };
	if (opts.token) headers.authorization = `Bearer ${opts.token}`;
	const url = new URL(`http://localhost${path}`);
	const event = { ...ev, url, request: new Request(url, { headers }) };
	const res = await (fn as Handler)(event as never);
	return { res, body: res.status === 200 || res.status >= 400 ? await res.json() : null };
}

async function newToken(user: SessionUser, name: string): Promise<string> {
	const r = await run(profileActions.createToken as never, actionEvent({ user, path: '/profile', body: formData({ name }) }));
	expect(r.status).toBe(200);
	return r.data!.apiTokens.created.token as string;
}

describe('the open-data API', () => {
	it('lists published reports only, to a token or a session, and nothing without either', async () => {
		const token = await newToken(partner, 'Tableau de bord OIM');
		const { res, body } = await call(listGet, '/api/v1/reports', { token });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/json');
		expect(body.apiVersion).toBe(1);
		const ids = body.reports.map((r: { id: number }) => r.id);
		const published = db.all<{ id: number }>(sql`SELECT id FROM reports WHERE state = 'published'`).map((r) => r.id);
		expect(ids.sort()).toEqual(published.sort());
		expect(ids).not.toContain(draftId);
		expect(ids).not.toContain(withdrawnId);
		expect(body.reports[0].links.self).toBe(`http://localhost/api/v1/reports/${body.reports[0].id}`);

		// commission staff see withdrawn reports on their pages, but the API serves published data only
		const staff = await call(listGet, '/api/v1/reports', { user: commission });
		expect(staff.res.status).toBe(200);
		expect(staff.body.reports.map((r: { id: number }) => r.id)).not.toContain(withdrawnId);

		const anon = await call(listGet, '/api/v1/reports');
		expect(anon.res.status).toBe(401);
		expect(anon.body.error).toBe('token_required');
		const forged = await call(listGet, '/api/v1/reports', { token: 'rasd_' + 'A'.repeat(43) });
		expect(forged.res.status).toBe(401);
		expect(forged.body.error).toBe('token_invalid');
	});

	it('one report with its frozen figures; a withdrawn one answers 410, a draft 404', async () => {
		const token = await newToken(partner, 'script');
		const latest = reports.list(db, partner)[0]!;
		const ok = await call(detailGet, `/api/v1/reports/${latest.id}`, { token, params: { id: String(latest.id) } });
		expect(ok.res.status).toBe(200);
		expect(ok.body.report.snapshot.kpis.measures).toBe((reports.get(db, partner, latest.id) as reports.ReportView).snapshot.kpis.measures);
		expect((await call(detailGet, `/api/v1/reports/${withdrawnId}`, { token, params: { id: String(withdrawnId) } })).res.status).toBe(410);
		const draft = await call(detailGet, `/api/v1/reports/${draftId}`, { token, params: { id: String(draftId) } });
		expect(draft.res.status).toBe(404);
		expect(JSON.stringify(draft.body)).not.toContain('Brouillon');
	});

	it('indicator values as published: masked small counts stay masked, withdrawn reports are absent', async () => {
		const token = await newToken(partner, 'values');
		const { res, body } = await call(valuesGet, '/api/v1/indicator-values', { token });
		expect(res.status).toBe(200);
		const values = body.values as { indicator: string; value: number | null; masked: boolean; report: { id: number } }[];
		expect(values.length).toBeGreaterThan(100);
		expect(values.some((v) => v.report.id === withdrawnId || v.report.id === draftId)).toBe(false);
		const masked = values.filter((v) => v.masked);
		expect(masked.length).toBeGreaterThan(0);
		expect(masked.every((v) => v.value === null)).toBe(true);
		// each row is what the report's snapshot holds
		const one = values.find((v) => !v.masked && v.value != null)!;
		const snap = (reports.get(db, partner, one.report.id) as reports.ReportView).snapshot;
		expect(snap.indicators.rows.find((r) => r.code === one.indicator)!.value).toBe(one.value);
		const filtered = await call(valuesGet, `/api/v1/indicator-values?indicator=${one.indicator}`, { token });
		expect(new Set(filtered.body.values.map((v: { indicator: string }) => v.indicator))).toEqual(new Set([one.indicator]));
		expect((await call(valuesGet, '/api/v1/indicator-values?period=tomorrow', { token })).res.status).toBe(400);
	});

	it('ETag: the same answer again is 304 with no body; a change of data gives a new ETag', async () => {
		const token = await newToken(partner, 'etag');
		const first = await call(listGet, '/api/v1/reports', { token });
		const etag = first.res.headers.get('etag')!;
		expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
		const again = await call(listGet, '/api/v1/reports', { token, headers: { 'if-none-match': etag } });
		expect(again.res.status).toBe(304);
		expect(await again.res.text()).toBe('');
		expect(again.res.headers.get('etag')).toBe(etag);
		// a report published since: the old ETag no longer matches
		const r = reports.publish(
			db,
			commission.id,
			{ planCode: 'PN-2023-2030', period: '2025', scope: 'plan', narratives: { summary: { fr: 'Bilan', ar: null, en: null } } },
			{ today: DEMO_TODAY }
		);
		expect(r.ok).toBe(true);
		const changed = await call(listGet, '/api/v1/reports', { token, headers: { 'if-none-match': etag } });
		expect(changed.res.status).toBe(200);
		expect(changed.res.headers.get('etag')).not.toBe(etag);
	});

	it('tokens are stored hashed, revoked by their owner only, and refused from the next request', async () => {
		const token = await newToken(partner, 'à révoquer');
		const row = db.select().from(s.apiTokens).where(eq(s.apiTokens.name, 'à révoquer')).get()!;
		expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(db.select().from(s.apiTokens).all())).not.toContain(token);
		expect((await call(listGet, '/api/v1/reports', { token })).res.status).toBe(200);
		expect(db.select().from(s.apiTokens).where(eq(s.apiTokens.id, row.id)).get()!.lastUsedAt).not.toBeNull();

		// another user cannot revoke it
		const foreign = await run(profileActions.revokeToken as never, actionEvent({ user: other, path: '/profile', body: formData({ id: String(row.id) }) }));
		expect(foreign.status).toBe(400);
		expect((await call(listGet, '/api/v1/reports', { token })).res.status).toBe(200);

		const revoked = await run(profileActions.revokeToken as never, actionEvent({ user: partner, path: '/profile', body: formData({ id: String(row.id) }) }));
		expect(revoked.status).toBe(200);
		const after = await call(listGet, '/api/v1/reports', { token });
		expect(after.res.status).toBe(401);
		expect(after.body.error).toBe('token_invalid');
		const events = db.all<{ action: string }>(sql`SELECT action FROM audit_events WHERE entity = 'api_token' AND entity_id = ${String(row.id)} ORDER BY id`);
		expect(events.map((e) => e.action)).toEqual(['api_token.create', 'api_token.revoke']);
	});

	it('a token without a name is refused with the reason', async () => {
		const r = await run(profileActions.createToken as never, actionEvent({ user: partner, path: '/profile', body: formData({ name: '  ' }) }));
		expect(r.status).toBe(400);
		expect(r.data!.apiTokens.errors.name).toBe('err_api_token_name_required');
	});
});
