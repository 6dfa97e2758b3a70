/**
 * Every form action and mutating endpoint, read from the route files so a new one cannot be
 * forgotten, must refuse a signed-out visitor (401) and a partner (403: partners write nothing).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import type { SessionUser } from '../../src/lib/server/auth/session';

/** Actions that are public by nature, with the reason. */
const PUBLIC: Record<string, string> = {
	'login/+page.server.ts#default': 'signing in is what a signed-out visitor does',
	'logout/+page.server.ts#default': 'signing out never needs a permission',
	'locale/+page.server.ts#default': 'anyone may choose the interface language',
	'set-password/[token]/+page.server.ts#default': 'the one-time link is the credential of a visitor who has no password yet',
	// every signed-in user, partners included, manages their own account (401 signed out: admin-users.test.ts)
	'(app)/profile/+page.server.ts#password': 'every signed-in user changes their own password',
	'(app)/profile/+page.server.ts#locale': 'every signed-in user chooses their own language'
};

function routeFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return routeFiles(path);
		return name === '+page.server.ts' || name === '+server.ts' ? [path] : [];
	});
}

const ROOT = 'src/routes';
const writes: { file: string; name: string; kind: 'action' | 'endpoint' }[] = [];
for (const file of routeFiles(ROOT)) {
	const text = readFileSync(file, 'utf8');
	const rel = relative(ROOT, file);
	if (file.endsWith('+page.server.ts')) {
		const block = /export const actions[^=]*=\s*\{([\s\S]*)\n\};/m.exec(text)?.[1] ?? '';
		for (const m of block.matchAll(/^\t(\w+): (?:async )?\(/gm)) writes.push({ file: rel, name: m[1]!, kind: 'action' });
	} else {
		for (const m of text.matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)) writes.push({ file: rel, name: m[1]!, kind: 'endpoint' });
	}
}

let db: Db;
let cleanup: () => void;
let partner: SessionUser;
let measureCode: string;
beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	const u = db.select().from(s.users).where(eq(s.users.email, 'oim@rasd.demo')).get()!;
	partner = { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
	measureCode = db.get<{ code: string }>(sql`SELECT code FROM measures ORDER BY code LIMIT 1`)!.code;
}, 30_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('authorization coverage', () => {
	it('finds the form actions of the reporting loop', () => {
		expect(writes.map((w) => `${w.file}#${w.name}`)).toEqual(expect.arrayContaining(['(app)/measures/[code]/+page.server.ts#saveUpdate', '(app)/review/+page.server.ts#decide', 'api/measures/[code]/updates/+server.ts#POST']));
	});

	for (const w of writes) {
		const key = `${w.file}#${w.name}`;
		if (PUBLIC[key]) continue;
		it(`${key} refuses a signed-out visitor and a partner`, async () => {
			const mod = await import(/* @vite-ignore */ `../../src/routes/${w.file}`);
			const fn = w.kind === 'action' ? mod.actions[w.name] : mod[w.name];
			const params = { code: measureCode, id: '1', iso: 'MA-01' };
			const body = () => formData({ intent: 'submit', period: '2026-S2', status: 'in_progress', progress: '50', narrativeFr: 'x', kind: 'update', id: '1', version: '1', decision: 'validate', indicatorId: '1', value: '1', region: 'MA-01', stage: 'pilot', since: '2026-01-01', evidenceId: '1' });
			const anonymous = await run(fn, actionEvent({ user: null, params, body: body() }));
			expect(anonymous.status, `${key} signed out`).toBe(401);
			const asPartner = await run(fn, actionEvent({ user: partner, params, body: body() }));
			expect(asPartner.status, `${key} as partner`).toBe(403);
		});
	}
});
