// Headers every response carries, pages, API, refusals and `/_app` assets alike. Plain JavaScript so
// that both the server entry (scripts/serve.mjs, outside the build) and hooks.server.ts use this one
// list. The Content-Security-Policy itself is SvelteKit's (`kit.csp` in svelte.config.js: it needs
// the nonces of the pages it renders).

/** @type {Readonly<Record<string, string>>} */
export const SECURITY_HEADERS = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'Cross-Origin-Opener-Policy': 'same-origin'
});

/** Over https only: browsers ignore it on http, and it must never pin a plain-http install. */
export const HSTS = 'max-age=31536000; includeSubDomains';
