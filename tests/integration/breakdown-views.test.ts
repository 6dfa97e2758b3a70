/**
 * Breakdowns as pages show them: the public record's 16 breakdown rows of NAT-VICT on the explorer
 * (by sex, age group, nationality, form of exploitation, with their TIP sources), the staff seeing
 * them as entered, a partner through the confidentiality rule in the page data itself.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import { setDb, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { load as explorerLoad } from '../../src/routes/(app)/indicators/+page.server';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { indicatorBreakdowns } from '../../src/lib/server/breakdowns';

let db: Db;
let cleanup: () => void;
const user = (email: string) =>
	db.$client.prepare('SELECT id, email, name, role, institution_id AS institutionId, locale FROM users WHERE email = ?').get(email) as SessionUser;

async function explorer(viewer: SessionUser | null, query: string): Promise<any> {
	const url = new URL(`http://x/indicators?${query}`);
	return (explorerLoad as unknown as (e: unknown) => unknown)({ url, locals: { user: viewer } });
}
const cell = (dims: { dimension: string; cells: { category: string; value: number | null; masked: boolean }[] }[], d: string, c: string) =>
	dims.find((x) => x.dimension === d)?.cells.find((x) => x.category === c);

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
}, 30_000);
afterAll(() => cleanup());

describe('breakdowns of the public record', () => {
	it('stores 16 public breakdown rows for NAT-VICT, all shown somewhere by period', () => {
		expect.assertions(2);
		const n = db.$client
			.prepare(
				`SELECT count(*) AS n FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.code = 'NAT-VICT' AND v.is_demo = 0 AND (v.sex IS NOT NULL OR v.age_group IS NOT NULL OR v.exploitation IS NOT NULL OR v.nationality IS NOT NULL)`
			)
			.get() as { n: number };
		expect(n.n).toBe(16);
		const [b] = indicatorBreakdowns(db, ['NAT-VICT']);
		expect(b!.periods).toEqual(['2022', '2021']);
	});

	it('shows the commission 2021 as entered, with the TIP 2022 source', async () => {
		expect.assertions(7);
		const data = await explorer(user('commission@rasd.demo'), 'i=NAT-VICT&bp=2021');
		const b = data.explorer.breakdowns;
		expect(b.period).toBe('2021');
		expect(cell(b.view.dimensions, 'sex', 'female')).toMatchObject({ value: 115, masked: false });
		expect(cell(b.view.dimensions, 'age_group', 'child')).toMatchObject({ value: 79 });
		expect(cell(b.view.dimensions, 'nationality', 'foreign')).toMatchObject({ value: 2, masked: false });
		expect(cell(b.view.dimensions, 'exploitation', 'sexual')).toMatchObject({ value: 116 });
		expect(b.view.total.value).toBe(169);
		expect(b.sources.some((s: { url?: string }) => s.url?.includes('2022-trafficking-in-persons-report'))).toBe(true);
	});

	it('masks for a partner the 2 foreign victims of 2021 and the Moroccan complement that would give them back, in the page data', async () => {
		expect.assertions(5);
		const data = await explorer(user('oim@rasd.demo'), 'i=NAT-VICT&bp=2021');
		const b = data.explorer.breakdowns;
		expect(cell(b.view.dimensions, 'nationality', 'foreign')).toMatchObject({ value: null, masked: true, small: true });
		expect(cell(b.view.dimensions, 'nationality', 'moroccan')).toMatchObject({ value: null, masked: true, small: false });
		expect(cell(b.view.dimensions, 'sex', 'female')).toMatchObject({ value: 115, masked: false });
		expect(b.view.total.value).toBe(169);
		expect(JSON.stringify(b)).not.toMatch(/"value":(2|167)\b/);
	});

	it('gives 2022 as sex × age group with its margins, and masks forced begging (4) for a partner', async () => {
		expect.assertions(5);
		const staff = (await explorer(user('commission@rasd.demo'), 'i=NAT-VICT&bp=2022')).explorer.breakdowns;
		expect(staff.view.cross.cells).toEqual([
			[
				{ value: 58, masked: false, small: false },
				{ value: 39, masked: false, small: false }
			],
			[
				{ value: 26, masked: false, small: false },
				{ value: 43, masked: false, small: false }
			]
		]);
		expect(staff.view.cross.bySex.map((c: { value: number }) => c.value)).toEqual([97, 69]);
		expect(staff.view.cross.byAge.map((c: { value: number }) => c.value)).toEqual([84, 82]);
		const partner = (await explorer(user('oim@rasd.demo'), 'i=NAT-VICT&bp=2022')).explorer.breakdowns;
		expect(cell(partner.view.dimensions, 'exploitation', 'begging')).toMatchObject({ value: null, masked: true });
		expect(cell(partner.view.dimensions, 'exploitation', 'sexual')).toMatchObject({ value: 101 });
	});

	it('falls back to the latest period with breakdowns for an unknown period, and to none for a region without any', async () => {
		expect.assertions(3);
		const data = await explorer(user('oim@rasd.demo'), 'i=NAT-VICT&bp=2019');
		expect(data.explorer.breakdowns.period).toBe('2022');
		const region = (await explorer(user('oim@rasd.demo'), 'i=NAT-VICT&br=MA-05')).explorer.breakdowns;
		expect(region.period).toBeNull();
		expect(region.view).toBeNull();
	});
});
