/** Institutions administration: create, edit, merge (measures, users and history move), deactivate. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { actions as listActions } from '../../src/routes/(app)/admin/institutions/+page.server';
import { actions as instActions } from '../../src/routes/(app)/admin/institutions/[code]/+page.server';

let db: Db;
let cleanup: () => void;
let admin: SessionUser;
let commission: SessionUser;
function user(email: string): SessionUser {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}
const inst = (code: string) => db.select().from(s.institutions).where(eq(s.institutions.code, code)).get();
const n = (q: ReturnType<typeof sql>) => db.get<{ n: number }>(q)!.n;
const act = (name: keyof typeof instActions, code: string, values: Record<string, string>, u = admin) =>
	run(instActions[name] as never, actionEvent({ user: u, params: { code }, body: formData(values) }));

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	admin = user('admin@rasd.demo');
	commission = user('commission@rasd.demo');
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('institutions', () => {
	it('creates one with names and acronyms per language; refuses a taken or malformed code', async () => {
		const body = {
			code: 'anlcp',
			kind: 'public_body',
			isMember: 'on',
			nameFr: 'Autorité nationale de lutte',
			nameAr: 'الهيئة الوطنية للمكافحة',
			nameEn: 'National authority',
			acronymFr: 'ANLCP',
			acronymEn: 'NACA'
		};
		const res = await run(listActions.create as never, actionEvent({ user: admin, body: formData(body) }));
		expect(res).toMatchObject({ status: 303, location: '/admin/institutions/ANLCP?saved=1' });
		expect(inst('ANLCP')).toMatchObject({ nameAr: 'الهيئة الوطنية للمكافحة', acronymEn: 'NACA', acronymAr: null, isMember: true, kind: 'public_body' });
		const again = await run(listActions.create as never, actionEvent({ user: admin, body: formData(body) }));
		expect(again.data!.create.errors.code).toBe('err_code_taken');
		const bad = await run(listActions.create as never, actionEvent({ user: admin, body: formData({ ...body, code: 'a b' }) }));
		expect(bad.data!.create.errors.code).toBe('err_code_invalid');
		expect((await run(listActions.create as never, actionEvent({ user: commission, body: formData(body) }))).status).toBe(403);
	});

	it('edits with the version it was opened at; a stale form is a conflict', async () => {
		const before = inst('ANLCP')!;
		const body = { code: 'ANLCP', kind: 'public_body', nameFr: 'Autorité nationale', shortNameFr: 'Autorité', version: String(before.version) };
		expect((await act('update', 'ANLCP', body)).status).toBe(303);
		expect(inst('ANLCP')).toMatchObject({ nameFr: 'Autorité nationale', shortNameFr: 'Autorité', isMember: false, version: before.version + 1 });
		expect((await act('update', 'ANLCP', body)).status).toBe(409);
	});

	it('merges: measures led and contributed, users and report history move; audited; the merged one stays, deactivated', async () => {
		// the institution that leads most measures merges into one that shares a measure with it
		const from = db.get<{ id: number; code: string }>(
			sql`SELECT i.id, i.code FROM institutions i JOIN measures m ON m.lead_institution_id = i.id JOIN users u ON u.institution_id = i.id GROUP BY i.id ORDER BY count(*) DESC LIMIT 1`
		)!;
		const into = db.get<{ id: number; code: string }>(
			sql`SELECT mi.institution_id AS id, i.code FROM measure_institutions mi JOIN measures m ON m.id = mi.measure_id JOIN institutions i ON i.id = mi.institution_id WHERE m.lead_institution_id = ${from.id} AND i.active = 1 LIMIT 1`
		)!;
		const led = n(sql`SELECT count(*) AS n FROM measures WHERE lead_institution_id = ${from.id}`);
		const ledInto = n(sql`SELECT count(*) AS n FROM measures WHERE lead_institution_id = ${into.id}`);
		const people = n(sql`SELECT count(*) AS n FROM users WHERE institution_id = ${from.id}`);
		const updates = n(sql`SELECT count(*) AS n FROM progress_updates WHERE institution_id = ${from.id}`);
		const version = String(inst(from.code)!.version);

		const unconfirmed = await act('merge', from.code, { version, into: String(into.id) });
		expect(unconfirmed.data!.merge.errors.confirm).toBe('err_confirm_required');
		expect((await act('merge', from.code, { version, into: String(from.id), confirm: 'yes' })).data!.merge.errors.into).toBe('err_institution_unknown');

		const res = await act('merge', from.code, { version, into: String(into.id), confirm: 'yes' });
		expect(res).toMatchObject({ status: 303, location: `/admin/institutions/${into.code}?merged=${from.code}` });
		expect(n(sql`SELECT count(*) AS n FROM measures WHERE lead_institution_id = ${from.id}`)).toBe(0);
		expect(n(sql`SELECT count(*) AS n FROM measures WHERE lead_institution_id = ${into.id}`)).toBe(ledInto + led);
		expect(n(sql`SELECT count(*) AS n FROM users WHERE institution_id = ${into.id}`)).toBeGreaterThanOrEqual(people);
		expect(n(sql`SELECT count(*) AS n FROM users WHERE institution_id = ${from.id}`)).toBe(0);
		expect(n(sql`SELECT count(*) AS n FROM progress_updates WHERE institution_id = ${from.id}`)).toBe(0);
		expect(n(sql`SELECT count(*) AS n FROM progress_updates WHERE institution_id = ${into.id}`)).toBeGreaterThanOrEqual(updates);
		// nothing points at the merged institution any more, and a lead is never its own contributor
		expect(n(sql`SELECT count(*) AS n FROM measure_institutions WHERE institution_id = ${from.id}`)).toBe(0);
		expect(
			n(sql`SELECT count(*) AS n FROM measure_institutions mi JOIN measures m ON m.id = mi.measure_id WHERE mi.institution_id = m.lead_institution_id`)
		).toBe(0);
		expect(inst(from.code)).toMatchObject({ active: false, note: `merged into ${into.code}` });
		const event = db
			.select()
			.from(s.auditEvents)
			.where(and(eq(s.auditEvents.action, 'merge'), eq(s.auditEvents.entityId, String(from.id))))
			.get()!;
		expect(JSON.parse(event.after!)).toMatchObject({ into: into.code, moved: { 'measures.lead_institution_id': led } });
	});

	it('deactivates only once no active account speaks for it, after confirmation', async () => {
		const withUsers = db.get<{ code: string }>(
			sql`SELECT i.code FROM institutions i JOIN users u ON u.institution_id = i.id WHERE u.active = 1 AND i.active = 1 LIMIT 1`
		)!;
		const refused = await act('deactivate', withUsers.code, { version: String(inst(withUsers.code)!.version), confirm: 'yes' });
		expect(refused.data!.deactivate.errors._form).toBe('err_institution_has_users');
		expect(inst(withUsers.code)!.active).toBe(true);
		expect((await act('deactivate', 'ANLCP', { version: String(inst('ANLCP')!.version) })).data!.deactivate.errors.confirm).toBe('err_confirm_required');
		expect((await act('deactivate', 'ANLCP', { version: String(inst('ANLCP')!.version), confirm: 'yes' })).status).toBe(200);
		expect(inst('ANLCP')!.active).toBe(false);
		expect((await act('reactivate', 'ANLCP', { version: String(inst('ANLCP')!.version) })).status).toBe(200);
		expect(inst('ANLCP')!.active).toBe(true);
		expect((await act('deactivate', 'ANLCP', { version: '1', confirm: 'yes' }, commission)).status).toBe(403);
	});
});
