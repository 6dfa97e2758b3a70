import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as users from '$lib/server/users';
import { authorize, SESSION_COOKIE } from '$lib/server/auth';
import { setLocaleCookie } from '$lib/server/locale-cookie';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { changePasswordSchema, profileLocaleSchema } from '$lib/schemas/user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'self.update_password');
	const account = users.get(getDb(), user.id)!;
	return { account: { name: account.name, email: account.email, role: account.role, institutionCode: account.institutionCode, locale: account.locale } };
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
	locale: async (event) => {
		const user = authorize(event, 'self.update_locale');
		const raw = formObject(await event.request.formData());
		const parsed = profileLocaleSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { locale: { values: raw, errors: fieldErrors(parsed.error) } });
		users.setLocale(getDb(), user.id, parsed.data.locale);
		setLocaleCookie(event.cookies, parsed.data.locale, event.url.protocol === 'https:');
		redirect(303, '/profile?saved=locale');
	}
};
