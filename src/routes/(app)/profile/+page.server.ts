import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as users from '$lib/server/users';
import { authorize, SESSION_COOKIE, endUserSession, hashToken, invalidateOtherSessions, isToken, listUserSessions } from '$lib/server/auth';
import * as audit from '$lib/server/audit';
import { transaction } from '$lib/server/db/client';
import { setLocaleCookie } from '$lib/server/locale-cookie';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { changePasswordSchema, emailNoticesSchema, endSessionSchema, profileLocaleSchema } from '$lib/schemas/user';
import * as apiTokens from '$lib/server/api-tokens';
import { apiTokenCreateSchema, apiTokenRevokeSchema } from '$lib/schemas/open-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'self.update_password');
	const account = users.get(getDb(), user.id)!;
	// Only this user's own sessions, never another account's.
	authorize(event, 'self.manage_sessions');
	const sessions = listUserSessions(getDb(), user.id, event.cookies.get(SESSION_COOKIE));
	return {
		account: { name: account.name, email: account.email, role: account.role, institutionCode: account.institutionCode, locale: account.locale },
		sessions: sessions.map(({ id, createdAt, lastSeenAt, address, userAgent, current }) => ({ id, createdAt, lastSeenAt, address, userAgent, current })),
		apiTokens: apiTokens.list(getDb(), authorize(event, 'api_token.manage').id),
		emailNotices: users.emailNoticesOf(getDb(), user.id),
		mailConfigured: !!process.env.SMTP_URL?.trim()
	};
};

export const actions: Actions = {
	password: async (event) => {
		const user = authorize(event, 'self.update_password');
		const raw = formObject(await event.request.formData());
		const parsed = changePasswordSchema.safeParse({ current: raw.current, password: raw.password, confirm: raw.confirm ?? '' });
		if (!parsed.success) return fail(400, { password: { errors: fieldErrors(parsed.error) } });
		// This browser stays signed in; every other session of the account ends.
		const result = await users.changePassword(getDb(), user.id, parsed.data.current, parsed.data.password, event.cookies.get(SESSION_COOKIE));
		if (!result.ok) return fail(400, { password: { errors: result.errors } });
		return { password: { done: true, sessionsEnded: result.sessionsEnded } };
	},
	/** Ends one of the user's other sessions (the current one ends by signing out). */
	endSession: async (event) => {
		const user = authorize(event, 'self.manage_sessions');
		const parsed = endSessionSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return fail(400, { sessions: { errors: fieldErrors(parsed.error) } });
		const current = event.cookies.get(SESSION_COOKIE);
		if (isToken(current) && hashToken(current) === parsed.data.session) return fail(400, { sessions: { errors: { session: 'err_session_current' } } });
		const db = getDb();
		const ended = transaction(db, (tx) => {
			const n = endUserSession(tx, user.id, parsed.data.session);
			if (n) audit.record(tx, { userId: user.id, action: 'end_session', entity: 'user', entityId: user.id, after: { sessionsEnded: n } });
			return n;
		});
		// Already gone (expired, or ended from another tab): said, not an error.
		return { sessions: { done: true, ended } };
	},
	/** Ends every session of the user but this browser's, after the confirmation box. */
	endOthers: async (event) => {
		const user = authorize(event, 'self.manage_sessions');
		const raw = formObject(await event.request.formData());
		if (raw.confirm !== 'yes') return fail(400, { sessions: { errors: { confirm: 'err_confirm_required' } } });
		const db = getDb();
		const ended = transaction(db, (tx) => {
			const n = invalidateOtherSessions(tx, user.id, event.cookies.get(SESSION_COOKIE));
			audit.record(tx, { userId: user.id, action: 'end_other_sessions', entity: 'user', entityId: user.id, after: { sessionsEnded: n } });
			return n;
		});
		return { sessions: { done: true, ended } };
	},
	/** A new open-data API token, shown once in the answer. */
	createToken: async (event) => {
		const user = authorize(event, 'api_token.manage');
		const raw = formObject(await event.request.formData());
		const parsed = apiTokenCreateSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { apiTokens: { values: raw, errors: fieldErrors(parsed.error) } });
		const { token } = apiTokens.create(getDb(), user.id, parsed.data.name);
		return { apiTokens: { created: { name: parsed.data.name, token } } };
	},
	/** Revokes one of the user's own tokens: the API refuses it from the next request. */
	revokeToken: async (event) => {
		const user = authorize(event, 'api_token.manage');
		const parsed = apiTokenRevokeSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success || !apiTokens.revoke(getDb(), user.id, parsed.data.id)) return fail(400, { apiTokens: { errors: { id: 'err_api_token_unknown' } } });
		return { apiTokens: { revoked: true } };
	},
	/** The user's own opt-out of e-mail (a checkbox: absent means off, as a form without JavaScript sends it). */
	notices: async (event) => {
		const user = authorize(event, 'self.notifications');
		const parsed = emailNoticesSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return fail(400, { notices: { errors: fieldErrors(parsed.error) } });
		users.setEmailNotices(getDb(), user.id, parsed.data.emailNotices === 'on');
		return { notices: { done: true } };
	},
	locale: async (event) => {
		const user = authorize(event, 'self.update_locale');
		const raw = formObject(await event.request.formData());
		const parsed = profileLocaleSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { locale: { values: raw, errors: fieldErrors(parsed.error) } });
		users.setLocale(getDb(), user.id, parsed.data.locale, 'profile');
		setLocaleCookie(event.cookies, parsed.data.locale, event.url.protocol === 'https:');
		redirect(303, '/profile?saved=locale');
	}
};
