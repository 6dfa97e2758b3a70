import type { Cookies } from '@sveltejs/kit';
import type { Locale } from '../domain/enums';

/** Must match `cookieName` in vite.config.ts (paraglide reads it on both server and client). */
export const LOCALE_COOKIE = 'rasd_locale';

export function setLocaleCookie(cookies: Cookies, locale: Locale, secure: boolean): void {
	// Not httpOnly: paraglide's client runtime reads it to render in the same language.
	cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: false, sameSite: 'lax', secure, maxAge: 400 * 24 * 3600 });
}
