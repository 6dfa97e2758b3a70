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
		type Msg = string | { match: Record<string, string> }[];
		const fr = JSON.parse(readFileSync('messages/fr.json', 'utf8')) as Record<string, Msg>;
		const ar = JSON.parse(readFileSync('messages/ar.json', 'utf8')) as Record<string, Msg>;
		const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, Msg>;
		// A plural message is several texts; Arabic's "one" and "two" forms may leave the number out
		// ("تدبير واحد", "تدبيران"), so its placeholders are those of all its forms together.
		const texts = (m: Msg) => (typeof m === 'string' ? [m] : m.flatMap((v) => Object.values(v.match)));
		const params = (m: Msg) => [...new Set(texts(m).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();
		for (const [key, text] of Object.entries(fr)) {
			if (key.startsWith('$')) continue;
			for (const t of texts(ar[key]!)) expect(t, key).not.toMatch(/[\u0660-\u0669]/);
			expect(params(ar[key]!), `ar ${key}`).toEqual(params(text));
			expect(params(en[key]!), `en ${key}`).toEqual(params(text));
		}
	});
});
