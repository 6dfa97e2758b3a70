/**
 * The confidentiality rule for counts about victims, in one place: whatever shows such counts to a
 * public reader (partners, published reports, exports) passes them through here.
 *
 * - Primary suppression: a count below CONFIDENTIALITY_THRESHOLD is not shown (a small number of
 *   victims in a region can point to a person).
 * - Secondary suppression: when the cells of a set add up to a total shown elsewhere (the regions of
 *   a national figure), one masked cell could be recomputed from the total and the others, so when
 *   exactly one is masked the next smallest shown cell is masked too.
 */

/** Counts below this are not shown to public readers ("< 5"). */
export const CONFIDENTIALITY_THRESHOLD = 5;

/** What a masked cell shows in place of its value. */
export const MASKED_LABEL = `< ${CONFIDENTIALITY_THRESHOLD}`;

export interface Cell {
	value: number | null;
	masked: boolean;
}

/** Whether a count is too small to show publicly. */
export function isSmallCount(value: number | null): boolean {
	return value != null && value < CONFIDENTIALITY_THRESHOLD;
}

/**
 * The cells with small counts masked (`value: null, masked: true`), and with `partOfTotal` (the
 * cells add up to a total that is shown) one more when a single cell would otherwise be masked.
 * Returns new cells; the input is not changed.
 */
export function suppressSmallCells<T extends Cell>(cells: readonly T[], { partOfTotal = true }: { partOfTotal?: boolean } = {}): T[] {
	const hide = (c: T): T => ({ ...c, value: null, masked: true });
	const out = cells.map((c) => (isSmallCount(c.value) ? hide(c) : c));
	if (!partOfTotal || out.length < 2 || out.filter((c) => c.masked).length !== 1) return out;
	let smallest = -1;
	out.forEach((c, i) => {
		if (!c.masked && c.value != null && (smallest < 0 || c.value < out[smallest]!.value!)) smallest = i;
	});
	if (smallest >= 0) out[smallest] = hide(out[smallest]!);
	return out;
}

// ─── Tables: suppression across dimensions ──────────────────────────────────────────────────────

/**
 * A table of counts that add up: `cells[r][c]` with, where shown, the total of each row, of each
 * column and the grand total (a breakdown by sex × age group, by region × form of exploitation, or a
 * single breakdown as one row with its total). `null` is a value nobody reported: the reader does
 * not know it either.
 */
export interface CountTable {
	cells: (number | null)[][];
	rowTotals?: (number | null)[] | null;
	colTotals?: (number | null)[] | null;
	total?: number | null;
}

/** A cell of a masked table: `small` when it is below the threshold, else masked to protect one that is. */
export interface TableCell {
	value: number | null;
	masked: boolean;
	small: boolean;
}

export interface MaskedTable {
	cells: TableCell[][];
	rowTotals: TableCell[] | null;
	colTotals: TableCell[] | null;
	total: TableCell | null;
}

/**
 * The table's grid with its margins: (R+1) × (C+1), the last row holding the column totals and the
 * last column the row totals; `undefined` where the table has no such total.
 */
function withMargins(t: CountTable): { grid: (number | null | undefined)[][]; R: number; C: number } {
	const R = t.cells.length;
	const C = Math.max(0, ...t.cells.map((r) => r.length));
	const grid: (number | null | undefined)[][] = [];
	for (let r = 0; r < R; r++) grid.push([...Array.from({ length: C }, (_, c) => t.cells[r]![c] ?? null), t.rowTotals ? (t.rowTotals[r] ?? null) : undefined]);
	grid.push([...Array.from({ length: C }, (_, c) => (t.colTotals ? (t.colTotals[c] ?? null) : undefined)), t.total === undefined ? undefined : t.total]);
	return { grid, R, C };
}

/** The additive lines of a grid with margins: each is its parts and the total they add up to. */
function linesOf(grid: (number | null | undefined)[][], R: number, C: number): { parts: [number, number][]; total: [number, number] }[] {
	const lines: { parts: [number, number][]; total: [number, number] }[] = [];
	for (let r = 0; r <= R; r++) {
		if (grid[r]![C] === undefined) continue;
		const parts: [number, number][] = [];
		for (let c = 0; c < C; c++) if (grid[r]![c] !== undefined) parts.push([r, c]);
		if (parts.length) lines.push({ parts, total: [r, C] });
	}
	for (let c = 0; c <= C; c++) {
		if (grid[R]![c] === undefined) continue;
		const parts: [number, number][] = [];
		for (let r = 0; r < R; r++) if (grid[r]![c] !== undefined) parts.push([r, c]);
		if (parts.length) lines.push({ parts, total: [R, c] });
	}
	return lines;
}

/**
 * The hidden cells (masked or unreported) whose value a reader could recompute exactly from the
 * shown cells and the sums of the table: those whose unit vector lies in the row space of the
 * lines' equations over the hidden cells (Gaussian elimination; tables are small).
 * `hidden[r][c]` on the grid with margins. Returns `"r,c"` keys.
 */
export function recoverableCells(t: CountTable, hidden: boolean[][]): Set<string> {
	const { grid, R, C } = withMargins(t);
	const vars: [number, number][] = [];
	const index = new Map<string, number>();
	for (let r = 0; r <= R; r++)
		for (let c = 0; c <= C; c++)
			if (grid[r]![c] !== undefined && hidden[r]?.[c]) {
				index.set(`${r},${c}`, vars.length);
				vars.push([r, c]);
			}
	const rows: number[][] = [];
	for (const line of linesOf(grid, R, C)) {
		const eq = new Array<number>(vars.length).fill(0);
		let any = false;
		for (const [r, c] of line.parts) {
			const k = index.get(`${r},${c}`);
			if (k !== undefined) {
				eq[k] = 1;
				any = true;
			}
		}
		const k = index.get(`${line.total[0]},${line.total[1]}`);
		if (k !== undefined) {
			eq[k] = -1;
			any = true;
		}
		if (any) rows.push(eq);
	}
	// Reduced row echelon form.
	const pivots: number[] = [];
	let lead = 0;
	for (let col = 0; col < vars.length && lead < rows.length; col++) {
		let p = lead;
		while (p < rows.length && Math.abs(rows[p]![col]!) < 1e-9) p++;
		if (p === rows.length) continue;
		[rows[lead], rows[p]] = [rows[p]!, rows[lead]!];
		const f = rows[lead]![col]!;
		rows[lead] = rows[lead]!.map((x) => x / f);
		for (let i = 0; i < rows.length; i++) {
			if (i === lead) continue;
			const g = rows[i]![col]!;
			if (Math.abs(g) > 1e-9) rows[i] = rows[i]!.map((x, j) => x - g * rows[lead]![j]!);
		}
		pivots.push(col);
		lead++;
	}
	// A pivot whose row has no other non-zero entry is fixed by the equations alone.
	const out = new Set<string>();
	pivots.forEach((col, i) => {
		if (rows[i]!.every((x, j) => j === col || Math.abs(x) < 1e-9)) out.add(`${vars[col]![0]},${vars[col]![1]}`);
	});
	return out;
}

/**
 * The confidentiality rule across dimensions. Every count below the threshold is masked, row and
 * column totals included; then cells are masked as complements until no masked cell can be
 * recomputed exactly — from its row, its column, the grand total, or any combination of the
 * table's sums — and no line's small cells are pinned at the threshold by the line's sum (two
 * masked cells adding up to 8 must both be 4). Complements are the smallest shown parts of the
 * lines concerned, so as little as possible is lost. Zeros are small like any count below 5, so
 * a zero is masked too (the label "< 5" does not tell 0 from 4).
 */
export function suppressTable(t: CountTable): MaskedTable {
	const { grid, R, C } = withMargins(t);
	const small = grid.map((row) => row.map((v) => v != null && isSmallCount(v)));
	const hidden = grid.map((row, r) => row.map((v, c) => v === null || small[r]![c]!));
	const lines = linesOf(grid, R, C);
	const valueAt = ([r, c]: [number, number]) => grid[r]![c] as number | null;
	const isHidden = ([r, c]: [number, number]) => hidden[r]![c]!;
	/** Masks the smallest shown cell of the line (parts first, the total last); false if all are hidden. */
	const complement = (line: { parts: [number, number][]; total: [number, number] }): boolean => {
		const shown = line.parts.filter((p) => !isHidden(p) && valueAt(p) != null);
		shown.sort((a, b) => valueAt(a)! - valueAt(b)! || a[0] - b[0] || a[1] - b[1]);
		const pick = shown[0] ?? (!isHidden(line.total) && valueAt(line.total) != null ? line.total : null);
		if (!pick) return false;
		hidden[pick[0]]![pick[1]] = true;
		return true;
	};
	for (let guard = 0; guard < (R + 1) * (C + 1) + 1; guard++) {
		let changed = false;
		for (const line of lines) {
			const cellsOfLine = [...line.parts, line.total];
			const masked = cellsOfLine.filter((p) => isHidden(p) && valueAt(p) != null);
			if (masked.length === 0) continue;
			const unknown = cellsOfLine.filter(isHidden).length;
			// One hidden cell in an additive line is its sum minus the others.
			if (unknown === 1 && complement(line)) {
				changed = true;
				continue;
			}
			// Every hidden part small, the total shown: their sum is known; at 4 each, each is 4.
			const hiddenParts = line.parts.filter(isHidden);
			if (!isHidden(line.total) && hiddenParts.length === unknown && hiddenParts.every((p) => valueAt(p) != null && small[p[0]]![p[1]])) {
				const s = hiddenParts.reduce((a, p) => a + valueAt(p)!, 0);
				if (s > 0 && s === (CONFIDENTIALITY_THRESHOLD - 1) * hiddenParts.length && complement(line)) changed = true;
			}
		}
		if (changed) continue;
		// Combinations of lines: mask a shown neighbour of the first recoverable cell.
		const rec = [...recoverableCells(t, hidden)].map((k) => k.split(',').map(Number) as [number, number]).filter((p) => valueAt(p) != null);
		if (rec.length === 0) break;
		const [r, c] = rec[0]!;
		const line = lines.find(
			(l) => [...l.parts, l.total].some((p) => p[0] === r && p[1] === c) && [...l.parts, l.total].some((p) => !isHidden(p) && valueAt(p) != null)
		);
		if (!line || !complement(line)) break;
	}
	const cell = (r: number, c: number): TableCell => {
		const v = grid[r]![c] as number | null;
		return hidden[r]![c] && v != null ? { value: null, masked: true, small: small[r]![c]! } : { value: v, masked: false, small: false };
	};
	return {
		cells: Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => cell(r, c))),
		rowTotals: t.rowTotals ? Array.from({ length: R }, (_, r) => cell(r, C)) : null,
		colTotals: t.colTotals ? Array.from({ length: C }, (_, c) => cell(R, c)) : null,
		total: t.total === undefined ? null : cell(R, C)
	};
}

/**
 * `suppressSmallCells` applied to each set of cells that belong together (`setOf`: e.g. the regions
 * of one indicator and period), only to the cells `sensitive` picks; the others pass unchanged, with
 * `masked: false`. The order of the cells is kept.
 */
export function suppressBySet<T extends { value: number | null }>(
	cells: readonly T[],
	sensitive: (c: T) => boolean,
	setOf: (c: T) => string,
	opts: { partOfTotal?: boolean } = {}
): (Omit<T, 'value'> & Cell)[] {
	const out: (Omit<T, 'value'> & Cell)[] = cells.map((c) => ({ ...c, masked: false }));
	const sets = new Map<string, number[]>();
	cells.forEach((c, i) => {
		if (!sensitive(c)) return;
		const key = setOf(c);
		const list = sets.get(key);
		if (list) list.push(i);
		else sets.set(key, [i]);
	});
	for (const indexes of sets.values()) {
		const masked = suppressSmallCells(
			indexes.map((i) => out[i]!),
			opts
		);
		indexes.forEach((i, k) => (out[i] = masked[k]!));
	}
	return out;
}
