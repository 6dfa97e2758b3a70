/**
 * Small bridges between paraglide and the rest of the UI: the current locale, translation of a
 * message key that arrives as data (zod errors, enum values), localized plan content.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/domain/enums';
import { localized } from '$lib/domain/localize';

export { m };

export function lang(): Locale {
	return getLocale() as Locale;
}

const messages = m as unknown as Record<string, ((params?: Record<string, unknown>) => string) | undefined>;

/** Translates a key that comes from data; an unknown key shows as itself rather than breaking the page. */
export function t(key: string, params?: Record<string, unknown>): string {
	return messages[key]?.(params) ?? key;
}

/** Text of a per-language field in the current locale, with the French fallback flag. */
export function tr(row: object, field: string): { text: string; fallback: boolean } {
	return localized(row as Record<string, unknown>, field, lang());
}
