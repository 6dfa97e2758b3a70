import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { setLocaleSchema } from '$lib/schemas/auth';
import { formObject } from '$lib/schemas/common';
import { setLocaleCookie } from '$lib/server/locale-cookie';
import * as usersRepo from '$lib/server/users';
import { authorize } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** Switches the interface language: cookie for everyone, and the account's setting when signed in. */
	default: async (event) => {
		const parsed = setLocaleSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) error(400, { message: 'err_locale_unknown', code: 'err_locale_unknown' });
		const { locale, redirectTo } = parsed.data;
		setLocaleCookie(event.cookies, locale, event.url.protocol === 'https:');
		if (event.locals.user) {
			const user = authorize(event, 'self.update_locale');
			usersRepo.setLocale(getDb(), user.id, locale);
		}
		redirect(303, redirectTo);
	}
};
