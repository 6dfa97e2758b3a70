/**
 * Refused requests answered in the user's language: the app's error page (with its way back) for a
 * page, a JSON error for the API and for SvelteKit's own fetches. The page is rendered by the
 * `/refused` route through `event.fetch`, so it has the layout, the language and the CSP nonce of any
 * other page, while the address bar keeps the URL that was refused.
 */
import { json, type RequestEvent } from '@sveltejs/kit';

export type RefusalReason = 'forbidden' | 'origin';

/** Message key of each reason (messages-src/signin.json). */
export const REFUSAL_MESSAGE: Record<RefusalReason, `err_${string}`> = {
	forbidden: 'err_forbidden',
	origin: 'err_origin_refused'
};

/** Request header the refused page reads the foreign origin from (only ever shown back to its sender). */
export const REFUSED_ORIGIN_HEADER = 'x-rasd-refused-origin';

export async function refuse(event: RequestEvent, reason: RefusalReason): Promise<Response> {
	const message = REFUSAL_MESSAGE[reason];
	if (event.url.pathname.startsWith('/api/')) return json({ error: reason, message }, { status: 403 });
	const accept = event.request.headers.get('accept') ?? '';
	if (event.isDataRequest) return json({ type: 'error', error: { message }, status: 403 }, { status: 403 });
	// A form posted by `use:enhance` expects an ActionResult: an error shows the error page.
	if (accept === 'application/json' && event.request.method !== 'GET') {
		return json({ type: 'error', error: { message }, status: 403 }, { status: 403 });
	}
	const headers: Record<string, string> = { accept: 'text/html' };
	const lang = event.request.headers.get('accept-language');
	if (lang) headers['accept-language'] = lang;
	if (reason === 'origin') headers[REFUSED_ORIGIN_HEADER] = event.request.headers.get('origin') ?? 'null';
	const page = await event.fetch(`/refused?reason=${reason}`, { headers });
	return new Response(page.body, { status: 403, headers: page.headers });
}
