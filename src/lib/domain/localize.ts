/**
 * Plan content (titles, descriptions, names) is stored once per language in sibling columns:
 * `titleFr`, `titleAr`, `titleEn`. French is the reference text, always entered first, so it is
 * the fallback when a translation is missing.
 */
import type { Locale } from './enums';

const SUFFIX: Record<Locale, 'Fr' | 'Ar' | 'En'> = { fr: 'Fr', ar: 'Ar', en: 'En' };

/**
 * The field prefixes of `T` that have a French column (`'title'` for a row with `titleFr`).
 * For an open record (`Record<string, unknown>`) any string is accepted.
 */
export type LocalizedField<T> = string extends keyof T ? string : { [K in keyof T & string]: K extends `${infer P}Fr` ? P : never }[keyof T & string];

export interface LocalizedText {
	text: string;
	/** True when the text shown is French because the locale's own text is missing or blank. */
	fallback: boolean;
}

function textOf(row: object, key: string): string | null {
	const v = (row as Record<string, unknown>)[key];
	// Blank counts as missing: an empty input in the admin form should not hide the French.
	return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/**
 * The text of `field` in `locale`, falling back to French. `fallback` is true when the locale is
 * not French and its text is missing or blank (so the UI can mark it, e.g. `lang="fr"`).
 * `text` is '' when French is missing too.
 * @example localized({ titleFr: 'Prévention', titleAr: null }, 'title', 'ar') // { text: 'Prévention', fallback: true }
 */
export function localized<T extends object>(row: T, field: LocalizedField<T>, locale: Locale): LocalizedText {
	const own = textOf(row, `${field}${SUFFIX[locale]}`);
	if (own !== null) return { text: own, fallback: false };
	const fr = locale === 'fr' ? null : textOf(row, `${field}Fr`);
	return { text: fr ?? '', fallback: locale !== 'fr' };
}
