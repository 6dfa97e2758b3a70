import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { actions as measureActions } from '../../src/routes/(app)/measures/[code]/+page.server';
import { actions as reviewActions } from '../../src/routes/(app)/review/+page.server';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { queue } from '../../src/lib/server/review';

let db: Db;
let cleanup: () => void;
let dgsn: SessionUser;
let commission: SessionUser;
let ind: { id: number; code: string; measureCode: string };

function user(email: string): SessionUser {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	dgsn = user('dgsn@rasd.demo');
	commission = user('commission@rasd.demo');
	ind = db.get(sql`SELECT i.id, i.code, m.code AS measureCode FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE i.code = 'NAT-VICT'`)!;
}, 30_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

function saveGrid(u: SessionUser, values: Record<string, string>) {
	return run(
		measureActions.saveGrid as never,
		actionEvent({
			user: u,
			params: { code: ind.measureCode },
			path: `/measures/${ind.measureCode}`,
			body: formData({ indicatorId: String(ind.id), ...values })
		})
	);
}
const rowsOf = (period: string, state?: string) =>
	db.all<{
		sex: string | null;
		age_group: string | null;
		exploitation: string | null;
		nationality: string | null;
		value: number;
		state: string;
		is_current: number;
	}>(
		sql`SELECT sex, age_group, exploitation, nationality, value, state, is_current FROM indicator_values WHERE indicator_id = ${ind.id} AND period = ${period} AND region_id IS NULL ${state ? sql`AND state = ${state}` : sql``} ORDER BY sex, age_group, exploitation, nationality`
	);

describe('value grid: total and breakdowns through the reporting loop', () => {
	it('refuses a breakdown that does not add up to its total, with both figures in the message', async () => {
		const r = await saveGrid(dgsn, { period: '2025', total: '169', 'sex.female': '115', 'sex.male': '50', intent: 'submit' });
		expect(r.status).toBe(400);
		expect(r.data.grid.errors).toEqual({ sex: 'err_grid_sum_mismatch' });
		expect(r.data.grid.params.sex).toEqual({ sum: 165, total: 169 });
		expect(rowsOf('2025')).toEqual([]);
	});

	it('refuses an unknown category and a grid without its total', async () => {
		const unknown = await saveGrid(dgsn, { period: '2025', total: '10', 'sex.other': '3' });
		expect(unknown.data.grid.errors).toEqual({ 'sex.other': 'err_grid_unknown_category' });
		const noTotal = await saveGrid(dgsn, { period: '2025', 'age_group.child': '3' });
		expect(noTotal.data.grid.errors).toEqual({ total: 'err_grid_total_missing' });
		const country = await saveGrid(dgsn, { period: '2025', total: '10', 'nationality.foreign': '2', country_code_0: 'ZZZ', country_value_0: '2' });
		expect(country.data.grid.errors).toEqual({ 'countries.ZZZ': 'err_grid_unknown_country' });
		expect(rowsOf('2025')).toEqual([]);
	});

	it('submits a grid as one item of the queue; validating it makes every part current, replacing the old grid whole', async () => {
		const grid = {
			period: '2025',
			total: '20',
			'sex.female': '12',
			'sex.male': '8',
			'age_group.child': '3',
			'exploitation.sexual': '9',
			'exploitation.forced_criminality': '4',
			'nationality.foreign': '5',
			country_code_0: 'sn',
			country_value_0: '3'
		};
		const r = await saveGrid(dgsn, { ...grid, intent: 'submit' });
		expect(r.status).toBe(303);
		expect(rowsOf('2025', 'submitted')).toHaveLength(8);
		const items = queue(db).filter((q) => q.kind === 'value' && q.proposed.indicator === 'NAT-VICT');
		expect(items).toHaveLength(1);
		expect(items[0]!.proposed.value).toBe(20);
		expect((items[0]!.proposed.breakdowns as unknown[]).length).toBe(7);

		const ok = await run(
			reviewActions.decide as never,
			actionEvent({
				user: commission,
				path: '/review',
				body: formData({ kind: 'value', id: String(items[0]!.id), version: String(items[0]!.version), decision: 'validate' })
			})
		);
		expect(ok.status).toBeLessThan(400);
		const current = rowsOf('2025').filter((r) => r.is_current);
		expect(current).toHaveLength(8);
		expect(current.find((r) => r.nationality === 'SN')?.value).toBe(3);
		expect(current.find((r) => r.exploitation === 'forced_criminality')?.value).toBe(4);

		// A correction without the countries: once validated, the old country row is no longer current.
		const fix = await saveGrid(dgsn, { ...grid, total: '21', 'sex.male': '9', country_code_0: '', country_value_0: '', intent: 'submit' });
		expect(fix.status).toBe(303);
		const item = queue(db).find((q) => q.kind === 'value' && q.proposed.indicator === 'NAT-VICT')!;
		expect(item.current).toMatchObject({ value: 20 });
		await run(
			reviewActions.decide as never,
			actionEvent({
				user: commission,
				path: '/review',
				body: formData({ kind: 'value', id: String(item.id), version: String(item.version), decision: 'validate' })
			})
		);
		const now = rowsOf('2025').filter((r) => r.is_current);
		expect(now.find((r) => !r.sex && !r.age_group && !r.exploitation && !r.nationality)?.value).toBe(21);
		expect(now.some((r) => r.nationality === 'SN')).toBe(false);
		expect(now).toHaveLength(7);
	});

	it('returns a grid whole, and a returned grid can be corrected and resubmitted', async () => {
		await saveGrid(dgsn, { period: '2024', total: '30', 'sex.female': '20', 'sex.male': '10', intent: 'submit' });
		const item = queue(db).find((q) => q.kind === 'value' && q.proposed.indicator === 'NAT-VICT' && q.proposed.period === '2024')!;
		await run(
			reviewActions.decide as never,
			actionEvent({
				user: commission,
				path: '/review',
				body: formData({ kind: 'value', id: String(item.id), version: String(item.version), decision: 'return', comment: 'Source ?' })
			})
		);
		expect(rowsOf('2024', 'returned')).toHaveLength(3);
		// Editing it needs its version: a stale one is a conflict, not an overwrite.
		const stale = await saveGrid(dgsn, { period: '2024', total: '30', valueId: String(item.id), version: String(item.version), intent: 'submit' });
		expect(stale.status).toBe(409);
		const head = db.get<{ id: number; version: number }>(sql`SELECT id, version FROM indicator_values WHERE id = ${item.id}`)!;
		const again = await saveGrid(dgsn, {
			period: '2024',
			total: '30',
			'sex.female': '19',
			'sex.male': '11',
			source: 'Rapport DGSN 2024',
			valueId: String(head.id),
			version: String(head.version),
			intent: 'submit'
		});
		expect(again.status).toBe(303);
		expect(
			rowsOf('2024', 'submitted')
				.map((r) => r.value)
				.sort()
		).toEqual([11, 19, 30]);
	});

	it('is refused to a partner and to a focal point of an institution without the measure', async () => {
		const partner = user('oim@rasd.demo');
		expect((await saveGrid(partner, { period: '2023', total: '5' })).status).toBe(403);
	});
});
