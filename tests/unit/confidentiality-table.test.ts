import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { recoverableCells, suppressTable, type CountTable, type MaskedTable, type TableCell } from '../../src/lib/domain/confidentiality';

// '<5' a small cell, 'x' a complement, a number a shown cell.
const show = (c: TableCell | null) => (c == null ? undefined : c.masked ? (c.small ? '<5' : 'x') : c.value);
const view = (m: MaskedTable) => ({
	cells: m.cells.map((r) => r.map(show)),
	rowTotals: m.rowTotals?.map(show) ?? null,
	colTotals: m.colTotals?.map(show) ?? null,
	total: show(m.total)
});
/** The hidden mask of a result on the grid with margins, for recoverableCells. */
function hiddenOf(t: CountTable, m: MaskedTable): boolean[][] {
	const R = t.cells.length;
	const C = t.cells[0]?.length ?? 0;
	const g: boolean[][] = [];
	for (let r = 0; r < R; r++) g.push([...m.cells[r]!.map((c) => c.masked || c.value == null), !!m.rowTotals?.[r]?.masked]);
	g.push([...Array.from({ length: C }, (_, c) => !!m.colTotals?.[c]?.masked), !!m.total?.masked]);
	return g;
}

describe('suppression across dimensions (tables worked out by hand)', () => {
	it('a single small cell in a breakdown with its total: the next smallest part goes with it', () => {
		// Victims by form of exploitation, total 55: 3 alone masked would be 55 - 12 - 40.
		const t: CountTable = { cells: [[3, 12, 40]], rowTotals: [55] };
		expect(view(suppressTable(t))).toEqual({ cells: [['<5', 'x', 40]], rowTotals: [55], colTotals: null, total: undefined });
	});

	it('a small cell recoverable from its row total and from its column total: the 2 × 2 block is masked, the margins stay', () => {
		// sex × age group: girls 3, women 20, boys 10, men 30.
		const t: CountTable = {
			cells: [
				[3, 20],
				[10, 30]
			],
			rowTotals: [23, 40],
			colTotals: [13, 50],
			total: 63
		};
		const out = suppressTable(t);
		expect(view(out)).toEqual({
			cells: [
				['<5', 'x'],
				['x', 'x']
			],
			rowTotals: [23, 40],
			colTotals: [13, 50],
			total: 63
		});
		// Row 0 alone would give 23 - 20 = 3; column 0 alone 13 - 10 = 3: neither can now.
		expect(recoverableCells(t, hiddenOf(t, out)).size).toBe(0);
	});

	it('a small column (region) cell: the next smallest region is masked, the national total stays', () => {
		const t: CountTable = { cells: [[3], [20], [30]], colTotals: [53] };
		expect(view(suppressTable(t)).cells).toEqual([['<5'], ['x'], [30]]);
	});

	it('a small row total recoverable from the grand total: another row total and a part of its row go too', () => {
		// Three regions × sex. Region 1 has 1 + 2 = 3: its total is small, so is every part.
		const t: CountTable = {
			cells: [
				[1, 2],
				[20, 30],
				[25, 15]
			],
			rowTotals: [3, 50, 40],
			colTotals: [46, 47],
			total: 93
		};
		const out = suppressTable(t);
		const v = view(out);
		expect(v.cells[0]).toEqual(['<5', '<5']);
		expect(v.rowTotals![0]).toBe('<5');
		// 3 = 93 - 50 - 40 unless another row total is hidden; the smallest (40) goes.
		expect(v.rowTotals).toEqual(['<5', 50, 'x']);
		expect(v.total).toBe(93);
		expect(recoverableCells(t, hiddenOf(t, out)).size).toBe(0);
	});

	it('knows a single hidden cell is recoverable, and a 2 × 2 block is not', () => {
		const t: CountTable = {
			cells: [
				[3, 20],
				[10, 30]
			],
			rowTotals: [23, 40],
			colTotals: [13, 50],
			total: 63
		};
		const one = [
			[true, false, false],
			[false, false, false],
			[false, false, false]
		];
		expect([...recoverableCells(t, one)]).toEqual(['0,0']);
		// Masked by row only (3 and 20): column 0 still gives 3 = 13 - 10.
		const rowOnly = [
			[true, true, false],
			[false, false, false],
			[false, false, false]
		];
		expect(recoverableCells(t, rowOnly)).toEqual(new Set(['0,0', '0,1']));
		const block = [
			[true, true, false],
			[true, true, false],
			[false, false, false]
		];
		expect(recoverableCells(t, block).size).toBe(0);
	});

	it('zeros are small counts: masked, and a lone zero takes a complement like any small cell', () => {
		expect(view(suppressTable({ cells: [[0, 7, 30]], rowTotals: [37] })).cells).toEqual([['<5', 'x', 30]]);
		// Two zeros hide each other; their sum (0) only says nobody is there.
		expect(view(suppressTable({ cells: [[0, 0, 30]], rowTotals: [30] })).cells).toEqual([['<5', '<5', 30]]);
	});

	it('two small cells at 4 each are pinned by their sum (8 = 4 + 4): a third cell goes', () => {
		expect(view(suppressTable({ cells: [[4, 4, 30]], rowTotals: [38] })).cells).toEqual([['<5', '<5', 'x']]);
		// 3 + 4 = 7 could be 3 + 4 or 4 + 3: no third cell needed.
		expect(view(suppressTable({ cells: [[3, 4, 30]], rowTotals: [37] })).cells).toEqual([['<5', '<5', 30]]);
	});

	it('all small: every cell and margin is masked, a grand total of 5 or more is shown', () => {
		const t: CountTable = {
			cells: [
				[1, 2],
				[3, 1]
			],
			rowTotals: [3, 4],
			colTotals: [4, 3],
			total: 7
		};
		expect(view(suppressTable(t))).toEqual({
			cells: [
				['<5', '<5'],
				['<5', '<5']
			],
			rowTotals: ['<5', '<5'],
			colTotals: ['<5', '<5'],
			total: 7
		});
		expect(view(suppressTable({ cells: [[1, 2]], rowTotals: [3] }))).toEqual({ cells: [['<5', '<5']], rowTotals: ['<5'], colTotals: null, total: undefined });
	});

	it('leaves a table without small counts as it is, and unreported cells unreported', () => {
		const t: CountTable = {
			cells: [
				[10, null],
				[30, 40]
			],
			rowTotals: [25, 70],
			colTotals: [40, 55],
			total: 95
		};
		expect(view(suppressTable(t))).toEqual({
			cells: [
				[10, null],
				[30, 40]
			],
			rowTotals: [25, 70],
			colTotals: [40, 55],
			total: 95
		});
	});

	it('never leaves a masked cell recoverable, whatever the table (random tables with their margins)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 4 }).chain((R) =>
					fc.integer({ min: 1, max: 4 }).chain((C) =>
						fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { minLength: C, maxLength: C }), {
							minLength: R,
							maxLength: R
						})
					)
				),
				fc.boolean(),
				fc.boolean(),
				(cells, withRows, withCols) => {
					const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
					const colTotals = cells[0]!.map((_, c) => cells.reduce((a, r) => a + r[c]!, 0));
					const t: CountTable = {
						cells,
						rowTotals: withRows ? rowTotals : null,
						colTotals: withCols ? colTotals : null,
						total: withRows || withCols ? rowTotals.reduce((a, b) => a + b, 0) : undefined
					};
					const out = suppressTable(t);
					// every small count is masked
					cells.forEach((r, i) => r.forEach((v, j) => v < 5 && expect(out.cells[i]![j]!.masked).toBe(true)));
					expect(recoverableCells(t, hiddenOf(t, out)).size).toBe(0);
				}
			),
			{ numRuns: 300 }
		);
	});
});
