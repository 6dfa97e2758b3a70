/**
 * fast-check against the main form actions and the JSON API: whatever is sent, the answer is a success or a
 * 4xx with field errors that are message keys — never a 500 (an exception out of the handler).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import * as audit from '../../src/lib/server/audit';
import { seedDatabase } from '../../src/lib/server/seed/index';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { actions as measureActions } from '../../src/routes/(app)/measures/[code]/+page.server';
import { actions as reviewActions } from '../../src/routes/(app)/review/+page.server';
import { POST as apiPost } from '../../src/routes/api/measures/[code]/updates/+server';

let db: Db;
let cleanup: () => void;
let evidenceDir: string;
let focal: SessionUser;
let commission: SessionUser;
let code: string;
let rolloutCode: string;
const messages = JSON.parse(readFileSync('messages/fr.json', 'utf8')) as Record<string, string>;

function user(email: string): SessionUser {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	evidenceDir = mkdtempSync(join(tmpdir(), 'rasd-fuzz-'));
	process.env.EVIDENCE_DIR = evidenceDir;
	focal = user('dgsn@rasd.demo');
	commission = user('commission@rasd.demo');
	code = db.get<{ code: string }>(sql`SELECT code FROM measures WHERE lead_institution_id = ${focal.institutionId} ORDER BY code LIMIT 1`)!.code;
	const r = db.get<{ code: string }>(sql`SELECT code FROM measures WHERE regional_rollout = 1 ORDER BY code LIMIT 1`);
	rolloutCode = r?.code ?? code;
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
	rmSync(evidenceDir, { recursive: true, force: true });
});

const field = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.constantFrom('', '0', '1', '-1', '50', '58.5', '100', '101', '1e308', '0x10', '9007199254740993', 'NaN', 'Infinity', '12,5', 'null', 'true', '[]'),
	fc.constantFrom('2026-S1', '2025', '2026-Q3', '2026-S3', 'TIP2025', '2026-02-30', '2024-02-29', '1900-01-01', '9999-12-31'),
	fc.constantFrom(
		'draft',
		'submit',
		'validate',
		'return',
		'update',
		'value',
		'stage',
		'in_progress',
		'completed',
		'planned',
		'pilot',
		'MA-01',
		'MA-13',
		'public',
		'restricted'
	),
	fc.constantFrom('https://example.org/r', 'javascript:alert(1)', 'report\u202Efdp.exe'),
	fc.integer({ min: 1, max: 400 }).map(String)
);
const formOf = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), field, { maxKeys: keys.length });
const jsonValue = fc.oneof(
	field,
	fc.double(),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.integer(), { maxLength: 2 }),
	fc.object({ maxDepth: 1 })
);

function expectNo500(r: { status: number; data?: Record<string, any> }, form?: string) {
	expect(r.status).toBeLessThan(500);
	if (r.status === 400 && form) {
		const errors = r.data?.[form]?.errors as Record<string, string>;
		expect(Object.keys(errors ?? {}).length, JSON.stringify(r.data)).toBeGreaterThan(0);
		for (const key of Object.values(errors)) expect(messages, key).toHaveProperty(key);
	}
}

describe('fuzzed form actions and API (fast-check)', () => {
	const UPDATE = [
		'intent',
		'updateId',
		'version',
		'period',
		'status',
		'progress',
		'narrativeFr',
		'narrativeAr',
		'narrativeEn',
		'linkUrl',
		'linkLabel',
		'visibility'
	];
	it('saveUpdate: a success (303) or a 4xx with field errors', async () => {
		await fc.assert(
			fc.asyncProperty(formOf(UPDATE), async (values) => {
				const r = await run(
					measureActions.saveUpdate as never,
					actionEvent({ user: focal, params: { code }, path: `/measures/${code}`, body: formData(values) })
				);
				expectNo500(r, 'update');
			}),
			{ numRuns: 150 }
		);
	});

	it('saveValue and saveStage: a success or a 4xx with field errors', async () => {
		const indicatorIds = db
			.all<{ id: number }>(sql`SELECT i.id FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE m.code = ${code}`)
			.map((r) => String(r.id));
		const withIndicator = formOf(['intent', 'valueId', 'version', 'period', 'region', 'value', 'source', 'note']).chain((v) =>
			fc.constantFrom(...indicatorIds, '999999', 'x').map((indicatorId) => ({ ...v, indicatorId }))
		);
		await fc.assert(
			fc.asyncProperty(withIndicator, async (values) => {
				const r = await run(
					measureActions.saveValue as never,
					actionEvent({ user: focal, params: { code }, path: `/measures/${code}`, body: formData(values) })
				);
				expectNo500(r, r.status === 404 ? undefined : 'value');
			}),
			{ numRuns: 150 }
		);
		await fc.assert(
			fc.asyncProperty(formOf(['intent', 'stageId', 'version', 'region', 'stage', 'since', 'note']), async (values) => {
				const r = await run(
					measureActions.saveStage as never,
					actionEvent({ user: user('admin@rasd.demo'), params: { code: rolloutCode }, path: `/measures/${rolloutCode}`, body: formData(values) })
				);
				expectNo500(r, 'stage');
			}),
			{ numRuns: 100 }
		);
	});

	it('review decide and removeEvidence: a success or a 4xx', async () => {
		await fc.assert(
			fc.asyncProperty(formOf(['kind', 'id', 'version', 'decision', 'comment']), async (values) => {
				const r = await run(reviewActions.decide as never, actionEvent({ user: commission, path: '/review', body: formData(values) }));
				expectNo500(r, 'review');
			}),
			{ numRuns: 150 }
		);
		await fc.assert(
			fc.asyncProperty(formOf(['evidenceId']), async (values) => {
				const r = await run(
					measureActions.removeEvidence as never,
					actionEvent({ user: focal, params: { code }, path: `/measures/${code}`, body: formData(values) })
				);
				expect(r.status).toBeLessThan(500);
			}),
			{ numRuns: 50 }
		);
	});

	it('POST /api/measures/[code]/updates: 200, or 400 with field errors, or 409; wrong JSON types are field errors', async () => {
		const before = audit.count(db);
		let accepted = 0;
		const body = fc.oneof(fc.dictionary(fc.constantFrom(...UPDATE), jsonValue), jsonValue, fc.string());
		await fc.assert(
			fc.asyncProperty(body, fc.boolean(), async (b, asText) => {
				const event = actionEvent({ user: focal, params: { code }, path: `/api/measures/${code}/updates` });
				(event as { request: Request }).request = new Request(event.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: asText && typeof b === 'string' ? b : JSON.stringify(b)
				});
				let res: Response;
				try {
					res = await apiPost(event as never);
				} catch (e) {
					res = new Response(null, { status: (e as { status?: number }).status ?? 500 });
				}
				expect(res.status).toBeLessThan(500);
				expect([200, 400, 404, 409]).toContain(res.status);
				if (res.status === 200) accepted++;
				if (res.status === 400) {
					const j = await res.json();
					if (j.error === 'invalid') for (const key of Object.values(j.fields as Record<string, string>)) expect(messages, key).toHaveProperty(key);
					else expect(j.error).toBe('invalid_json');
				}
			}),
			{ numRuns: 300 }
		);
		// each success wrote its audit event, and the chain holds after all of it
		expect(audit.count(db) - before).toBeGreaterThanOrEqual(accepted);
		expect(audit.verifyChain(db).breaks).toEqual([]);
	});

	it('POST /api/measures/[code]/updates: progress null, false, [] or true is a field error, not 0 or 1', async () => {
		const post = async (body: unknown) => {
			const event = actionEvent({ user: focal, params: { code }, path: `/api/measures/${code}/updates` });
			(event as { request: Request }).request = new Request(event.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			const res = await apiPost(event as never);
			return { status: res.status, body: await res.json() };
		};
		for (const progress of [null, false, [], true, '0x10', 1e308]) {
			const r = await post({ period: '2026-S1', status: 'in_progress', progress });
			expect(r, JSON.stringify(progress)).toMatchObject({ status: 400, body: { error: 'invalid', fields: { progress: 'err_progress_range' } } });
		}
	});
});
