/**
 * The annual national report's draft: built from validated data for a year (planned, done, late per
 * axis), downloaded as DOCX, unzipped (fflate, which docx itself uses) and its text checked in
 * French and Arabic; Arabic paragraphs are bidirectional with right-to-left runs. Commission only.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { annualReport } from '../../src/lib/server/annual-report';
import { GET as docxGet } from '../../src/routes/(app)/reports/annual/draft.docx/+server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let commission: SessionUser;
let partner: SessionUser;
const YEAR = 2025;
const TODAY = '2026-02-10';

const userOf = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};

beforeAll(async () => {
	process.env.RASD_PDF = 'off';
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	commission = userOf('commission@rasd.demo');
	partner = userOf('oim@rasd.demo');
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

async function download(user: SessionUser, lang: string) {
	const ev = actionEvent({ user, path: `/reports/annual/draft.docx?plan=PN-2023-2030&year=${YEAR}&lang=${lang}` });
	const res = (await (docxGet as (e: unknown) => Promise<Response>)({ ...ev, request: new Request(ev.url) })) as Response;
	return res;
}

function documentXml(bytes: Uint8Array): string {
	return strFromU8(unzipSync(bytes)['word/document.xml']!);
}
const texts = (xml: string) =>
	[...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) =>
		m[1]!
			.replace(/&amp;/g, '&')
			.replace(/&apos;/g, "'")
			.replace(/&quot;/g, '"')
	);
const paragraphs = (xml: string) => [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map((m) => m[1] ?? m[2] ?? '');

describe('the annual report draft', () => {
	it('counts per axis what was due in the year, done and late, from validated statuses', () => {
		const r = annualReport(db, { planCode: 'PN-2023-2030', year: YEAR }, { today: TODAY })!;
		const due = db.get<{
			n: number;
		}>(sql`SELECT count(*) AS n FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id
			WHERE p.code = 'PN-2023-2030' AND m.deadline BETWEEN '2025-01-01' AND '2025-12-31'`)!.n;
		expect(due).toBeGreaterThan(0);
		expect(r.totals.planned).toBe(due);
		expect(r.axes.map((a) => a.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
		for (const a of r.axes) {
			expect(a.rows.filter((x) => x.planned).length).toBe(a.planned);
			expect(a.rows.filter((x) => x.planned && x.status === 'completed').length).toBe(a.done);
			expect(a.rows.filter((x) => x.late).length).toBe(a.late);
		}
		// a completion that is only submitted, not validated, does not count as done
		const open = r.axes.flatMap((a) => a.rows).find((x) => x.planned && x.status !== 'completed')!;
		const measure = db.select().from(s.measures).where(eq(s.measures.code, open.code)).get()!;
		db.insert(s.progressUpdates)
			.values({ measureId: measure.id, period: '2025-S2', status: 'completed', progress: 100, state: 'submitted', authorId: commission.id })
			.run();
		const again = annualReport(db, { planCode: 'PN-2023-2030', year: YEAR }, { today: TODAY })!;
		expect(again.totals.done).toBe(r.totals.done);
	});

	it("DOCX in French: the title, each axis, the year's figures, the indicators and recommendations", async () => {
		const res = await download(commission, 'fr');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('wordprocessingml');
		expect(res.headers.get('content-disposition')).toContain('-2025-fr.docx');
		const xml = documentXml(new Uint8Array(await res.arrayBuffer()));
		const all = texts(xml).join('\n');
		const r = annualReport(db, { planCode: 'PN-2023-2030', year: YEAR }, { today: TODAY })!;
		expect(all).toContain(`Rapport national annuel ${YEAR} sur la lutte contre la traite des êtres humains`);
		expect(all).toContain(`En ${YEAR}, ${r.totals.planned} mesure(s) du plan arrivaient à échéance ; ${r.totals.done} ont été réalisées.`);
		for (const a of r.axes) expect(all).toContain(`${a.code} · ${a.titleFr}`);
		const listed = r.axes.flatMap((a) => a.rows)[0]!;
		expect(all).toContain(listed.titleFr);
		expect(all).toContain('Indicateurs');
		expect(all).toContain(r.snapshot.indicators.rows[0]!.nameFr);
		expect(all).toContain('Recommandations prioritaires');
		expect(xml).not.toContain('<w:rtl/>');
	});

	it('DOCX in Arabic: Arabic text, bidirectional paragraphs, right-to-left runs and tables', async () => {
		const res = await download(commission, 'ar');
		expect(res.status).toBe(200);
		const xml = documentXml(new Uint8Array(await res.arrayBuffer()));
		const all = texts(xml).join('\n');
		const r = annualReport(db, { planCode: 'PN-2023-2030', year: YEAR }, { today: TODAY })!;
		expect(all).toContain(`التقرير الوطني السنوي ${YEAR} حول مكافحة الاتجار بالبشر`);
		for (const a of r.axes) expect(all).toContain(`${a.code} · ${a.titleAr}`);
		expect(all).toContain('التوصيات ذات الأولوية');
		expect(all).not.toContain('Rapport national annuel');
		// every paragraph with text is right to left, and so is every run in it
		const withText = paragraphs(xml).filter((p) => /<w:t[ >]/.test(p));
		expect(withText.length).toBeGreaterThan(20);
		for (const p of withText) {
			expect(p).toContain('<w:bidi/>');
			const runs = [...p.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]!);
			for (const run of runs) expect(run).toContain('<w:rtl/>');
		}
		expect(xml).toContain('<w:bidiVisual/>');
	});

	it('only the commission drafts it', async () => {
		expect((await run(docxGet as never, actionEvent({ user: partner, path: `/reports/annual/draft.docx?plan=PN-2023-2030&year=${YEAR}` }))).status).toBe(403);
	});
});
