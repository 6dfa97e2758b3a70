import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Absolute asset paths: the app's refusal page is rendered for whatever URL was refused, and a
		// relative "./_app/…" would resolve against that URL (/admin/_app/… for /admin/audit) and fail.
		paths: { relative: false },
		// Small stylesheets go into the page itself: on a slow mobile link each of the overview's fifteen
		// component stylesheets was a request that held the first paint (Lighthouse, bench/README).
		inlineStyleThreshold: 4096,
		// The origin check is ours (handleOrigin in src/hooks.server.ts): every state-changing request,
		// forms and JSON API alike, refused from a foreign, missing or null origin, and the refusal says
		// why in the user's language. SvelteKit's own check, forms only, would answer first in bare text.
		csrf: { trustedOrigins: ['*'] },
		// A nonce on every script SvelteKit writes into a page; no inline script runs otherwise.
		// Styles keep 'unsafe-inline': Svelte and ECharts set style attributes.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
