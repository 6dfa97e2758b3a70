/**
 * Money as integers: an amount is kept in minor units of its currency (cents, centimes) with the
 * currency's ISO 4217 code, and converted with integer arithmetic only. Relative imports only.
 */

/** The funding view's region group of what has no region (a national measure or project). */
export const NATIONAL = 'national';

export const PROJECT_STATUSES = ['planned', 'ongoing', 'completed', 'suspended'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** The currencies a project budget may be in (those of Morocco's partners), with their minor-unit digits. */
export const CURRENCY_DIGITS = { MAD: 2, EUR: 2, USD: 2, CHF: 2, GBP: 2, CAD: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCY_DIGITS;
export const CURRENCIES = Object.keys(CURRENCY_DIGITS) as Currency[];

export function isCurrency(code: string): code is Currency {
	return Object.hasOwn(CURRENCY_DIGITS, code);
}

function digitsOf(currency: string): number {
	return isCurrency(currency) ? CURRENCY_DIGITS[currency] : 2;
}

/**
 * Parses what a person types ("1 200 000,50", "1200000.5", "1,200,000.50" in English) into minor units,
 * without going through a float. Returns null for anything that is not a non-negative amount with at most
 * the currency's digits after the separator.
 */
export function parseMinor(input: string, currency: string): number | null {
	const digits = digitsOf(currency);
	let s = input.replace(/[\s\u00a0\u202f']/g, '');
	if (s === '') return null;
	// The last '.' or ',' followed by 1-`digits` digits is the decimal separator; other separators group thousands.
	const m = digits > 0 ? new RegExp(`^(.*?)[.,](\\d{1,${digits}})$`).exec(s) : null;
	let frac = '';
	if (m) {
		s = m[1]!;
		frac = m[2]!;
	}
	// "12.345" alone could be twelve and a bit or twelve thousand: refused rather than guessed.
	if (!m && digits > 0 && (s.match(/[.,]/g) ?? []).length === 1) return null;
	s = s.replace(/[.,](?=\d{3}(?:[.,]|$))/g, '');
	if (!/^\d+$/.test(s)) return null;
	const minor = BigInt(s) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
	if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
	return Number(minor);
}

/** Minor units as a plain decimal string for a form field ("1200000.50"; "1200000" when there are no cents). */
export function minorToInput(minor: number, currency: string): string {
	const digits = digitsOf(currency);
	if (digits === 0) return String(minor);
	const unit = 10 ** digits;
	const whole = Math.floor(minor / unit);
	const frac = minor % unit;
	return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(digits, '0')}`;
}

/** Major units from a public record (a budget given as 1 200 000 EUR) into minor units. */
export function majorToMinor(major: number, currency: string): number {
	return parseMinor(String(major), currency) ?? Math.round(major * 10 ** digitsOf(currency));
}

/** Formats minor units in the reader's language ("1 200 000,00 €"). */
export function formatMoney(minor: number, currency: string, locale: string): string {
	const digits = digitsOf(currency);
	return new Intl.NumberFormat(locale === 'ar' ? 'ar-MA-u-nu-latn' : locale, {
		style: 'currency',
		currency,
		minimumFractionDigits: 0,
		maximumFractionDigits: digits
	}).format(minor / 10 ** digits);
}

/** Rate typed by the admin ("10.85" MAD per unit) into millionths (10_850_000); null when not a positive rate. */
export function parseRateMicro(input: string): number | null {
	const m = /^(\d{1,6})(?:[.,](\d{1,6}))?$/.exec(input.trim());
	if (!m) return null;
	const micro = Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
	return micro > 0 ? micro : null;
}

export function rateMicroToString(micro: number): string {
	const whole = Math.floor(micro / 1_000_000);
	const frac = String(micro % 1_000_000)
		.padStart(6, '0')
		.replace(/0+$/, '');
	return frac ? `${whole}.${frac}` : String(whole);
}

/**
 * Minor units of `currency` converted to MAD centimes at `madPerUnitMicro`, rounded half up, with integers
 * only (BigInt: 10^15 centimes × 10^7 would pass 2^53).
 */
export function toMadMinor(minor: number, currency: string, madPerUnitMicro: number): number {
	const digits = digitsOf(currency);
	// MAD centimes = minor / 10^digits × rate / 10^6 × 100
	const num = BigInt(minor) * BigInt(madPerUnitMicro) * 100n;
	const den = 10n ** BigInt(digits) * 1_000_000n;
	return Number((num * 2n + den) / (2n * den));
}
