import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildMessages } from '../../scripts/build-messages.mjs';

describe('interface messages', () => {
	it('messages/*.json are built from messages-src (run `npm run messages` after editing it)', () => {
		const built = buildMessages() as Record<string, string>;
		for (const locale of ['fr', 'ar', 'en']) {
			expect(readFileSync(`messages/${locale}.json`, 'utf8'), locale).toBe(built[locale]);
		}
	});

	it('uses Western digits in Arabic messages and keeps every placeholder of the French text', () => {
		const fr = JSON.parse(readFileSync('messages/fr.json', 'utf8')) as Record<string, string>;
		const ar = JSON.parse(readFileSync('messages/ar.json', 'utf8')) as Record<string, string>;
		const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, string>;
		for (const [key, text] of Object.entries(fr)) {
			if (key.startsWith('$')) continue;
			expect(ar[key], key).not.toMatch(/[\u0660-\u0669]/);
			const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
			expect(params(ar[key]!), `ar ${key}`).toEqual(params(text));
			expect(params(en[key]!), `en ${key}`).toEqual(params(text));
		}
	});
});
