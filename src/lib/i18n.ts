/**
 * Small bridges between paraglide and the rest of the UI: the current locale, localized plan
 * content, plurals, lists. Messages are always named (`m.key()`, or a map that names each one:
 * $lib/labels, $lib/error-text), never looked up by a computed key, so the bundler keeps in a page
 * only the messages it uses.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/domain/enums';
import { localized } from '$lib/domain/localize';
import { formatNumber } from '$lib/domain/format';

export { m };

export function lang(): Locale {
	return getLocale() as Locale;
}

/** Text of a per-language field in the current locale, with the French fallback flag. */
export function tr(row: object, field: string): { text: string; fallback: boolean } {
	return localized(row as Record<string, unknown>, field, lang());
}

/**
 * The arguments of a plural message ("16 تدبيرا", "1 mesure"): `count` chooses the form through
 * Intl.PluralRules, `n` is the number as the locale writes it.
 */
export function plural(count: number): { count: number; n: string } {
	return { count, n: formatNumber(count, lang()) };
}

/** Items of a list joined the locale's way: the Arabic comma "،" in Arabic. */
export function joinList(items: readonly string[]): string {
	return items.join(m.list_separator());
}
