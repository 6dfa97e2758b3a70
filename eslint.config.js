// Lint: the JavaScript, TypeScript and Svelte recommended rules, with formatting left to Prettier.
// Not type-aware (svelte-check already type-checks the whole project): it stays fast enough to run
// on every `npm test`.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/paraglide/', 'bench/out/', 'data/', 'coverage/', 'drizzle/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			// `_name` marks a parameter kept for its position
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// `ok || errors.push(…)` and `cond ? a() : b()` as statements are used on purpose in the validators
			'@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
			// the app is served at the root (no `paths.base`), so a plain href is already resolved
			'svelte/no-navigation-without-resolve': 'off',
			// it flags a URLSearchParams or Date built and thrown away inside one derivation, never kept as state
			'svelte/prefer-svelte-reactivity': 'off',
			// `{' '}` keeps a space that Svelte trims at the start of a block
			'svelte/no-useless-mustaches': 'off'
		}
	},
	{
		// test helpers reach into framework objects (RequestEvent, cookies) that are not worth typing in full
		files: ['tests/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	}
);
