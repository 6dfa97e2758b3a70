/**
 * Small bridges between paraglide and the rest of the UI: the current locale, translation of a
 * message key that arrives as data (zod errors, enum values), localized plan content.
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

const messages = m as unknown as Record<string, ((params?: Record<string, unknown>) => string) | undefined>;

/** The name of every message: a key the code builds (`pillar_${p}` with p a Pillar) is type-checked against it. */
export type MessageKey = keyof typeof m;

/** A message the code chooses by name; a key outside the catalogue fails the type check. */
export function t(key: MessageKey, params?: Record<string, unknown>): string {
	return messages[key]?.(params) ?? key;
}

/**
 * A message whose key arrives as data: a field error an action returned, an enum value read from a
 * column typed as text. Unknown keys show as themselves rather than breaking the page; the catalogue
 * test (tests/unit/message-keys.test.ts) checks every enum value and every error key the code emits.
 */
export function tData(key: string, params?: Record<string, unknown>): string {
	return messages[key]?.(params) ?? key;
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
