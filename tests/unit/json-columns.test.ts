/**
 * The readers of the JSON text columns: what a page cites (`citedSources`, with notes) and what the
 * exports take (`parseSources`, `{ title, url, date }`) come from one parse of the column.
 */
import { describe, it, expect } from 'vitest';
import { citedSources, parseSources } from '../../src/lib/schemas/json-columns';
import { withSources } from '../../src/lib/server/cited-sources';

const column = JSON.stringify([
	{ title: 'TIP 2024', url: 'https://example.org/tip', date: '2024-06', note: 'Tier 2' },
	{ title: 'Décret', officialUrl: 'https://example.org/bo' },
	{ url: 'https://example.org/untitled' },
	{ title: 'Odd', url: 42 }
]);

describe('the sources column', () => {
	it('a page cites each titled entry with its address, date and note; other fields are dropped', () => {
		expect(citedSources(column)).toEqual([
			{ title: 'TIP 2024', url: 'https://example.org/tip', date: '2024-06', note: 'Tier 2' },
			{ title: 'Décret', url: null, date: null, note: null },
			{ title: 'Odd', url: null, date: null, note: null }
		]);
	});

	it('the exports read the same entries without the note', () => {
		expect(parseSources(column)).toEqual(citedSources(column).map(({ title, url, date }) => ({ title, url, date })));
	});

	it('a malformed or missing column reads as no source', () => {
		for (const bad of [null, undefined, '', 'not json', '{"title":"x"}', '42']) expect(citedSources(bad)).toEqual([]);
	});

	it('withSources hands a page the row with its sources parsed and every other field as it was', () => {
		const row = { id: 3, code: 'M1', sources: column };
		expect(withSources(row)).toEqual({ id: 3, code: 'M1', sources: citedSources(column) });
		expect(row.sources).toBe(column);
	});
});
