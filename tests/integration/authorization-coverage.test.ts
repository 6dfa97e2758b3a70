/**
 * Every form action and every mutating endpoint, taken from the route modules themselves
 * (`Object.keys(module.actions)` and their exported POST/PUT/PATCH/DELETE), tried as every role and as
 * a focal point of an institution that has nothing to do with the target, on real targets. The
 * matrix below says who may; a new action fails this test until it is declared in it.
 *
 * "Refused" means 401 (signed out) or 403; "let through" means the permission gate passed (the
 * action may still answer 400 for the dummy input, 404 or 409, never 401/403 and never a crash).
 * Each call runs on its own copy of the seeded database, so what one allowed call writes cannot
 * change what the next one sees.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as schema from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import type { SessionUser } from '../../src/lib/server/auth/session';

type Who = 'anonymous' | 'admin' | 'commission' | 'focal_point' | 'other_focal_point' | 'partner';
const EVERYONE: Who[] = ['admin', 'commission', 'focal_point', 'other_focal_point', 'partner'];
const ADMIN: Who[] = ['admin'];
const COMMISSION: Who[] = ['admin', 'commission'];
// the measure's own focal point; the unrelated institution's one is refused
const REPORTERS: Who[] = ['admin', 'focal_point'];

/** Who may use each action (signed-out visitors never, except the public ones below). */
const MATRIX: Record<string, Who[]> = {
	'(app)/admin/users/+page.server.ts#invite': ADMIN,
	'(app)/admin/users/[id=id]/+page.server.ts#update': ADMIN,
	'(app)/admin/users/[id=id]/+page.server.ts#deactivate': ADMIN,
	'(app)/admin/users/[id=id]/+page.server.ts#reactivate': ADMIN,
	'(app)/admin/users/[id=id]/+page.server.ts#reset': ADMIN,
	'(app)/admin/institutions/+page.server.ts#create': ADMIN,
	'(app)/admin/institutions/[code]/+page.server.ts#update': ADMIN,
	'(app)/admin/institutions/[code]/+page.server.ts#merge': ADMIN,
	'(app)/admin/institutions/[code]/+page.server.ts#deactivate': ADMIN,
	'(app)/admin/institutions/[code]/+page.server.ts#reactivate': ADMIN,
	'(app)/measures/[code]/+page.server.ts#saveUpdate': REPORTERS,
	'(app)/measures/[code]/+page.server.ts#removeEvidence': REPORTERS,
	'(app)/measures/[code]/+page.server.ts#saveValue': REPORTERS,
	'(app)/measures/[code]/+page.server.ts#saveGrid': REPORTERS,
	'(app)/measures/[code]/+page.server.ts#saveStage': REPORTERS,
	'(app)/review/+page.server.ts#decide': COMMISSION,
	'(app)/review/periods/+page.server.ts#open': COMMISSION,
	'(app)/review/periods/+page.server.ts#close': COMMISSION,
	'(app)/admin/import/+page.server.ts#check': ADMIN,
	'(app)/admin/import/+page.server.ts#apply': ADMIN,
	'(app)/admin/plan/+page.server.ts#create': COMMISSION,
	'(app)/admin/plan/+page.server.ts#reorder': COMMISSION,
	'(app)/admin/plan/plans/[code]/+page.server.ts#save': COMMISSION,
	'(app)/admin/plan/plans/[code]/+page.server.ts#remove': COMMISSION,
	'(app)/admin/plan/plans/[code]/+page.server.ts#restore': COMMISSION,
	'(app)/admin/plan/[level=level]/[code]/+page.server.ts#save': COMMISSION,
	'(app)/admin/plan/[level=level]/[code]/+page.server.ts#move': COMMISSION,
	'(app)/admin/plan/[level=level]/[code]/+page.server.ts#reorder': COMMISSION,
	'(app)/admin/plan/[level=level]/[code]/+page.server.ts#link': COMMISSION,
	'(app)/admin/plan/[level=level]/[code]/+page.server.ts#remove': COMMISSION,
	'(app)/admin/plan/[level=level]/[code]/+page.server.ts#restore': COMMISSION,
	'(app)/reports/new/+page.server.ts#publish': COMMISSION,
	'(app)/reports/[id=id]/+page.server.ts#withdraw': COMMISSION,
	'(app)/reports/[id=id]/+page.server.ts#share': COMMISSION,
	'(app)/reports/[id=id]/+page.server.ts#unshare': COMMISSION,
	'(app)/profile/+page.server.ts#password': EVERYONE,
	'(app)/profile/+page.server.ts#locale': EVERYONE,
	'(app)/profile/+page.server.ts#endSession': EVERYONE,
	'(app)/profile/+page.server.ts#endOthers': EVERYONE,
	'(app)/profile/+page.server.ts#createToken': EVERYONE,
	'(app)/profile/+page.server.ts#revokeToken': EVERYONE,
	// one's own notices: everyone marks theirs (another user's id changes nothing: notifications.test.ts)
	'(app)/notifications/+page.server.ts#read': EVERYONE,
	'(app)/notifications/+page.server.ts#readAll': EVERYONE,
	'(app)/profile/+page.server.ts#notices': EVERYONE,
	'(app)/admin/outbox/+page.server.ts#retry': ADMIN,
	// a partner records its own organisation's projects (another's: partner-projects.test.ts)
	'(app)/partners/projects/+page.server.ts#create': ['admin', 'commission', 'partner'],
	'(app)/partners/projects/[code]/+page.server.ts#save': ['admin', 'commission', 'partner'],
	'(app)/partners/projects/[code]/+page.server.ts#delete': ['admin', 'commission', 'partner'],
	'(app)/partners/funding/+page.server.ts#rate': ADMIN,
	'api/measures/[code]/updates/+server.ts#POST': REPORTERS
};

/** Actions that are public by nature, with the reason. */
const PUBLIC: Record<string, string> = {
	'login/+page.server.ts#default': 'signing in is what a signed-out visitor does',
	'logout/+page.server.ts#default': 'signing out never needs a permission',
	'locale/+page.server.ts#default': 'anyone may choose the interface language',
	'set-password/[token]/+page.server.ts#default': 'the one-time link is the credential of a visitor who has no password yet'
};

// The route modules, loaded as SvelteKit loads them.
const PREFIX = '../../src/routes/';
const pageModules = import.meta.glob<{ actions?: Record<string, unknown> }>('../../src/routes/**/+page.server.ts', { eager: true });
const endpointModules = import.meta.glob<Record<string, unknown>>('../../src/routes/**/+server.ts', { eager: true });
type Write = { key: string; file: string; fn: (e: never) => unknown; kind: 'action' | 'endpoint' };
const writes: Write[] = [
	...Object.entries(pageModules).flatMap(([path, mod]) =>
		Object.keys(mod.actions ?? {}).map((name) => ({
			key: `${path.slice(PREFIX.length)}#${name}`,
			file: path.slice(PREFIX.length),
			fn: mod.actions![name] as Write['fn'],
			kind: 'action' as const
		}))
	),
	...Object.entries(endpointModules).flatMap(([path, mod]) =>
		['POST', 'PUT', 'PATCH', 'DELETE']
			.filter((verb) => typeof mod[verb] === 'function')
			.map((verb) => ({
				key: `${path.slice(PREFIX.length)}#${verb}`,
				file: path.slice(PREFIX.length),
				fn: mod[verb] as Write['fn'],
				kind: 'endpoint' as const
			}))
	)
];

let image: Buffer;
let cleanup: () => void;
const actors: Partial<Record<Who, SessionUser>> = {};
/** real targets: a measure the focal point's institution leads, an account, an institution, a report, a submission */
let target: {
	measure: string;
	plan: string;
	userId: number;
	institution: string;
	reportId: number;
	evidenceId: number;
	submission: { id: number; version: number };
};

function sessionUser(db: Db, where: ReturnType<typeof sql>): SessionUser {
	return db.get<SessionUser>(
		sql`SELECT id, email, name, role, institution_id AS institutionId, locale FROM users WHERE active = 1 AND ${where} ORDER BY id LIMIT 1`
	)!;
}

beforeAll(async () => {
	const made = createTestDatabase();
	cleanup = made.cleanup;
	const db = made.db;
	await seedDatabase(db, { demo: true });
	actors.admin = sessionUser(db, sql`role = 'admin'`);
	actors.commission = sessionUser(db, sql`role = 'commission'`);
	actors.focal_point = sessionUser(db, sql`email = 'dgsn@rasd.demo'`);
	actors.partner = sessionUser(db, sql`role = 'partner'`);
	const own = actors.focal_point.institutionId!;
	const m = db.get<{ id: number; code: string }>(sql`SELECT id, code FROM measures WHERE lead_institution_id = ${own} ORDER BY code LIMIT 1`)!;
	// a focal point whose institution neither leads nor contributes to that measure
	actors.other_focal_point = sessionUser(
		db,
		sql`role = 'focal_point' AND institution_id IS NOT NULL AND institution_id <> ${own}
			AND institution_id NOT IN (SELECT institution_id FROM measure_institutions WHERE measure_id = ${m.id})`
	);
	// an open draft of the focal point's institution on that measure, with a file of theirs, and a submission to decide
	const draft = db.get<{
		id: number;
	}>(sql`INSERT INTO progress_updates (measure_id, period, status, progress, narrative_fr, state, author_id, institution_id, version)
		VALUES (${m.id}, '2026-S2', 'in_progress', 10, 'brouillon', 'draft', ${actors.focal_point.id}, ${own}, 1) RETURNING id`)!;
	const file = db.get<{ id: number }>(sql`INSERT INTO evidence (progress_update_id, kind, url, label, visibility, uploaded_by, institution_id)
		VALUES (${draft.id}, 'link', 'https://example.org/rapport', 'rapport', 'restricted', ${actors.focal_point.id}, ${own}) RETURNING id`)!;
	const submitted = db.get<{ id: number; version: number }>(
		sql`SELECT id, version FROM progress_updates WHERE state = 'submitted' AND author_id <> ${actors.commission.id} AND author_id <> ${actors.admin.id} ORDER BY id LIMIT 1`
	) ?? { id: draft.id, version: 1 };
	target = {
		measure: m.code,
		plan: db.get<{ code: string }>(sql`SELECT code FROM plans ORDER BY sort_order LIMIT 1`)!.code,
		userId: db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'focal_point' AND id <> ${actors.focal_point.id} ORDER BY id LIMIT 1`)!.id,
		institution: db.get<{ code: string }>(sql`SELECT code FROM institutions WHERE id <> ${own} ORDER BY code LIMIT 1`)!.code,
		reportId: db.get<{ id: number }>(sql`SELECT id FROM reports WHERE state = 'published' ORDER BY id LIMIT 1`)!.id,
		evidenceId: file.id,
		submission: submitted
	};
	image = db.$client.serialize();
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

/** A private copy of the seeded database for one call. */
function freshDb(): Db {
	const client = new Database(image);
	client.pragma('foreign_keys = ON');
	return Object.assign(drizzle(client, { schema }), { $client: client }) as unknown as Db;
}

function params(file: string): Record<string, string> {
	if (file.includes('[code]') && file.includes('institutions')) return { code: target.institution };
	if (file.includes('plan/[level=level]')) return { level: 'measures', code: target.measure };
	if (file.includes('plan/plans/[code]')) return { code: target.plan };
	if (file.includes('[code]')) return { code: target.measure };
	if (file.includes('users/[id=id]')) return { id: String(target.userId) };
	if (file.includes('reports/[id=id]')) return { id: String(target.reportId) };
	return {};
}

const FIELDS = () => ({
	intent: 'draft',
	period: '2026-S2',
	status: 'in_progress',
	progress: '50',
	narrativeFr: 'x',
	id: String(target.submission.id),
	version: String(target.submission.version),
	kind: 'update',
	decision: 'validate',
	comment: 'x',
	indicatorId: '1',
	value: '1',
	region: 'MA-01',
	stage: 'pilot',
	since: '2026-01-01',
	evidenceId: String(target.evidenceId),
	reason: 'x',
	email: 'x@example.org',
	name: 'x',
	role: 'focal_point',
	locale: 'fr',
	current: 'x',
	password: 'x',
	confirm: 'no'
});

async function attempt(w: Write, who: Who) {
	const db = freshDb();
	setDb(db);
	try {
		const user = who === 'anonymous' ? null : actors[who]!;
		const event = actionEvent({ user, params: params(w.file), path: '/', body: formData(FIELDS()) });
		if (w.kind === 'endpoint') {
			// endpoints take JSON
			event.request = new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(FIELDS()) });
		}
		const res = await run(w.fn, event);
		return (res.data as unknown) instanceof Response ? (res.data as unknown as Response).status : res.status;
	} finally {
		setDb(undefined);
		db.$client.close();
	}
}

describe('authorization coverage', () => {
	it('finds the actions of every route module, and every one is declared', () => {
		const keys = writes.map((w) => w.key);
		expect(keys).toEqual(
			expect.arrayContaining([
				'(app)/measures/[code]/+page.server.ts#saveUpdate',
				'(app)/review/+page.server.ts#decide',
				'api/measures/[code]/updates/+server.ts#POST'
			])
		);
		const undeclared = keys.filter((k) => !MATRIX[k] && !PUBLIC[k]);
		expect(undeclared, 'declare who may use these in MATRIX (or PUBLIC, with the reason)').toEqual([]);
		const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
		expect(stale, 'MATRIX names actions that no longer exist').toEqual([]);
	});

	for (const w of writes) {
		if (PUBLIC[w.key] || !MATRIX[w.key]) continue;
		const allowed = MATRIX[w.key]!;
		it(`${w.key}: only ${allowed.join(', ')}`, async () => {
			const seen: Record<string, number> = {};
			for (const who of ['anonymous', ...EVERYONE] as Who[]) seen[who] = await attempt(w, who);
			const expected = Object.fromEntries(
				Object.keys(seen).map((who) => [who, who === 'anonymous' ? 401 : allowed.includes(who as Who) ? 'let through' : 403])
			);
			const got = Object.fromEntries(Object.entries(seen).map(([who, status]) => [who, status === 401 || status === 403 ? status : 'let through']));
			expect(got, JSON.stringify(seen)).toEqual(expected);
		});
	}
});
