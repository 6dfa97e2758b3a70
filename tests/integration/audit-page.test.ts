import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import { actionEvent } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import * as audit from '../../src/lib/server/audit';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { load } from '../../src/routes/(app)/admin/audit/+page.server';
import { GET as exportCsv } from '../../src/routes/(app)/admin/audit/export.csv/+server';
import { AUDIT_PAGE_SIZE } from '../../src/lib/schemas/audit';

let db: Db;
let cleanup: () => void;
const people: Record<string, SessionUser> = {};

function person(role: SessionUser['role'], email: string, institutionId: number | null = null): SessionUser {
	const u = db
		.insert(s.users)
		.values({ email, name: email.split('@')[0]!, role, institutionId, passwordHash: 'x' })
		.returning()
		.get();
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId, locale: 'fr' };
}
function event(user: SessionUser | null, query = '') {
	return actionEvent({ user, path: `/admin/audit${query}` }) as never;
}
type Data = { result: ReturnType<typeof audit.list>; options: ReturnType<typeof audit.filterOptions>; filterErrors: Record<string, string> };
async function page(query = ''): Promise<Data> {
	return (await load(event(people.admin!, query))) as unknown as Data;
}
async function status(fn: () => unknown) {
	try {
		await fn();
		return 200;
	} catch (e) {
		return (e as { status: number }).status;
	}
}

beforeAll(() => {
	({ db, cleanup } = createTestDatabase());
	setDb(db);
	people.admin = person('admin', 'admin@x.ma');
	const inst = db.insert(s.institutions).values({ code: 'DGSN', nameFr: 'DGSN', kind: 'security' }).returning().get().id;
	people.partner = person('partner', 'partner@x.ma', inst);
	people.focal = person('focal_point', 'pf@x.ma', inst);
	for (let i = 1; i <= 120; i++)
		audit.record(db, {
			userId: i % 2 ? people.admin.id : people.focal.id,
			action: i % 3 ? 'save_draft' : 'validate',
			entity: i % 4 ? 'progress_update' : 'indicator_value',
			entityId: i
		});
	audit.record(db, { userId: people.focal.id, action: 'sign_in', entity: 'user', entityId: '=HYPERLINK("http://evil")', after: { note: 'a, "quoted" note' } });
});
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('/admin/audit', () => {
	it('is refused to focal points and partners, page and export', async () => {
		for (const u of [people.partner!, people.focal!]) {
			expect(await status(() => load(event(u)))).toBe(403);
			expect(await status(() => exportCsv(event(u)))).toBe(403);
		}
		expect(await status(() => load(event(null)))).toBe(401);
	});

	it('lists newest first, pages in SQL and filters by who, entity and action', async () => {
		const all = await page();
		expect(all.result.total).toBe(121);
		expect(all.result.rows).toHaveLength(AUDIT_PAGE_SIZE);
		expect(all.result.rows[0]!.action).toBe('sign_in');
		expect(all.options.users.map((u) => u.email).sort()).toEqual(['admin@x.ma', 'pf@x.ma']);
		const last = await page('?page=3');
		expect(last.result.rows.map((r) => r.id).at(-1)).toBe(1);
		const filtered = await page(`?user=${people.focal!.id}&entity=indicator_value&action=validate`);
		// even ids (focal) that are multiples of 4 (indicator_value) and of 3 (validate): 12, 24, … 120
		expect(filtered.result.rows.map((r) => r.entityId)).toEqual(['120', '108', '96', '84', '72', '60', '48', '36', '24', '12']);
	});

	it('filters by date range and refuses an impossible one with a field error', async () => {
		const today = new Date().toISOString().slice(0, 10);
		const inRange = await page(`?from=${today}&to=${today}`);
		expect(inRange.result.total).toBe(121);
		const before = await page('?to=2024-01-01');
		expect(before.result.total).toBe(0);
		const bad = await page('?from=2026-02-30');
		expect(bad.filterErrors).toEqual({ from: 'err_date_invalid' });
		expect(bad.result.total).toBe(121);
		const reversed = await page('?from=2026-05-02&to=2026-05-01');
		expect(reversed.filterErrors).toEqual({ to: 'err_date_range' });
	});

	it('exports the filtered trail as CSV, every row, formulas defused', async () => {
		const res = await exportCsv(event(people.admin!, '?action=sign_in'));
		expect(res.headers.get('content-type')).toMatch(/text\/csv/);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheets then read UTF-8
		const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
		expect(lines[0]).toBe('id,at,user_id,user_email,user_name,action,entity,entity_id,before,after,hash');
		expect(lines).toHaveLength(2);
		// a cell that would run as a formula is shown as text; quotes and commas are quoted
		expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil"")",,"{""note"":""a, \\""quoted\\"" note""}",`);
		const everything = await (await exportCsv(event(people.admin!))).text();
		expect(everything.trim().split('\r\n')).toHaveLength(122);
	});
});
