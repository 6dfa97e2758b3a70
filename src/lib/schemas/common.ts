import { z } from 'zod';
import { LOCALES } from '../domain/enums';
import { isIsoDate } from '../domain/period';
import { REGION_CODE_RE } from '../domain/region';

/**
 * Error messages in schemas are message keys (see messages/*.json); pages translate them, so a
 * field error reaches the user in their language whichever boundary produced it.
 */
export type MessageKey = `err_${string}`;

const PROBE_ORIGIN = 'http://rasd.invalid';
/** Control characters, backslashes and line separators, never in a path of ours. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\\u2028\u2029]/;
/** The same percent-encoded, and encoded slashes, in the path part (a query may hold `a%2Fb`). */
const UNSAFE_ENCODED = /%(?:[01][0-9a-f]|7f|2f|5c)|%e2%80%a[89]/i;

/**
 * A path of this site to go back to after a form, or `/`. Accepted only when the URL parser resolves
 * it to the app's own origin (the one browsers use), written back in the parser's own form; anything
 * a browser might read otherwise (`//evil`, `/\evil`, a tab or newline that browsers strip, `/\t/evil`,
 * encoded slashes, an absolute URL) becomes `/`. Never throws, so a bad value is never a 500.
 */
export function sameSitePath(value: string | null | undefined): string {
	if (!value || value.length > 2000 || !value.startsWith('/') || UNSAFE_CHARS.test(value)) return '/';
	if (UNSAFE_ENCODED.test(value.split(/[?#]/, 1)[0]!)) return '/';
	let url: URL;
	try {
		url = new URL(value, PROBE_ORIGIN);
	} catch {
		return '/';
	}
	if (url.origin !== PROBE_ORIGIN) return '/';
	const path = url.pathname + url.search + url.hash;
	// `/.//evil` normalizes to `//evil`, which a browser would read as another host.
	return path.startsWith('//') ? '/' : path;
}

export const safePath = z.string().optional().transform(sameSitePath);

export const localeSchema = z.enum(LOCALES, { error: 'err_locale_unknown' });

/** Field → first message key, from a failed parse. */
export function fieldErrors(error: z.ZodError): Record<string, MessageKey> {
	const out: Record<string, MessageKey> = {};
	for (const issue of error.issues) {
		const field = issue.path.map(String).join('.') || '_form';
		if (!(field in out)) out[field] = (issue.message.startsWith('err_') ? issue.message : 'err_invalid') as MessageKey;
	}
	return out;
}

/** FormData → plain object (last value wins; files are left out). */
export function formObject(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data) if (typeof v === 'string') out[k] = v;
	return out;
}

// ---- strict primitives: every schema builds its numbers, dates and names from these ----

/**
 * Blank (empty or only spaces, as an untouched form field or `?status=`) reads as absent.
 * `null` is kept: forms and query strings never send it, so in a JSON body it is a value the
 * schema refuses (`.optional()` takes undefined, not null) rather than a field left out.
 */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * The same, and `null` reads as absent too: a workbook's empty cell arrives as null
 * (`CellValue` in server/table-files.ts), so the structure rows treat it as a blank cell.
 */
export const blankOrNullToUndefined = (v: unknown) => (v == null ? undefined : blankToUndefined(v));

/** A region by its ISO 3166-2:MA code (MA-01 … MA-12); anything else is refused as an unknown region. */
export const regionCode = z.string().regex(REGION_CODE_RE, 'err_region_unknown');

/** A plain decimal as people type it: digits, one optional sign, one optional `.` or `,` — no exponent, no hex. */
const DECIMAL_RE = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
/** Beyond 15 significant digits a double no longer holds what was typed (2^53 + 1 becomes 2^53). */
const MAX_SIGNIFICANT_DIGITS = 15;

/** `"12,5"` → 12.5; any other string stays a string (and fails `z.number()`); non-strings pass as they are. */
function decimalString(v: unknown): unknown {
	if (typeof v !== 'string') return v;
	const s = v.trim();
	if (!DECIMAL_RE.test(s)) return v;
	if (s.replace(/[^0-9]/g, '').replace(/^0+/, '').length > MAX_SIGNIFICANT_DIGITS) return v;
	return Number(s.replace(',', '.'));
}

/** Largest magnitude any number field accepts, whatever its own range: finite, far below where doubles lose integers. */
export const MAX_MAGNITUDE = 1e15;

/**
 * A number from a form (a decimal string) or JSON (a number). Refused: other types (`null`, `true`, `[]` are not
 * 0 or 1), exponents and hex (`1e308`, `0x10`), more digits than a double keeps, non-finite and huge values.
 */
export function decimal(error: MessageKey = 'err_value_number') {
	return z.preprocess(
		decimalString,
		z
			.number({ error })
			.refine((n) => Math.abs(n) <= MAX_MAGNITUDE, error)
			.refine((n) => !Number.isInteger(n) || Number.isSafeInteger(n), error)
	);
}

/** A whole number in [min, max] under the same rules as {@link decimal}. */
export function wholeNumber(min: number, max: number, error: MessageKey = 'err_value_number') {
	return z.preprocess(decimalString, z.number({ error }).int(error).min(min, error).max(max, error));
}

/** A row id or version: a positive whole number (a string of digits in forms). */
export const idNumber = wholeNumber(1, 2 ** 31 - 1, 'err_invalid');
/** The same, and absent when blank. */
export const optionalId = z.preprocess(blankToUndefined, idNumber.optional());

/** The dates the plan can speak of: before or after is a typo (1900, 9999), not a plan date. */
export const PLAN_DATE_MIN = '2000-01-01';
export const PLAN_DATE_MAX = '2100-12-31';

/** A real calendar day `YYYY-MM-DD` (no 2026-02-30, no 2026-04-31) between PLAN_DATE_MIN and PLAN_DATE_MAX. */
export const planDate = z
	.string({ error: 'err_date_invalid' })
	.trim()
	.refine(isIsoDate, 'err_date_invalid')
	.refine((d) => d >= PLAN_DATE_MIN && d <= PLAN_DATE_MAX, 'err_date_out_of_range');

/**
 * Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069): in a name they reorder what is displayed,
 * so `report\u202Efdp.exe` reads "reportexe.pdf". Names never need them (the marks U+200E/200F are kept).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** C0/C1 controls and the line/paragraph separators: no name holds one. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

export function cleanName(s: string): string {
	return s.replace(BIDI_CONTROLS, '').replace(CONTROLS, '');
}

/** A short display name (a person, a label, a title): bidi and control characters stripped, trimmed, at most `max`. */
export function nameText(max: number) {
	return z.string({ error: 'err_invalid' }).transform(cleanName).pipe(z.string().trim().max(max, 'err_text_too_long'));
}

/** An uploaded file's display name: no path, no bidi or control characters, at most 200 characters; never empty. */
export const fileNameSchema = z
	.string()
	.transform(
		(v) =>
			cleanName(v)
				.replace(/^.*[\\/]/, '')
				.trim()
				.slice(0, 200) || 'document'
	)
	.catch('document');
