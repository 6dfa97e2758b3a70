import { describe, it, expect } from 'vitest';
import { CONFIDENTIALITY_THRESHOLD, isSmallCount, suppressSmallCells } from '../../src/lib/domain/confidentiality';

const cells = (...values: (number | null)[]) => values.map((value) => ({ value, masked: false }));
const shown = (out: { value: number | null; masked: boolean }[]) => out.map((c) => (c.masked ? 'x' : c.value));

describe('confidentiality rule', () => {
	it('treats counts below the threshold as small, the threshold itself as shown', () => {
		expect(CONFIDENTIALITY_THRESHOLD).toBe(5);
		expect([0, 1, 4, 5, 12, null].map(isSmallCount)).toEqual([true, true, true, false, false, false]);
	});

	it('masks every small count', () => {
		expect(shown(suppressSmallCells(cells(3, 2, 40, 25, null)))).toEqual(['x', 'x', 40, 25, null]);
	});

	it('masks the next smallest cell when a single masked one could be recomputed from the total', () => {
		expect(shown(suppressSmallCells(cells(3, 12, 40)))).toEqual(['x', 'x', 40]);
		// missing cells are not "shown": the next smallest shown one is
		expect(shown(suppressSmallCells(cells(null, 3, 9, 7)))).toEqual([null, 'x', 9, 'x']);
	});

	it('needs no second cell for values that are not parts of a shown total', () => {
		expect(shown(suppressSmallCells(cells(3, 12, 40), { partOfTotal: false }))).toEqual(['x', 12, 40]);
		expect(shown(suppressSmallCells(cells(3)))).toEqual(['x']);
	});

	it('leaves the input as it was and keeps the other fields', () => {
		const input = [
			{ value: 2, masked: false, iso: 'MA-01' },
			{ value: 30, masked: false, iso: 'MA-02' }
		];
		const out = suppressSmallCells(input);
		expect(input[0]).toEqual({ value: 2, masked: false, iso: 'MA-01' });
		expect(out).toEqual([
			{ value: null, masked: true, iso: 'MA-01' },
			{ value: null, masked: true, iso: 'MA-02' }
		]);
	});
});
