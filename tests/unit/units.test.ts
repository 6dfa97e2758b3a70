import { describe, expect, it } from 'vitest';
import { catalogueUnit, countOf, formatQuantity, pluralForm, unitLabel, UNIT_CATALOGUE, PLURAL_ORDER } from '../../src/lib/domain/units';

const meetings = catalogueUnit('réunions');
const victims = catalogueUnit('victimes');

describe('units per language with plural rules', () => {
	it('writes French "1 réunion" and "12 réunions"', () => {
		expect(formatQuantity(1, meetings, 'fr')).toBe('1 réunion');
		expect(formatQuantity(0, meetings, 'fr')).toBe('0 réunion');
		expect(formatQuantity(12, meetings, 'fr')).toBe('12 réunions');
		expect(formatQuantity(11949, catalogueUnit('personnes'), 'fr')).toBe('11.949 personnes');
	});
	it('writes English singular and plural', () => {
		expect(formatQuantity(1, victims, 'en')).toBe('1 victim');
		expect(formatQuantity(166, victims, 'en')).toBe('166 victims');
		expect(formatQuantity(50, catalogueUnit('enfants'), 'en')).toBe('50 children');
	});
	it("chooses among Arabic's six forms through Intl.PluralRules('ar')", () => {
		const measures = { unit: 'mesure|mesures', unitAr: 'تدبير|تدبير|تدبيران|تدابير|تدبيرا|تدبير' };
		expect(formatQuantity(16, measures, 'ar')).toBe('16 تدبيرا');
		expect(formatQuantity(4, measures, 'ar')).toBe('4 تدابير');
		expect(formatQuantity(2, measures, 'ar')).toBe('2 تدبيران');
		expect(formatQuantity(100, measures, 'ar')).toBe('100 تدبير');
		expect(formatQuantity(3, victims, 'ar')).toBe('3 ضحايا');
		expect(formatQuantity(50, catalogueUnit('enfants'), 'ar')).toBe('50 طفلا');
		expect(new Intl.PluralRules('ar').resolvedOptions().pluralCategories.sort()).toEqual([...PLURAL_ORDER.ar].sort());
	});
	it('labels a unit on its own with the plural, never the French in Arabic or English', () => {
		expect(unitLabel(victims, 'ar')).toBe('ضحايا');
		expect(unitLabel(victims, 'en')).toBe('victims');
		expect(unitLabel(victims, 'fr')).toBe('victimes');
		expect(unitLabel({ unit: '%' }, 'ar')).toBe('%');
	});
	it('falls back to the French forms and French rules when a language has no unit', () => {
		expect(formatQuantity(1, { unit: 'réunion|réunions', unitAr: null }, 'ar')).toBe('1 réunion');
		expect(pluralForm(['a', 'b'], 5, 'fr')).toBe('b');
	});
	it('gives every catalogue unit the number of forms its language has', () => {
		for (const [key, u] of Object.entries(UNIT_CATALOGUE)) {
			for (const [l, forms] of [
				['fr', u.fr],
				['ar', u.ar],
				['en', u.en]
			] as const) {
				const n = forms.split('|').length;
				expect(n === 1 || n === PLURAL_ORDER[l].length, `${key} ${l}: ${forms}`).toBe(true);
			}
		}
		expect(countOf(11, 'régions', 'ar')).toBe('11 جهة');
		expect(countOf(3, 'régions', 'ar')).toBe('3 جهات');
	});
});
