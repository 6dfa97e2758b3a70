import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { SESSION_COOKIE, clearSessionCookie, invalidateSession } from '$lib/server/auth/session';
import * as audit from '$lib/server/audit';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST; a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ cookies, locals, url }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) {
			const db = getDb();
			invalidateSession(db, token);
			if (locals.user) audit.record(db, { userId: locals.user.id, action: 'sign_out', entity: 'user', entityId: locals.user.id });
		}
		clearSessionCookie(cookies, url.protocol === 'https:');
		redirect(303, '/login');
	}
};
