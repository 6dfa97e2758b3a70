/**
 * The demonstration accounts: those of `demo-accounts.json`, and one generated focal point for each
 * institution that leads a measure of the catalogue (all sharing one password).
 */
import * as s from '../../db/schema';
import type { DemoContext, DemoPeople } from './common';

export interface DemoHashes {
	/** password → argon2 hash, for the demo accounts */
	byPassword: Map<string, string>;
	/** hash of the shared password of the generated focal points */
	shared: string;
}

/** Inserts the accounts (an existing e-mail is kept); returns how many were new, the reviewer and the focal points. */
export function insertAccounts(ctx: DemoContext, hashes: DemoHashes): DemoPeople & { usersInserted: number } {
	const { db, need, instId, created } = ctx;
	const accounts = ctx.files.demoAccounts;
	const leads = [...new Set(ctx.catalogue.axes.flatMap((a) => a.objectives.flatMap((o) => o.measures.map((m) => m.lead))))];
	const gen = accounts.generatedFocalPoints;
	const userRows: (typeof s.users.$inferInsert)[] = accounts.accounts.map((a) => ({
		email: a.email,
		name: a.name,
		role: a.role,
		institutionId: a.institution === null ? null : need(instId, a.institution, 'institution'),
		passwordHash: need(hashes.byPassword, a.password, 'password hash'),
		locale: a.locale,
		isDemo: true,
		createdAt: created,
		updatedAt: created
	}));
	leads.forEach((code, i) => {
		const name = gen.names[i % gen.names.length]!;
		userRows.push({
			email: gen.emailPattern.replace('<code>', code.toLowerCase()),
			name,
			role: 'focal_point',
			institutionId: need(instId, code, 'institution'),
			passwordHash: hashes.shared,
			locale: 'fr',
			isDemo: true,
			createdAt: created,
			updatedAt: created
		});
	});
	let usersInserted = 0;
	for (const u of userRows) usersInserted += db.insert(s.users).values(u).onConflictDoNothing({ target: s.users.email }).run().changes;
	const users = db.select({ id: s.users.id, email: s.users.email }).from(s.users).all();
	const userByEmail = new Map(users.map((u) => [u.email, u.id]));
	const reviewer = need(userByEmail, accounts.accounts.find((a) => a.role === 'commission')?.email ?? '', 'commission account');
	const focalPoints = (institution: string): number[] => {
		const id = need(instId, institution, 'institution');
		const ids = userRows.filter((u) => u.role === 'focal_point' && u.institutionId === id).map((u) => need(userByEmail, u.email, 'user'));
		return ids.length ? ids : [reviewer];
	};
	return { usersInserted, reviewer, focalPoints };
}
