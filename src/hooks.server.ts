import { redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getTextDirection, type Locale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db/client';
import { seedDatabase } from '$lib/server/seed';
import {
	SESSION_COOKIE,
	validateSession,
	setSessionCookie,
	clearSessionCookie
} from '$lib/server/auth/session';
import { isLocale } from '$lib/domain/locale';
import { routeAccess } from '$lib/server/route-access';

/** Open, migrate and (first start only) seed the database before the first request. */
export const init: ServerInit = async () => {
	try {
		const db = getDb();
		const mode = process.env.RASD_SEED ?? 'demo';
		if (mode !== 'none') {
			const result = await seedDatabase(db, { demo: mode !== 'public' });
			if (result.seeded) console.log(`[rasd] database seeded (${mode}):`, result.counts);
		}
	} catch (e) {
		console.error(`[rasd] cannot start: ${(e as Error).message}`);
		process.exit(1);
	}
};

/**
 * Fills in the language and direction of app.html's `<html>` tag. Only that tag is rewritten: the
 * rest of the page (hundreds of KB on a big scorecard) is passed on as it is, not copied twice.
 */
function localizeHtmlTag(html: string, locale: Locale): string {
	const start = html.indexOf('<html');
	if (start < 0) return html;
	const end = html.indexOf('>', start) + 1;
	const tag = html.slice(start, end).replace('%rasd.lang%', locale).replace('%rasd.dir%', getTextDirection(locale));
	return html.slice(0, start) + tag + html.slice(end);
}

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = isLocale(locale) ? locale : 'fr';
		return resolve(event, { transformPageChunk: ({ html }) => localizeHtmlTag(html, locale) });
	});

/** Requests that came with a session cookie that is no longer valid. */
const sessionEnded = new WeakSet<Request>();

const handleSession: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const secure = event.url.protocol === 'https:';
		const session = validateSession(getDb(), token);
		if (session) {
			event.locals.user = session.user;
			if (session.renewed) setSessionCookie(event.cookies, token, session.expiresAt, secure);
		} else {
			// Unknown, tampered or expired: drop the cookie, carry on signed out, and say so at login.
			clearSessionCookie(event.cookies, secure);
			sessionEnded.add(event.request);
		}
	}
	return resolve(event);
};

/** Deny by default: every page but the public ones needs a session, some need a role. */
const handleGuard: Handle = ({ event, resolve }) => {
	const access = routeAccess(event.url.pathname, event.locals.user);
	if (access === 'login') {
		if (event.url.pathname.startsWith('/api/')) {
			return new Response(JSON.stringify({ error: 'unauthenticated' }), {
				status: 401,
				headers: { 'content-type': 'application/json' }
			});
		}
		const back = event.url.pathname + event.url.search;
		const ended = sessionEnded.has(event.request) ? '&ended=1' : '';
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}${ended}`);
	}
	if (access === 'forbidden') {
		return new Response(null, { status: 403 });
	}
	return resolve(event);
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(handleLocale, handleSession, handleGuard, handleHeaders);
