import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { paraglideOptions } from './paraglide.config.js';

/**
 * paraglide's generated registry builds a new Intl.PluralRules for every plural message it renders, and
 * building one costs far more than using it (a server profile under load: bench/README, "Load"). One per
 * locale is kept instead; the build fails if the generated line changes, rather than silently not memoizing.
 */
function memoizedPluralRules(): Plugin {
	const generated = 'return new Intl.PluralRules(locale, options).select(Number(input))';
	return {
		name: 'rasd:memoized-plural-rules',
		transform(code, id) {
			if (!id.replace(/\\/g, '/').endsWith('/paraglide/registry.js')) return;
			if (!code.includes(generated)) this.error('paraglide/registry.js: its plural() changed; update memoizedPluralRules in vite.config.ts');
			const memo =
				'const key = options && Object.keys(options).length ? locale + JSON.stringify(options) : locale;\n' +
				'\tlet rules = PLURAL_RULES.get(key);\n' +
				'\tif (!rules) PLURAL_RULES.set(key, (rules = new Intl.PluralRules(locale, options)));\n' +
				'\treturn rules.select(Number(input))';
			return { code: 'const PLURAL_RULES = new Map();\n' + code.replace(generated, memo), map: null };
		}
	};
}

export default defineConfig({
	plugins: [
		memoizedPluralRules(),
		// Under vitest the plugin's watcher keeps the process alive; tests compile the messages once
		// in their global setup instead (tests/setup/paraglide.ts).
		!process.env.VITEST && paraglideVitePlugin(paraglideOptions),
		sveltekit()
	],
	server: { port: 3000 },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/setup/paraglide.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 20_000,
					// a beforeAll that migrates and seeds takes ~1.5 s alone, and over 10 s on a loaded 2-core machine
					hookTimeout: 60_000,
					globalSetup: ['tests/setup/paraglide.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					// screenshot walks take 20 to 32 full-page captures, about 4 s each when the 2 shared cores are busy
					testTimeout: 300_000,
					hookTimeout: 240_000,
					fileParallelism: false
				}
			}
		]
	}
});
