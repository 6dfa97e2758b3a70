/**
 * Partner projects: a partner records and edits its own organisation's projects and is refused another's;
 * budgets are kept as integers in minor units (what was typed comes back to the cent); a stale form is refused;
 * each write leaves one audit event; IOM's page lists IOM's projects.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { actions as listActions } from '../../src/routes/(app)/partners/projects/+page.server';
import { actions as editActions } from '../../src/routes/(app)/partners/projects/[code]/+page.server';
import * as projects from '../../src/lib/server/partner-projects';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { formatMoney, parseMinor, toMadMinor } from '../../src/lib/domain/money';

let db: Db;
let cleanup: () => void;
const users = {} as { partner: SessionUser; commission: SessionUser; focal: SessionUser };

function user(where: ReturnType<typeof sql>): SessionUser {
	return db.get<SessionUser>(
		sql`SELECT id, email, name, role, institution_id AS institutionId, locale FROM users WHERE active = 1 AND ${where} ORDER BY id LIMIT 1`
	)!;
}
const create = (u: SessionUser, values: Record<string, string>) =>
	run(listActions.create as never, actionEvent({ user: u, path: '/partners/projects', body: formData(values) }));
const save = (u: SessionUser, code: string, values: Record<string, string>) =>
	run(editActions.save as never, actionEvent({ user: u, params: { code }, path: `/partners/projects/${code}`, body: formData(values) }));
const del = (u: SessionUser, code: string, values: Record<string, string>) =>
	run(editActions.delete as never, actionEvent({ user: u, params: { code }, path: `/partners/projects/${code}`, body: formData(values) }));
const row = (code: string) => db.select().from(s.partnerProjects).where(eq(s.partnerProjects.code, code)).get();
const auditCount = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events WHERE entity = 'partner_project'`)!.n;

const base = { titleFr: 'Appui aux unités de prise en charge', status: 'ongoing', currency: 'EUR', startDate: '2026-01-01', endDate: '2027-12-31' };

beforeAll(async () => {
	const made = createTestDatabase();
	db = made.db;
	cleanup = made.cleanup;
	await seedDatabase(db, { demo: true });
	setDb(db);
	users.partner = user(sql`role = 'partner'`);
	users.commission = user(sql`role = 'commission'`);
	users.focal = user(sql`role = 'focal_point'`);
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('partner projects', () => {
	it('the demonstration partner speaks for IOM', () => {
		const oim = db.select().from(s.institutions).where(eq(s.institutions.code, 'OIM')).get()!;
		expect(users.partner.institutionId).toBe(oim.id);
	});

	it('a partner records a project of its own organisation, budget kept to the cent as an integer', async () => {
		const before = auditCount();
		const res = await create(users.partner, {
			...base,
			code: 'PP-OIM-TEST',
			partner: 'OIM',
			donor: 'UE',
			budget: '1 234 567,89',
			regions: 'MA-01',
			measures: 'A2.1.3 A1.1.4'
		});
		expect(res.status).toBe(303);
		const p = row('PP-OIM-TEST')!;
		expect(p.budgetMinor).toBe(123456789);
		expect(db.get<{ t: string }>(sql`SELECT typeof(budget_minor) AS t FROM partner_projects WHERE code = 'PP-OIM-TEST'`)!.t).toBe('integer');
		const listed = projects.get(db, 'PP-OIM-TEST')!;
		expect(listed.measureCodes).toEqual(['A1.1.4', 'A2.1.3']);
		expect(listed.regionCodes).toEqual(['MA-01']);
		expect(auditCount()).toBe(before + 1);
	});

	it("a partner cannot record a project for another organisation, nor edit another organisation's", async () => {
		const before = auditCount();
		const res = await create(users.partner, { ...base, code: 'PP-UE-BYOIM', partner: 'ONUDC' });
		expect(res.status).toBe(403);
		expect(row('PP-UE-BYOIM')).toBeUndefined();
		const other = row('PP-DEMO-ONUDC')!;
		const edit = await save(users.partner, other.code, {
			...base,
			id: String(other.id),
			version: String(other.version),
			code: other.code,
			partner: 'ONUDC',
			titleFr: 'Détourné'
		});
		expect(edit.status).toBe(403);
		expect(row('PP-DEMO-ONUDC')!.titleFr).toBe(other.titleFr);
		// nor move its own project to another organisation
		const own = row('PP-OIM-TEST')!;
		const move = await save(users.partner, own.code, { ...base, id: String(own.id), version: String(own.version), code: own.code, partner: 'ONUDC' });
		expect(move.status).toBe(403);
		expect(row('PP-OIM-TEST')!.partnerInstitutionId).toBe(users.partner.institutionId);
		expect(auditCount()).toBe(before);
	});

	it("a focal point may not record projects; the commission records any partner's", async () => {
		expect((await create(users.focal, { ...base, code: 'PP-FP', partner: 'OIM' })).status).toBe(403);
		const res = await create(users.commission, { ...base, code: 'PP-ONUDC-COM', partner: 'ONUDC', budget: '500000', currency: 'USD' });
		expect(res.status).toBe(303);
		expect(row('PP-ONUDC-COM')!.budgetMinor).toBe(50_000_000);
	});

	it('an edit made on a stale form is refused, and nothing is overwritten', async () => {
		const p = row('PP-OIM-TEST')!;
		const ok = await save(users.partner, p.code, {
			...base,
			id: String(p.id),
			version: String(p.version),
			code: p.code,
			partner: 'OIM',
			budget: '10.5',
			titleFr: 'Titre revu'
		});
		expect(ok.status).toBe(303);
		expect(row('PP-OIM-TEST')!.budgetMinor).toBe(1050);
		const stale = await save(users.commission, p.code, {
			...base,
			id: String(p.id),
			version: String(p.version),
			code: p.code,
			partner: 'OIM',
			titleFr: 'Écrase'
		});
		expect(stale.status).toBe(409);
		expect(row('PP-OIM-TEST')!.titleFr).toBe('Titre revu');
	});

	it('refuses a float-like or negative budget, an end before the start, a budget without currency, with field errors', async () => {
		const res = await create(users.partner, { ...base, code: 'PP-BAD', partner: 'OIM', budget: '12.345', endDate: '2025-01-01', measures: 'A9.9.9' });
		expect(res.status).toBe(400);
		expect(res.data!.create.errors).toMatchObject({ budget: 'err_budget_invalid', endDate: 'err_project_end_before_start' });
		const noCurrency = await create(users.partner, { ...base, code: 'PP-BAD', partner: 'OIM', budget: '-5', currency: '' });
		expect(noCurrency.data!.create.errors).toMatchObject({ currency: 'err_currency_required' });
		const unknownMeasure = await create(users.partner, { ...base, code: 'PP-BAD', partner: 'OIM', measures: 'ZZ.1' });
		expect(unknownMeasure.data!.create.errors).toMatchObject({ measures: 'err_measure_unknown' });
		expect(row('PP-BAD')).toBeUndefined();
	});

	it("IOM's projects are the ones listed for IOM", () => {
		const oim = projects.list(db, { partnerId: users.partner.institutionId! }).map((p) => p.code);
		expect(oim).toEqual(expect.arrayContaining(['PP-DEMO-OIM', 'PP-JTIP-2024', 'PP-OIM-TEST']));
		expect(oim).not.toContain('PP-DEMO-ONUDC');
	});
});

describe('minor units', () => {
	it('parses typed amounts without floating-point loss', () => {
		expect(parseMinor('0.1', 'EUR')).toBe(10);
		expect(parseMinor('1,200,000.50', 'USD')).toBe(120000050);
		expect(parseMinor('1.200.000,50', 'EUR')).toBe(120000050);
		expect(parseMinor('1 200 000', 'EUR')).toBe(120000000);
		expect(parseMinor('4503599627370.49', 'EUR')).toBe(450359962737049);
		expect(parseMinor('12.345', 'EUR')).toBeNull();
		expect(parseMinor('-1', 'EUR')).toBeNull();
		expect(parseMinor('1e6', 'EUR')).toBeNull();
		expect(parseMinor('500', 'JPY')).toBe(500);
	});
	it('converts to MAD centimes with integers, rounding half up', () => {
		// 1 200 000,00 EUR at 10.85 MAD = 13 020 000,00 MAD
		expect(toMadMinor(120_000_000, 'EUR', 10_850_000)).toBe(1_302_000_000);
		// 0,01 EUR at 10.85 = 0.1085 MAD → 11 centimes
		expect(toMadMinor(1, 'EUR', 10_850_000)).toBe(11);
		expect(formatMoney(120_000_050, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('1 200 000,5 €');
	});

	it("deleting a project asks for the box to be ticked, refuses another organisation's and a stale page, and is audited", async () => {
		const created = await create(users.partner, { ...base, code: 'PP-OIM-DEL', partner: 'OIM', regions: 'MA-01', measures: 'A1.1.4' });
		expect(created.status).toBe(303);
		const p = row('PP-OIM-DEL')!;
		const before = auditCount();
		// not confirmed: nothing deleted, a field error on the box
		const unticked = await del(users.partner, p.code, { version: String(p.version) });
		expect(unticked.status).toBe(400);
		expect(unticked.data!.delete.errors).toMatchObject({ confirm: 'err_confirm_required' });
		// another organisation's project
		const other = row('PP-DEMO-ONUDC')!;
		expect((await del(users.partner, other.code, { version: String(other.version), confirm: 'yes' })).status).toBe(403);
		expect(row('PP-DEMO-ONUDC')).toBeDefined();
		// a focal point may not delete at all
		expect((await del(users.focal, p.code, { version: String(p.version), confirm: 'yes' })).status).toBe(403);
		// a page shown before an edit
		expect((await del(users.partner, p.code, { version: String(p.version + 1), confirm: 'yes' })).status).toBe(409);
		expect(row('PP-OIM-DEL')).toBeDefined();
		expect(auditCount()).toBe(before);

		const done = await del(users.partner, p.code, { version: String(p.version), confirm: 'yes' });
		expect(done.status).toBe(303);
		expect(done.location).toBe('/partners/projects?deleted=PP-OIM-DEL');
		expect(row('PP-OIM-DEL')).toBeUndefined();
		expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM partner_project_measures WHERE project_id = ${p.id}`)!.n).toBe(0);
		expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM partner_project_regions WHERE project_id = ${p.id}`)!.n).toBe(0);
		const event = db.get<{ action: string; before: string }>(
			sql`SELECT action, before FROM audit_events WHERE entity = 'partner_project' ORDER BY id DESC LIMIT 1`
		)!;
		expect(event.action).toBe('delete');
		expect(JSON.parse(event.before)).toMatchObject({ code: 'PP-OIM-DEL', measures: ['A1.1.4'], regions: ['MA-01'] });
		expect(projects.get(db, 'PP-OIM-DEL')).toBeNull();
	});
});
