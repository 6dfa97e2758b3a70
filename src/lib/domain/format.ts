/**
 * Locale-aware formatting of numbers, percentages and dates, following the glossary:
 * Western digits (0-9) in every language, comma decimals in French and Arabic, Moroccan month
 * names in Arabic ("ماي", "يوليوز", "غشت"…), dates as "17 mars 2023" / "17/03/2023".
 */
import type { Locale } from './enums';

const INTL_LOCALE: Record<Locale, string> = {
	fr: 'fr-MA',
	// -u-nu-latn forces Western digits even where an engine would default to Eastern ones.
	ar: 'ar-MA-u-nu-latn',
	en: 'en-GB'
};

/** The BCP 47 tag to give `Intl` for an app locale: fr-MA, ar-MA-u-nu-latn, en-GB. */
export function intlLocale(locale: Locale): string {
	return INTL_LOCALE[locale];
}

/**
 * A number for display, e.g. fr/ar "1.234.567,5", en "1,234,567.5" (Moroccan CLDR data groups with a dot).
 * In Arabic, Intl puts U+200E marks before a minus sign so it stays left of the digits in RTL text.
 */
export function formatNumber(n: number, locale: Locale, opts?: Intl.NumberFormatOptions): string {
	return numberFormat(locale, opts).format(n);
}

// Building an Intl formatter costs far more than using one (a dashboard formats hundreds of
// figures per render: it was most of the overview's render time), so each is built once.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, opts?: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = opts ? `${locale}|${JSON.stringify(opts)}` : locale;
	let f = numberFormats.get(key);
	if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(intlLocale(locale), opts)));
	return f;
}
const longDateFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * A percentage given on a 0..100 scale (as progress is stored), at most one decimal.
 * Real Intl output on Node 20 (ICU 7x): fr "42\u00A0%" (no-break space), en "42%",
 * ar "42\u200E%\u200E" — Western digits with left-to-right marks around the sign, which keep
 * "42%" in that order inside right-to-left text.
 */
export function formatPercent(n: number, locale: Locale): string {
	return formatNumber(n / 100, locale, { style: 'percent', maximumFractionDigits: 1 });
}

/** Moroccan month names (glossary), not مايو/يوليو/أغسطس… nor the Levantine كانون/تشرين. */
export const AR_MA_MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'] as const;

const ISO_DAY_RE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * A date for display; `isoDate` is 'YYYY-MM-DD' or an ISO instant (its first 10 characters, the
 * UTC date, are used, so a date never shifts with the server's or browser's time zone).
 * long: fr "17 mars 2023", en "17 March 2023", ar "17 مارس 2023"; short: "17/03/2023" everywhere.
 * Returns the input unchanged when it is not a date.
 */
export function formatDate(isoDate: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
	const m = ISO_DAY_RE.exec(isoDate);
	if (!m) return isoDate;
	const [, y, mo, d] = m as unknown as [string, string, string, string];
	const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
	if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return isoDate;
	if (style === 'short') {
		// Built by hand: ICU's ar-MA short date inserts U+200F marks ("17‏/03‏/2023"); plain
		// digits and slashes already render as 17/03/2023 in both directions.
		return `${d}/${mo}/${y}`;
	}
	if (locale === 'ar') {
		// Node's full ICU does give the Moroccan names for ar-MA, but browser builds and older
		// CLDR data may not (مايو, أغسطس…): the glossary's names are spelled out here.
		return `${Number(d)} ${AR_MA_MONTHS[Number(mo) - 1]} ${y}`;
	}
	let f = longDateFormats.get(locale);
	if (!f) longDateFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
	return f.format(date);
}

/** An indicator's value in its unit: a percentage for '%' indicators, a number otherwise, '—' when missing. */
const monthYearFormats = new Map<Locale, Intl.DateTimeFormat>();
/**
 * A date known only as precisely as its source gives it: "2019" stays a year, "2024-06" is
 * "juin 2024" / "يونيو 2024" / "June 2024", a full date is a day. Never a day that nobody gave.
 */
export function formatPartialDate(raw: string, locale: Locale): string | null {
	// sources write "2019 update", "2023 (fall)", "2019-02-11/12": the date they start with counts; "n.d." has none
	const date = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(raw.trim())?.[0];
	if (!date) return null;
	if (/^\d{4}$/.test(date)) return date;
	const ym = /^(\d{4})-(\d{2})$/.exec(date);
	if (ym) {
		const [, y, mo] = ym as unknown as [string, string, string];
		const month = Number(mo);
		if (month < 1 || month > 12) return date;
		if (locale === 'ar') return `${AR_MA_MONTHS[month - 1]} ${y}`;
		let f = monthYearFormats.get(locale);
		if (!f) monthYearFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' })));
		return f.format(new Date(Date.UTC(Number(y), month - 1, 1)));
	}
	return formatDate(date.slice(0, 10), locale, 'long');
}

export function formatIndicatorValue(value: number | null, unit: string | null | undefined, locale: Locale): string {
	return value == null ? '—' : unit === '%' ? formatPercent(value, locale) : formatNumber(value, locale);
}

/** An instant (ms) as "17/03/2026 14:05 UTC": a session list compares times, and UTC says which clock. */
export function formatDateTimeUtc(ms: number, locale: Locale): string {
	const iso = new Date(ms).toISOString();
	return `${formatDate(iso, locale, 'short')} ${iso.slice(11, 16)} UTC`;
}
