/** A region of Morocco by its ISO 3166-2:MA code, MA-01 … MA-12 (the twelve regions of 2015). */
export const REGION_CODE_RE = /^MA-(0[1-9]|1[0-2])$/;

/** Whether `s` is one of the twelve region codes (exactly, upper case). */
export function isRegionCode(s: string): boolean {
	return REGION_CODE_RE.test(s);
}
