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
