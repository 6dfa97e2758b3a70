import { describe, expect, it } from 'vitest';
import { institutionLabel, institutionShortName } from '../../src/lib/domain/institution-label';

const labour = {
	nameFr: "Autorité gouvernementale chargée du travail et de l'insertion professionnelle",
	nameAr: 'السلطة الحكومية المكلفة بالشغل والإدماج المهني',
	nameEn: null,
	acronymFr: null,
	acronymAr: null,
	acronymEn: null,
	shortNameFr: 'Ministère du Travail',
	shortNameAr: 'وزارة الشغل',
	shortNameEn: 'Ministry of Labour'
};
const police = {
	nameFr: 'Direction générale de la sûreté nationale',
	nameAr: 'المديرية العامة للأمن الوطني',
	nameEn: 'General Directorate for National Security',
	acronymFr: 'DGSN',
	acronymAr: null,
	acronymEn: 'DGSN',
	shortNameFr: 'Sûreté nationale',
	shortNameAr: 'الأمن الوطني',
	shortNameEn: 'National Security'
};

describe('the lead column reads alike from row to row', () => {
	it('gives the short name in each language, never an acronym next to a name', () => {
		expect([labour, police].map((i) => institutionShortName(i, 'fr'))).toEqual(['Ministère du Travail', 'Sûreté nationale']);
		expect([labour, police].map((i) => institutionShortName(i, 'ar'))).toEqual(['وزارة الشغل', 'الأمن الوطني']);
		expect([labour, police].map((i) => institutionShortName(i, 'en'))).toEqual(['Ministry of Labour', 'National Security']);
		// the compact label (charts) mixes them: what the lists no longer use
		expect(institutionLabel(police, 'fr')).toBe('DGSN');
	});

	it('without a short name in the language, the full name in that language before any French', () => {
		expect(institutionShortName({ ...police, shortNameEn: null }, 'en')).toBe('General Directorate for National Security');
		expect(institutionShortName({ ...labour, shortNameEn: null }, 'en')).toBe('Ministère du Travail');
	});
});
