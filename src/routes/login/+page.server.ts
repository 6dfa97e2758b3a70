import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as usersRepo from '$lib/server/users';
import { SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/session';
import { DEVICE_COOKIE, setDeviceCookie } from '$lib/server/auth/device';
import { loginSchema } from '$lib/schemas/auth';
import { fieldErrors, formObject, safePath, sameSitePath } from '$lib/schemas/common';
import { setLocaleCookie } from '$lib/server/locale-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safePath.parse(url.searchParams.get('redirectTo') ?? undefined);
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, sessionEnded: url.searchParams.get('ended') === '1' };
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url, locals }) => {
		const raw = formObject(await request.formData());
		// The password is never sent back to the page.
		const values = { email: raw.email ?? '', redirectTo: sameSitePath(raw.redirectTo) };
		// Posted from another origin (hooks.server.ts): nothing is tried, the page says why.
		if (locals.originRefused) {
			return fail(403, { login: { values, errors: { _form: 'err_origin_refused' }, ...locals.originRefused } });
		}
		const parsed = loginSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { login: { values, errors: fieldErrors(parsed.error) } });

		const { email, password, redirectTo } = parsed.data;
		const result = await usersRepo.signIn(getDb(), email, password, {
			address: getClientAddress(),
			userAgent: request.headers.get('user-agent'),
			deviceToken: cookies.get(DEVICE_COOKIE),
			sessionToken: cookies.get(SESSION_COOKIE)
		});
		if (!result.ok) {
			if (result.reason === 'throttled') {
				// A short wait is said in seconds, a long one in minutes.
				const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
				if (seconds < 120) return fail(429, { login: { values, errors: { _form: 'err_login_wait_seconds' }, seconds } });
				return fail(429, { login: { values, errors: { _form: 'err_login_throttled' }, minutes: Math.ceil(seconds / 60) } });
			}
			return fail(400, { login: { values, errors: { _form: 'err_login_invalid' } } });
		}
		const secure = url.protocol === 'https:';
		setSessionCookie(cookies, result.token, result.absoluteExpiresAt, secure);
		setDeviceCookie(cookies, result.deviceToken, secure);
		// The language the user chose last time, on any browser, applies again.
		setLocaleCookie(cookies, result.user.locale, secure);
		redirect(303, redirectTo);
	}
};
