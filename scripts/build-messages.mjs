// Builds messages/{fr,ar,en}.json (what paraglide compiles) from messages-src/*.json, where each key
// holds its three translations side by side. Fails on a key defined twice or a missing translation.
// `npm run messages`; a unit test checks the built files are up to date.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

export const LOCALES = ['fr', 'ar', 'en'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** The inlang message-format variant of a plural message, selecting on the `count` input. */
function pluralMessage(/** @type {Record<string, string>} */ forms) {
	const match = Object.fromEntries(
		PLURAL_CATEGORIES.filter((c) => c !== 'other' && forms[c])
			.map((c) => [`countPlural=${c}`, forms[c]])
			.concat([['countPlural=*', forms.other ?? '']])
	);
	const inputs = new Set(['count', ...Object.values(forms).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1] ?? ''))]);
	return [{ declarations: [...[...inputs].map((i) => `input ${i}`), 'local countPlural = count: plural'], selectors: ['countPlural'], match }];
}

/** @returns {Record<string, string>} locale → file contents */
export function buildMessages(srcDir = join(root, 'messages-src')) {
	/** @type {Record<string, Record<string, unknown>>} */
	const out = Object.fromEntries(LOCALES.map((l) => [l, { $schema: 'https://inlang.com/schema/inlang-message-format' }]));
	const problems = [];
	const seen = new Map();
	for (const file of readdirSync(srcDir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		/** @type {Record<string, Record<string, string>>} */
		const table = JSON.parse(readFileSync(join(srcDir, file), 'utf8'));
		for (const [key, tr] of Object.entries(table)) {
			if (seen.has(key)) problems.push(`${file}: "${key}" is already defined in ${seen.get(key)}`);
			seen.set(key, file);
			for (const l of LOCALES) {
				const text = tr[l];
				if (text && typeof text === 'object') {
					// Plural forms keyed by CLDR category ({ "one": "…", "other": "…" }), chosen on {count}
					// through Intl.PluralRules: Arabic has zero, one, two, few, many and other.
					const forms = /** @type {Record<string, unknown>} */ (text);
					const bad = Object.entries(forms).filter(([c, t]) => !PLURAL_CATEGORIES.includes(c) || typeof t !== 'string' || !t.trim());
					if (bad.length || typeof forms.other !== 'string')
						problems.push(`${file}: "${key}" ${l} plural forms need "other" and only ${PLURAL_CATEGORIES.join('/')}`);
					else /** @type {Record<string, unknown>} */ (out[l])[key] = pluralMessage(/** @type {Record<string, string>} */ (forms));
				} else if (typeof text !== 'string' || !text.trim()) problems.push(`${file}: "${key}" has no ${l} text`);
				else /** @type {Record<string, string>} */ (out[l])[key] = text;
			}
		}
	}
	if (problems.length) throw new Error(`messages-src:\n  ${problems.join('\n  ')}`);
	return Object.fromEntries(LOCALES.map((l) => [l, JSON.stringify(out[l], null, '\t') + '\n']));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const built = buildMessages();
	for (const l of LOCALES) writeFileSync(join(root, 'messages', `${l}.json`), built[l] ?? '');
	console.log(`messages: ${Object.keys(JSON.parse(built.fr ?? '{}')).length - 1} keys × ${LOCALES.length} languages`);
}
