import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
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
import { queue } from '../../src/lib/server/review';

let db: Db;
let cleanup: () => void;
let evidenceDir: string;
const users: Record<string, SessionUser> = {};
let dgsnMeasure: { id: number; code: string; progress: number; status: string; version: number };
let otherMeasure: { code: string };

function user(email: string): SessionUser {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	evidenceDir = mkdtempSync(join(tmpdir(), 'rasd-evidence-'));
	process.env.EVIDENCE_DIR = evidenceDir;
	users.dgsn = user('dgsn@rasd.demo');
	users.social = user('social@rasd.demo');
	users.commission = user('commission@rasd.demo');
	users.partner = user('oim@rasd.demo');
	const dgsn = users.dgsn.institutionId!;
	// a measure the DGSN leads with no open update, and one it has nothing to do with
	dgsnMeasure = db.get(sql`SELECT id, code, progress, status, version FROM measures m WHERE lead_institution_id = ${dgsn}
		AND status = 'in_progress' AND progress < 90
		AND NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id AND u.state IN ('draft','submitted','returned')) ORDER BY code LIMIT 1`)!;
	otherMeasure = db.get(sql`SELECT code FROM measures m WHERE lead_institution_id <> ${dgsn}
		AND id NOT IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${dgsn}) ORDER BY code LIMIT 1`)!;
}, 30_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
	rmSync(evidenceDir, { recursive: true, force: true });
});

const pdf = () => new File([new TextEncoder().encode('%PDF-1.4\n% Rasd test\n')], 'rapport.pdf', { type: 'application/pdf' });

function saveUpdate(u: SessionUser, code: string, values: Record<string, string | Blob | undefined>) {
	return run(measureActions.saveUpdate as never, actionEvent({ user: u, params: { code }, path: `/measures/${code}`, body: formData(values) }));
}
function decide(u: SessionUser, values: Record<string, string>) {
	return run(reviewActions.decide as never, actionEvent({ user: u, path: '/review', body: formData(values) }));
}
const openOf = (measureId: number) =>
	db
		.select()
		.from(s.progressUpdates)
		.where(and(eq(s.progressUpdates.measureId, measureId), sql`state IN ('draft','submitted','returned')`))
		.get();

describe('the reporting loop, through the form actions', () => {
	it('refuses a focal point on a measure its institution neither leads nor contributes to, even with a crafted request', async () => {
		const r = await saveUpdate(users.dgsn!, otherMeasure.code, {
			intent: 'submit',
			period: '2026-S2',
			status: 'in_progress',
			progress: '50',
			narrativeFr: 'x'
		});
		expect(r.status).toBe(403);
		expect(await saveUpdate(users.partner!, dgsnMeasure.code, { intent: 'draft', period: '2026-S2', status: 'in_progress', progress: '50' })).toMatchObject({
			status: 403
		});
		expect(await saveUpdate(users.commission!, dgsnMeasure.code, { intent: 'draft', period: '2026-S2', status: 'in_progress', progress: '50' })).toMatchObject({
			status: 403
		});
	});

	it('refuses bad input with field errors and keeps what was typed', async () => {
		const r = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'draft',
			period: '2026-S3',
			status: 'completed',
			progress: '140',
			narrativeFr: 'gardé'
		});
		expect(r.status).toBe(400);
		expect(r.data!.update.errors).toMatchObject({ period: 'err_period_invalid', progress: 'err_progress_range' });
		expect(r.data!.update.values.narrativeFr).toBe('gardé');
		const completed = await saveUpdate(users.dgsn!, dgsnMeasure.code, { intent: 'draft', period: '2026-S2', status: 'completed', progress: '90' });
		expect(completed.data!.update.errors).toEqual({ progress: 'err_completed_needs_100' });
		const down = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'draft',
			period: '2026-S2',
			status: 'in_progress',
			progress: String(Math.max(0, dgsnMeasure.progress - 10))
		});
		expect(down.data!.update.errors).toEqual({ narrativeFr: 'err_progress_decrease_needs_narrative' });
		const noNarrative = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'submit',
			period: '2026-S2',
			status: 'in_progress',
			progress: String(dgsnMeasure.progress + 5)
		});
		expect(noNarrative.data!.update.errors).toEqual({ narrativeFr: 'err_narrative_required' });
		const fake = new File([new TextEncoder().encode('MZ this is a program')], 'rapport.pdf');
		const badFile = await saveUpdate(users.dgsn!, dgsnMeasure.code, { intent: 'draft', period: '2026-S2', status: 'in_progress', progress: '50', file: fake });
		expect(badFile.data!.update.errors).toEqual({ file: 'err_file_type' });
		expect(openOf(dgsnMeasure.id)).toBeUndefined();
		expect(readdirSync(evidenceDir)).toHaveLength(0);
	});

	it('submits with a PDF, is returned with a comment, corrected, resubmitted and validated', async () => {
		const progress = dgsnMeasure.progress + 10;
		const draft = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'draft',
			period: '2026-S2',
			status: 'in_progress',
			progress: String(progress),
			narrativeFr: 'Premier jet',
			file: pdf(),
			visibility: 'restricted'
		});
		expect(draft).toMatchObject({ status: 303 });
		let open = openOf(dgsnMeasure.id)!;
		expect(open.state).toBe('draft');
		const files = db.select().from(s.evidence).where(eq(s.evidence.progressUpdateId, open.id)).all();
		expect(files).toHaveLength(1);
		expect(files[0]!.mimeType).toBe('application/pdf');
		expect(readdirSync(evidenceDir)).toEqual([files[0]!.storedName]);

		const submit = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'submit',
			updateId: String(open.id),
			version: String(open.version),
			period: '2026-S2',
			status: 'in_progress',
			progress: String(progress),
			narrativeFr: 'Campagne réalisée dans 3 régions'
		});
		expect(submit.status).toBe(303);
		open = openOf(dgsnMeasure.id)!;
		expect(open.state).toBe('submitted');
		// the commission's queue lists it, with the validated state it would replace
		const listed = queue(db).find((i) => i.kind === 'update' && i.id === open!.id);
		expect(listed).toMatchObject({ measureCode: dgsnMeasure.code, proposed: { progress }, current: { progress: dgsnMeasure.progress } });
		// submitted: the focal point can no longer change it
		const locked = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'draft',
			updateId: String(open.id),
			version: String(open.version),
			period: '2026-S2',
			status: 'in_progress',
			progress: '99',
			narrativeFr: 'x'
		});
		expect(locked.data!.update.errors).toEqual({ _form: 'err_state_submitted' });

		// a return needs a comment; the focal point cannot review
		expect(await decide(users.dgsn!, { kind: 'update', id: String(open.id), version: String(open.version), decision: 'validate' })).toMatchObject({
			status: 403
		});
		const noComment = await decide(users.commission!, { kind: 'update', id: String(open.id), version: String(open.version), decision: 'return' });
		expect(noComment.data!.review.errors).toEqual({ comment: 'err_return_comment_required' });
		expect(
			(
				await decide(users.commission!, {
					kind: 'update',
					id: String(open.id),
					version: String(open.version),
					decision: 'return',
					comment: 'Précisez les régions'
				})
			).status
		).toBe(200);
		open = openOf(dgsnMeasure.id)!;
		expect(open).toMatchObject({ state: 'returned', reviewComment: 'Précisez les régions' });

		const resubmit = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'submit',
			updateId: String(open.id),
			version: String(open.version),
			period: '2026-S2',
			status: 'in_progress',
			progress: String(progress),
			narrativeFr: 'Campagne réalisée à Tanger, Fès et Oujda'
		});
		expect(resubmit.status).toBe(303);
		open = openOf(dgsnMeasure.id)!;
		const before = db.select().from(s.measures).where(eq(s.measures.id, dgsnMeasure.id)).get()!;
		const ok = await decide(users.commission!, { kind: 'update', id: String(open.id), version: String(open.version), decision: 'validate' });
		expect(ok.status).toBe(200);
		const after = db.select().from(s.measures).where(eq(s.measures.id, dgsnMeasure.id)).get()!;
		expect(after).toMatchObject({ progress, status: 'in_progress', version: before.version + 1 });
		expect(after.lastValidatedAt).not.toBeNull();
		expect(openOf(dgsnMeasure.id)).toBeUndefined();
		const trail = db
			.select()
			.from(s.auditEvents)
			.where(and(eq(s.auditEvents.entity, 'progress_update'), eq(s.auditEvents.entityId, String(open.id))))
			.all()
			.map((e) => e.action);
		expect(trail).toEqual(['save_draft', 'add_evidence', 'submit', 'return', 'submit', 'validate'].filter((a) => a !== 'add_evidence'));
		const applied = db
			.select()
			.from(s.auditEvents)
			.where(and(eq(s.auditEvents.action, 'apply_update'), eq(s.auditEvents.entityId, String(dgsnMeasure.id))))
			.all()
			.at(-1);
		// the audit's "after" is the measure as stored, the dates its triggers keep included
		expect(JSON.parse(applied!.after!)).toEqual(after);
	});

	it('lets a second browser see a conflict instead of overwriting the first', async () => {
		const first = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'draft',
			period: '2026-S2',
			status: 'in_progress',
			progress: '70',
			narrativeFr: 'Navigateur A'
		});
		expect(first.status).toBe(303);
		// browser B opened the page before A saved: it expects no open update
		const second = await saveUpdate(users.dgsn!, dgsnMeasure.code, {
			intent: 'draft',
			period: '2026-S2',
			status: 'in_progress',
			progress: '75',
			narrativeFr: 'Navigateur B'
		});
		expect(second.status).toBe(409);
		expect(second.data!.update.errors).toEqual({ _form: 'err_conflict' });
		expect((second.data!.update.current as { narrativeFr: string }).narrativeFr).toBe('Navigateur A');
		expect(openOf(dgsnMeasure.id)!.narrativeFr).toBe('Navigateur A');
		// A saves again on its version; B retrying with a stale version still conflicts
		const open = openOf(dgsnMeasure.id)!;
		expect(
			(
				await saveUpdate(users.dgsn!, dgsnMeasure.code, {
					intent: 'draft',
					updateId: String(open.id),
					version: String(open.version),
					period: '2026-S2',
					status: 'in_progress',
					progress: '72',
					narrativeFr: 'A, suite'
				})
			).status
		).toBe(303);
		expect(
			(
				await saveUpdate(users.dgsn!, dgsnMeasure.code, {
					intent: 'draft',
					updateId: String(open.id),
					version: String(open.version),
					period: '2026-S2',
					status: 'in_progress',
					progress: '79',
					narrativeFr: 'B'
				})
			).status
		).toBe(409);
		expect(openOf(dgsnMeasure.id)!.narrativeFr).toBe('A, suite');
	});

	it('serves restricted evidence only to the commission and the reporting institution', async () => {
		const file = db.select().from(s.evidence).where(eq(s.evidence.kind, 'file')).get()!;
		const get = (u: SessionUser) => {
			const ev = actionEvent({ user: u, params: { id: String(file.id) } });
			return run(downloadEvidence as never, ev);
		};
		const own = await get(users.dgsn!);
		expect(own.status).toBe(200);
		expect(await get(users.commission!)).toMatchObject({ status: 200 });
		expect(await get(users.social!)).toMatchObject({ status: 404 });
		expect(await get(users.partner!)).toMatchObject({ status: 404 });
	});
});

describe('indicator values', () => {
	let percent: { id: number; measureCode: string; frequency: string };
	let count: { id: number; measureCode: string; frequency: string; dimensions: string };
	beforeEach(() => {
		const dgsn = users.dgsn!.institutionId!;
		percent = db.get(
			sql`SELECT i.id, m.code AS measureCode, i.frequency FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE i.kind = 'percent' AND i.frequency = 'semester' AND (m.lead_institution_id = ${dgsn} OR m.id IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${dgsn})) LIMIT 1`
		)!;
		count = db.get(
			sql`SELECT i.id, m.code AS measureCode, i.frequency, i.dimensions FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE i.kind = 'count' AND i.frequency = 'semester' AND i.dimensions LIKE '%region%' AND (m.lead_institution_id = ${dgsn} OR m.id IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${dgsn})) LIMIT 1`
		)!;
	});
	const saveValue = (code: string, values: Record<string, string>) =>
		run(measureActions.saveValue as never, actionEvent({ user: users.dgsn!, params: { code }, path: `/measures/${code}`, body: formData(values) }));

	it('refuses implausible values, a period of the wrong frequency and an unknown region', async () => {
		expect(percent && count).toBeTruthy();
		const over = await saveValue(percent.measureCode, { indicatorId: String(percent.id), period: '2026-S2', value: '120', intent: 'submit' });
		expect(over.data!.value.errors).toEqual({ value: 'err_value_above_max' });
		const negative = await saveValue(count.measureCode, { indicatorId: String(count.id), period: '2026-S2', value: '-3', intent: 'submit' });
		expect(negative.data!.value.errors).toEqual({ value: 'err_value_below_min' });
		const freq = await saveValue(count.measureCode, { indicatorId: String(count.id), period: '2026', value: '3', intent: 'submit' });
		expect(freq.data!.value.errors).toEqual({ period: 'err_period_frequency' });
		const region = await saveValue(count.measureCode, { indicatorId: String(count.id), period: '2026-S2', region: 'MA-13', value: '3', intent: 'submit' });
		expect(region.data!.value.errors).toEqual({ region: 'err_region_unknown' });
	});

	it('validates a correction as a new value: the old one stays in the history, no longer current', async () => {
		const cell = db.get<{
			id: number;
			value: number;
			period: string;
		}>(sql`SELECT v.id, v.value, v.period FROM indicator_values v WHERE v.indicator_id = ${count.id} AND v.region_id = (SELECT id FROM regions WHERE iso = 'MA-04') AND v.is_current = 1 AND v.sex IS NULL
			AND v.period NOT IN (SELECT code FROM reporting_periods WHERE closed_at IS NOT NULL) ORDER BY v.period DESC`)!; // a closed period takes no correction from a focal point
		expect(cell).toBeTruthy();
		const r = await saveValue(count.measureCode, {
			indicatorId: String(count.id),
			period: cell.period,
			region: 'MA-04',
			value: String(cell.value + 7),
			source: 'Registre DGSN',
			intent: 'submit'
		});
		expect(r.status).toBe(303);
		const submitted = db
			.select()
			.from(s.indicatorValues)
			.where(and(eq(s.indicatorValues.indicatorId, count.id), eq(s.indicatorValues.state, 'submitted'), eq(s.indicatorValues.period, cell.period)))
			.get()!;
		expect(
			(await decide(users.commission!, { kind: 'value', id: String(submitted.id), version: String(submitted.version), decision: 'validate' })).status
		).toBe(200);
		const old = db.select().from(s.indicatorValues).where(eq(s.indicatorValues.id, cell.id)).get()!;
		const now = db.select().from(s.indicatorValues).where(eq(s.indicatorValues.id, submitted.id)).get()!;
		expect(old).toMatchObject({ state: 'validated', isCurrent: false, value: cell.value });
		expect(now).toMatchObject({ state: 'validated', isCurrent: true, value: cell.value + 7 });
	});
});

describe('JSON API', () => {
	it('saves through the same rules and answers 403, 400 and 409 as the form does', async () => {
		const { POST } = await import('../../src/routes/api/measures/[code]/updates/+server');
		const call = async (u: SessionUser, code: string, body: unknown) => {
			const ev = actionEvent({ user: u, params: { code } });
			(ev as { request: Request }).request = new Request('http://localhost/api', {
				method: 'POST',
				body: JSON.stringify(body),
				headers: { 'content-type': 'application/json' }
			});
			try {
				const res = (await POST(ev as never)) as Response;
				return { status: res.status, body: await res.json() };
			} catch (e) {
				return { status: (e as { status: number }).status, body: null };
			}
		};
		expect((await call(users.dgsn!, otherMeasure.code, { period: '2026-S2', status: 'in_progress', progress: 10 })).status).toBe(403);
		const bad = await call(users.dgsn!, dgsnMeasure.code, { period: 'soon', status: 'done', progress: 300 });
		expect(bad).toMatchObject({
			status: 400,
			body: { error: 'invalid', fields: { period: 'err_period_invalid', status: 'err_status_unknown', progress: 'err_progress_range' } }
		});
		// the open draft from the conflict test exists: a client that does not name it gets a conflict
		const stale = await call(users.dgsn!, dgsnMeasure.code, { period: '2026-S2', status: 'in_progress', progress: 80, narrativeFr: 'API' });
		expect(stale.status).toBe(409);
		const open = openOf(dgsnMeasure.id)!;
		const ok = await call(users.dgsn!, dgsnMeasure.code, {
			updateId: open.id,
			version: open.version,
			period: '2026-S2',
			status: 'in_progress',
			progress: 80,
			narrativeFr: 'API'
		});
		expect(ok).toMatchObject({ status: 200, body: { id: open.id, version: open.version + 1, state: 'draft' } });
	});
});
