/**
 * A file belongs to the institution that uploaded it, whoever edits the update afterwards: a
 * contributing institution's edit or the admin's never hands the lead's restricted file to someone
 * else, and nobody but that institution (or the admin) removes it. And nobody validates what they
 * submitted themselves, the admin included.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { actions as measureActions } from '../../src/routes/(app)/measures/[code]/+page.server';
import { actions as reviewActions } from '../../src/routes/(app)/review/+page.server';
import { GET as downloadEvidence } from '../../src/routes/(app)/evidence/[id=id]/+server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let evidenceDir: string;
let measure: { id: number; code: string; progress: number };
let lead: SessionUser, contributor: SessionUser, admin: SessionUser, commission: SessionUser;

function user(where: ReturnType<typeof sql>): SessionUser {
	const u = db.get<{ id: number; email: string; name: string; role: SessionUser['role']; institutionId: number | null; locale: SessionUser['locale'] }>(
		sql`SELECT id, email, name, role, institution_id AS institutionId, locale FROM users WHERE active = 1 AND ${where} ORDER BY id LIMIT 1`
	)!;
	return { ...u };
}

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	evidenceDir = mkdtempSync(join(tmpdir(), 'rasd-evidence-'));
	process.env.EVIDENCE_DIR = evidenceDir;
	// a measure with no open update whose lead and one contributing institution both have a focal point
	const row = db.get<{ id: number; code: string; progress: number; lead: number; contrib: number }>(sql`
		SELECT m.id, m.code, m.progress, m.lead_institution_id AS lead, mi.institution_id AS contrib
		FROM measures m JOIN measure_institutions mi ON mi.measure_id = m.id AND mi.institution_id <> m.lead_institution_id
		WHERE m.status = 'in_progress' AND m.progress < 90
			AND NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id AND u.state IN ('draft','submitted','returned'))
			AND EXISTS (SELECT 1 FROM users x WHERE x.role = 'focal_point' AND x.active = 1 AND x.institution_id = m.lead_institution_id)
			AND EXISTS (SELECT 1 FROM users x WHERE x.role = 'focal_point' AND x.active = 1 AND x.institution_id = mi.institution_id)
		ORDER BY m.code LIMIT 1`)!;
	measure = row;
	lead = user(sql`role = 'focal_point' AND institution_id = ${row.lead}`);
	contributor = user(sql`role = 'focal_point' AND institution_id = ${row.contrib}`);
	admin = user(sql`role = 'admin'`);
	commission = user(sql`role = 'commission'`);
}, 30_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
	rmSync(evidenceDir, { recursive: true, force: true });
});

const pdf = (name: string) => new File([new TextEncoder().encode(`%PDF-1.4\n% ${name}\n`)], name, { type: 'application/pdf' });
const saveUpdate = (u: SessionUser, values: Record<string, string | Blob | undefined>) =>
	run(measureActions.saveUpdate as never, actionEvent({ user: u, params: { code: measure.code }, path: `/measures/${measure.code}`, body: formData(values) }));
const removeEvidence = (u: SessionUser, evidenceId: number) =>
	run(
		measureActions.removeEvidence as never,
		actionEvent({ user: u, params: { code: measure.code }, path: `/measures/${measure.code}`, body: formData({ evidenceId: String(evidenceId) }) })
	);
const download = (u: SessionUser, id: number) => run(downloadEvidence as never, actionEvent({ user: u, params: { id: String(id) } }));
const decide = (u: SessionUser, values: Record<string, string>) =>
	run(reviewActions.decide as never, actionEvent({ user: u, path: '/review', body: formData(values) }));
const open = () =>
	db
		.select()
		.from(s.progressUpdates)
		.where(and(eq(s.progressUpdates.measureId, measure.id), sql`state IN ('draft','submitted','returned')`))
		.get()!;
const fields = (extra: Record<string, string | Blob>) => ({
	period: '2026-S2',
	status: 'in_progress',
	progress: String(measure.progress + 5),
	narrativeFr: 'Avancement',
	...extra
});

describe('evidence ownership', () => {
	it("keeps the uploader as owner through a contributor's and the admin's edits", async () => {
		expect((await saveUpdate(lead, fields({ intent: 'draft', file: pdf('liste-victimes-lead.pdf'), visibility: 'restricted' }))).status).toBe(303);
		let u = open();
		const leadFile = db.select().from(s.evidence).where(eq(s.evidence.progressUpdateId, u.id)).get()!;
		expect(leadFile.institutionId).toBe(lead.institutionId);

		// the contributing institution edits the same draft and adds its own file
		expect(
			(
				await saveUpdate(
					contributor,
					fields({
						intent: 'draft',
						updateId: String(u.id),
						version: String(u.version),
						narrativeFr: 'Complément',
						file: pdf('note-contributeur.pdf'),
						visibility: 'restricted'
					})
				)
			).status
		).toBe(303);
		u = open();
		const contribFile = db
			.select()
			.from(s.evidence)
			.where(and(eq(s.evidence.progressUpdateId, u.id), eq(s.evidence.fileName, 'note-contributeur.pdf')))
			.get()!;
		expect(contribFile.institutionId).toBe(contributor.institutionId);
		expect(db.select().from(s.evidence).where(eq(s.evidence.id, leadFile.id)).get()!.institutionId).toBe(lead.institutionId);
		// each institution reads its own restricted file only; the commission reads both
		expect((await download(lead, leadFile.id)).status).toBe(200);
		expect((await download(contributor, leadFile.id)).status).toBe(404);
		expect((await download(lead, contribFile.id)).status).toBe(404);
		expect((await download(contributor, contribFile.id)).status).toBe(200);
		expect((await download(commission, leadFile.id)).status).toBe(200);

		// the admin edits: nobody loses their file, nobody gains another's
		expect(
			(await saveUpdate(admin, fields({ intent: 'draft', updateId: String(u.id), version: String(u.version), narrativeFr: "Relu par l'administration" })))
				.status
		).toBe(303);
		expect((await download(lead, leadFile.id)).status).toBe(200);
		expect((await download(contributor, contribFile.id)).status).toBe(200);
		expect((await download(contributor, leadFile.id)).status).toBe(404);
		const owners = db.select({ id: s.evidence.id, inst: s.evidence.institutionId }).from(s.evidence).where(eq(s.evidence.progressUpdateId, u.id)).all();
		expect(new Map(owners.map((o) => [o.id, o.inst]))).toEqual(
			new Map([
				[leadFile.id, lead.institutionId],
				[contribFile.id, contributor.institutionId]
			])
		);
	});

	it('lets only the uploading institution (or the admin) remove a file', async () => {
		const u = open();
		const [leadFile, contribFile] = ['liste-victimes-lead.pdf', 'note-contributeur.pdf'].map((n) =>
			db
				.select()
				.from(s.evidence)
				.where(and(eq(s.evidence.progressUpdateId, u.id), eq(s.evidence.fileName, n)))
				.get()!
		);
		// the contributor may not remove the lead's file (it cannot even see it: the same answer as a missing one)
		expect((await removeEvidence(contributor, leadFile!.id)).status).toBe(404);
		expect(db.select().from(s.evidence).where(eq(s.evidence.id, leadFile!.id)).get()).toBeDefined();
		// a public file of the lead, visible to the contributor, is still not the contributor's to remove
		db.update(s.evidence).set({ visibility: 'public' }).where(eq(s.evidence.id, leadFile!.id)).run();
		const refused = await removeEvidence(contributor, leadFile!.id);
		expect(refused.status).toBe(403);
		expect(refused.data!.update.errors).toEqual({ _form: 'err_evidence_not_yours' });
		expect(db.select().from(s.evidence).where(eq(s.evidence.id, leadFile!.id)).get()).toBeDefined();
		// each removes its own
		expect((await removeEvidence(contributor, contribFile!.id)).status).toBe(303);
		expect(db.select().from(s.evidence).where(eq(s.evidence.id, contribFile!.id)).get()).toBeUndefined();
		expect((await removeEvidence(admin, leadFile!.id)).status).toBe(303);
		expect(db.select().from(s.evidence).where(eq(s.evidence.id, leadFile!.id)).get()).toBeUndefined();
	});
});

describe('separation of duties', () => {
	it("refuses the admin's validation of its own submission; another reviewer may decide it", async () => {
		const u = open();
		expect(
			(await saveUpdate(admin, fields({ intent: 'submit', updateId: String(u.id), version: String(u.version), narrativeFr: "Soumis par l'administration" })))
				.status
		).toBe(303);
		const submitted = open();
		expect(submitted).toMatchObject({ state: 'submitted', authorId: admin.id });
		const own = await decide(admin, { kind: 'update', id: String(submitted.id), version: String(submitted.version), decision: 'validate' });
		expect(own.status).toBe(403);
		expect(open()).toMatchObject({ state: 'submitted' });
		// returning one's own submission is a decision too
		expect(
			(await decide(admin, { kind: 'update', id: String(submitted.id), version: String(submitted.version), decision: 'return', comment: 'Je me renvoie' }))
				.status
		).toBe(403);
		// the commission member, who did not submit it, validates it
		expect((await decide(commission, { kind: 'update', id: String(submitted.id), version: String(submitted.version), decision: 'validate' })).status).toBe(200);
		expect(db.select().from(s.progressUpdates).where(eq(s.progressUpdates.id, submitted.id)).get()).toMatchObject({
			state: 'validated',
			reviewerId: commission.id
		});
	});

	it('shows the reviewer every language written and every file, with their owners', async () => {
		const first = await saveUpdate(
			lead,
			fields({
				intent: 'draft',
				narrativeFr: 'Trois régions',
				narrativeAr: 'ثلاث جهات',
				narrativeEn: 'Three regions',
				file: pdf('piece-lead.pdf'),
				visibility: 'restricted'
			})
		);
		expect(first.status, JSON.stringify(first.data)).toBe(303);
		let u = open();
		expect(
			(
				await saveUpdate(
					contributor,
					fields({
						intent: 'submit',
						updateId: String(u.id),
						version: String(u.version),
						narrativeFr: 'Trois régions',
						narrativeAr: 'ثلاث جهات',
						narrativeEn: 'Three regions',
						file: pdf('piece-contrib.pdf'),
						visibility: 'public'
					})
				)
			).status
		).toBe(303);
		u = open();
		const { load } = await import('../../src/routes/(app)/review/+page.server');
		const ev = actionEvent({ user: commission, path: '/review' });
		const data = (await load({
			...ev,
			url: new URL('http://localhost/review?kind=update&order=newest'),
			depends: () => {},
			parent: async () => ({}),
			untrack: (f: () => unknown) => f()
		} as never)) as { queue: { kind: string; id: number; proposed: Record<string, unknown> }[] };
		const card = data.queue.find((i) => i.kind === 'update' && i.id === u.id)!;
		expect(card.proposed).toMatchObject({ narrativeFr: 'Trois régions', narrativeAr: 'ثلاث جهات', narrativeEn: 'Three regions' });
		const files = card.proposed.evidence as { id: number; fileName: string; visibility: string; institution: string }[];
		expect(files.map((f) => [f.fileName, f.visibility])).toEqual([
			['piece-lead.pdf', 'restricted'],
			['piece-contrib.pdf', 'public']
		]);
		const codes = db.all<{ id: number; code: string }>(
			sql`SELECT id, code FROM institutions WHERE id IN (${lead.institutionId}, ${contributor.institutionId})`
		);
		const code = (id: number | null) => codes.find((c) => c.id === id)!.code;
		expect(files.map((f) => f.institution)).toEqual([code(lead.institutionId), code(contributor.institutionId)]);
		// and opens each one
		for (const f of files) expect((await download(commission, f.id)).status).toBe(200);
	});
});
