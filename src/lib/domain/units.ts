/**
 * Units of indicators, per language and with each language's plural forms.
 *
 * An indicator stores its unit once per language (`unit` is the French, `unitAr`, `unitEn`), each as
 * its plural forms joined by "|" in the order of `PLURAL_ORDER` for that language:
 *   fr "réunion|réunions" (one|other: "1 réunion", "0 réunion", "12 réunions"),
 *   en "meeting|meetings",
 *   ar "اجتماع|اجتماع|اجتماعان|اجتماعات|اجتماعا|اجتماع" (zero|one|two|few|many|other:
 *      "3 اجتماعات", "16 اجتماعا", "100 اجتماع").
 * A single form is invariant ("%", "MAD"). The form is chosen with `Intl.PluralRules`, so Arabic's six
 * categories come from CLDR, not from hand-written ranges.
 */
import type { Locale } from './enums';
import { formatNumber, formatPercent, intlLocale } from './format';
import { m } from '../paraglide/messages';

export const PLURAL_ORDER: Record<Locale, readonly Intl.LDMLPluralRule[]> = {
	fr: ['one', 'other'],
	ar: ['zero', 'one', 'two', 'few', 'many', 'other'],
	en: ['one', 'other']
};

export interface UnitRow {
	unit: string | null;
	unitAr?: string | null;
	unitEn?: string | null;
}

const rules = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
	let r = rules.get(locale);
	if (!r) rules.set(locale, (r = new Intl.PluralRules(intlLocale(locale))));
	return r;
}

/** The stored forms of a unit in `locale`, French when the locale has none ("" when there is no unit). */
export function unitForms(row: UnitRow, locale: Locale): { forms: string[]; locale: Locale } {
	const own = locale === 'ar' ? row.unitAr : locale === 'en' ? row.unitEn : row.unit;
	const pick = own?.trim() ? { text: own, locale } : { text: row.unit ?? '', locale: 'fr' as Locale };
	return { forms: pick.text.split('|').map((f) => f.trim()), locale: pick.locale };
}

/** The form of a unit that goes with the number `n` ("1 réunion", "16 تدبيرا"). */
export function pluralForm(forms: readonly string[], n: number, locale: Locale): string {
	if (forms.length <= 1) return forms[0] ?? '';
	const order = PLURAL_ORDER[locale];
	const category = pluralRules(locale).select(n);
	const i = order.indexOf(category);
	// French CLDR also has "many" (1 000 000 de personnes): the plural form serves.
	return forms[i >= 0 && i < forms.length ? i : forms.length - 1] ?? '';
}

/**
 * The unit on its own, as a column heading or a "Value (unit)" label: the plural ("victimes",
 * "victims"; in Arabic the plural of 3 to 10, "ضحايا").
 */
export function unitLabel(row: UnitRow, locale: Locale): string {
	const { forms, locale: l } = unitForms(row, locale);
	if (forms.length <= 1) return forms[0] ?? '';
	return l === 'ar' ? (forms[3] ?? forms[forms.length - 1] ?? '') : (forms[forms.length - 1] ?? '');
}

/** A value with its unit in the reader's language: "1 réunion", "11.949 personnes", "16 ضحية", "42 %". */
export function formatQuantity(value: number | null, row: UnitRow, locale: Locale): string {
	if (value == null) return '—';
	if (row.unit === '%') return formatPercent(value, locale);
	const { forms, locale: l } = unitForms(row, locale);
	const unit = pluralForm(forms, value, l);
	const n = formatNumber(value, locale);
	return unit ? `${n} ${unit}` : n;
}

// The forms themselves are messages (messages-src/units.json), keyed here by the French plural.
const UNIT_MESSAGES = {
	'%': m.unit_percent,
	MAD: m.unit_mad,
	accords: m.unit_accords,
	actions: m.unit_actions,
	activités: m.unit_activites,
	affaires: m.unit_affaires,
	agents: m.unit_agents,
	appels: m.unit_appels,
	associations: m.unit_associations,
	cas: m.unit_cas,
	contenus: m.unit_contenus,
	contrôles: m.unit_controles,
	demandes: m.unit_demandes,
	enfants: m.unit_enfants,
	enquêtes: m.unit_enquetes,
	familles: m.unit_familles,
	inspections: m.unit_inspections,
	institutions: m.unit_institutions,
	interventions: m.unit_interventions,
	jours: m.unit_jours,
	mois: m.unit_mois,
	personnes: m.unit_personnes,
	places: m.unit_places,
	plaintes: m.unit_plaintes,
	postes: m.unit_postes,
	projets: m.unit_projets,
	régions: m.unit_regions,
	réunions: m.unit_reunions,
	victimes: m.unit_victimes
} satisfies Record<string, (inputs: Record<string, never>, options: { locale: Locale }) => string>;

/**
 * The units the seed uses, by their French plural: the forms written into each indicator's three
 * unit columns (an administrator can change them per indicator). Arabic counted nouns follow the
 * usual grammar: plural after 3-10 ("3 ضحايا"), singular accusative after 11-99 ("16 تدبيرا"),
 * singular after 100 ("100 ضحية"); nouns ending in ة keep their written form in the accusative.
 */
export const UNIT_CATALOGUE: Record<string, { fr: string; ar: string; en: string }> = Object.fromEntries(
	Object.entries(UNIT_MESSAGES).map(([key, forms]) => [
		key,
		{ fr: forms({}, { locale: 'fr' }), ar: forms({}, { locale: 'ar' }), en: forms({}, { locale: 'en' }) }
	])
);

/** The three unit columns for a unit of the catalogue (by its French plural); throws on an unknown one. */
export function catalogueUnit(frPlural: string | null): { unit: string | null; unitAr: string | null; unitEn: string | null } {
	if (frPlural === null) return { unit: null, unitAr: null, unitEn: null };
	const u = UNIT_CATALOGUE[frPlural];
	if (!u) throw new Error(`Unit "${frPlural}" is not in UNIT_CATALOGUE (src/lib/domain/units.ts)`);
	return { unit: u.fr, unitAr: u.ar, unitEn: u.en };
}

/** "n unit" for a unit of the catalogue in `locale` ("1 région", "3 جهات", "11 جهة"). */
export function countOf(n: number, frPlural: string, locale: Locale): string {
	const u = UNIT_CATALOGUE[frPlural];
	if (!u) throw new Error(`Unit "${frPlural}" is not in UNIT_CATALOGUE`);
	return formatQuantity(n, { unit: u.fr, unitAr: u.ar, unitEn: u.en }, locale);
}
