/**
 * How an institution is named in a given language. Each institution carries its acronym per language
 * (Arabic writes a designation such as "المنظمة الدولية للهجرة" where French writes "OIM", or none) and
 * a short name per language ("Ministère de la Justice", "وزارة العدل"), so nothing is cut out of a long
 * name and no French acronym shows in an Arabic or English page.
 */
import type { Locale } from './enums';
import { localized } from './localize';

export interface InstitutionNames {
	nameFr: string;
	nameAr: string | null;
	nameEn: string | null;
	acronymFr: string | null;
	acronymAr?: string | null;
	acronymEn: string | null;
	shortNameFr?: string | null;
	shortNameAr?: string | null;
	shortNameEn?: string | null;
}

const blank = (s: string | null | undefined): s is null | undefined => s == null || s.trim() === '';

/** The acronym this language uses for the institution, or null (never another language's). */
export function institutionAcronym(i: InstitutionNames, locale: Locale): string | null {
	const a = locale === 'fr' ? i.acronymFr : locale === 'en' ? i.acronymEn : i.acronymAr;
	return blank(a) ? null : a;
}

/** The short name in `locale`; else the full name in `locale`; else the French short or full name. */
export function institutionShortName(i: InstitutionNames, locale: Locale): string {
	const own = locale === 'fr' ? i.shortNameFr : locale === 'ar' ? i.shortNameAr : i.shortNameEn;
	if (!blank(own)) return own;
	const name = localized(i, 'name', locale);
	if (!name.fallback) return name.text;
	return blank(i.shortNameFr) ? name.text : i.shortNameFr;
}

/** A compact label (lists, chart axes): the language's acronym where it has one, else the short name. */
export function institutionLabel(i: InstitutionNames, locale: Locale): string {
	return institutionAcronym(i, locale) ?? institutionShortName(i, locale);
}
