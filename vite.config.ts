import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';

export default defineConfig({
	plugins: [
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
