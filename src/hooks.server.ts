import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getTextDirection, type Locale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db/client';
import { seedDatabase } from '$lib/server/seed';
import { runsBackgroundJobs, startBackgroundJobs } from '$lib/server/background';
import { SESSION_COOKIE, validateSession, clearSessionCookie } from '$lib/server/auth/session';
import { isLocale } from '$lib/domain/locale';
import { routeAccess } from '$lib/server/route-access';
import { LOCALE_COOKIE, setLocaleCookie } from '$lib/server/locale-cookie';
import { refuse } from '$lib/server/refusal';
import { SECURITY_HEADERS, HSTS } from '$lib/security-headers.js';
import { bodySizeLimitMb } from '$lib/domain/body-size';

/** Open, migrate and (first start only) seed the database before the first request. */
export const init: ServerInit = async () => {
	try {
		const db = getDb();
		const mode = process.env.RASD_SEED ?? 'demo';
		if (mode !== 'none') {
			const result = await seedDatabase(db, { demo: mode !== 'public' });
			if (result.seeded) console.log(`[rasd] database seeded (${mode}):`, result.counts);
		}
		// One process only: the single server, or the primary of npm start's workers (background.ts).
		if (runsBackgroundJobs()) startBackgroundJobs(db);
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
		// No cookie yet: the language came from Accept-Language; keep it so the browser's runtime and
		// the next pages agree with this one.
		if (!event.cookies.get(LOCALE_COOKIE)) setLocaleCookie(event.cookies, event.locals.locale, event.url.protocol === 'https:');
		return resolve(event, { transformPageChunk: ({ html }) => localizeHtmlTag(html, locale) });
	});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state-changing request (any method but GET, HEAD, OPTIONS; a form, the JSON API or
 * anything else) is refused unless its Origin is this site's own: a foreign, missing or `null` origin
 * gets a 403 that says why. This replaces SvelteKit's own check (off in svelte.config.js), which
 * covers forms only and answers in bare English text. The sign-in form alone is let through, marked,
 * so that it can say why on its own page; its action does nothing else then.
 */
const handleOrigin: Handle = ({ event, resolve }) => {
	if (SAFE_METHODS.has(event.request.method)) return resolve(event);
	if (event.request.headers.get('origin') === event.url.origin) return resolve(event);
	if (event.url.pathname === '/login' && event.request.method === 'POST') {
		event.locals.originRefused = { origin: event.request.headers.get('origin') ?? 'null', expected: event.url.origin };
		return resolve(event);
	}
	return refuse(event, 'origin');
};

/** Requests that came with a session cookie that is no longer valid. */
const sessionEnded = new WeakSet<Request>();

const handleSession: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const secure = event.url.protocol === 'https:';
		const session = validateSession(getDb(), token);
		if (session) {
			// The cookie already lasts until the absolute deadline; the idle one is kept on the server.
			event.locals.user = session.user;
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
		// Thrown: SvelteKit answers a page, a data request or an enhanced form each its own way. The
		// security headers of this redirect come from the server (scripts/serve.mjs).
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}${ended}`);
	}
	if (access === 'forbidden') return refuse(event, 'forbidden');
	return resolve(event);
};

/**
 * First in the sequence, so refusals carry them too. The production server (scripts/serve.mjs) sets
 * the same ones on what never reaches SvelteKit's hooks (`/_app` assets); the CSP is `kit.csp`.
 */
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (event.url.protocol === 'https:') response.headers.set('Strict-Transport-Security', HSTS);
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(handleHeaders, handleLocale, handleOrigin, handleSession, handleGuard);

/**
 * A body over BODY_SIZE_LIMIT (a file too large for the import form, posted without JavaScript) fails when
 * the action reads the form: the error page then says so in the user's language, with the limit and a link
 * back to the form, instead of a bare "Payload Too Large". Anything else keeps SvelteKit's default.
 */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 413) return { message: 'err_upload_too_large', params: { limit: bodySizeLimitMb(process.env.BODY_SIZE_LIMIT) } };
	// No route matched (an unknown path, or a parameter its matcher of src/params refused): a 404 like a
	// load's, which is not logged either.
	if (status === 404) return { message };
	console.error(error);
	return { message };
};
