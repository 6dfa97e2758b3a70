import { describe, it, expect } from 'vitest';
import { forLocale } from '../../src/lib/server/locale-projection';
import { localized } from '../../src/lib/domain/localize';
import { LOCALES } from '../../src/lib/domain/enums';

const axis = { code: 'A1', titleFr: 'Prévention', titleAr: 'الوقاية', titleEn: 'Prevention', progress: 58.5 };
const untranslated = { code: 'A2', titleFr: 'Protection', titleAr: null, titleEn: '' };

describe('forLocale: a page keeps the viewer’s language, and French where it is missing', () => {
	it('leaves out the third language of every family, deep in arrays and objects', () => {
		const data = {
			overview: { byAxis: [axis], lead: { nameFr: 'Justice', nameAr: 'العدل', nameEn: 'Justice', shortNameFr: 'MJ', shortNameAr: 'و.ع', shortNameEn: 'MoJ' } }
		};
		expect(forLocale(data, 'fr')).toEqual({
			overview: {
				byAxis: [{ code: 'A1', titleFr: 'Prévention', progress: 58.5 }],
				lead: { nameFr: 'Justice', shortNameFr: 'MJ' }
			}
		});
		// French only where the viewer's own text is missing: it is the fallback
		expect(forLocale(data, 'ar').overview.byAxis[0]).toEqual({ code: 'A1', titleAr: 'الوقاية', progress: 58.5 });
		expect(forLocale(untranslated, 'ar')).toEqual({ code: 'A2', titleFr: 'Protection', titleAr: null });
		expect(forLocale(untranslated, 'en')).toEqual({ code: 'A2', titleFr: 'Protection', titleEn: '' });
		expect(Object.keys(forLocale(data, 'en').overview.lead)).toEqual(['nameEn', 'shortNameEn']);
	});

	it('shows every viewer the same text and French fallback mark as the full data', () => {
		for (const locale of LOCALES)
			for (const row of [axis, untranslated]) expect(localized(forLocale(row, locale), 'title', locale)).toEqual(localized(row, 'title', locale));
	});

	it('leaves keys that only look like a language alone, and never changes the shared input', () => {
		const row = { code: 'X', isDemoEn: 'kept', screen: 'kept', titleFr: 'T', titleEn: 'E', when: new Date(0), tags: new Map([['a', 1]]) };
		const copy = structuredClone(row);
		const out = forLocale(row, 'ar');
		expect(out).toMatchObject({ isDemoEn: 'kept', screen: 'kept' });
		expect('titleEn' in out).toBe(false);
		expect(out.when).toBe(row.when);
		expect(out.tags).toBe(row.tags);
		expect(row).toEqual(copy);
	});

	it('projects a shared (frozen) read model once per language, and gives back the same frozen answer', () => {
		const cached = Object.freeze({ byAxis: Object.freeze([Object.freeze({ ...axis })]) });
		const a = forLocale({ overview: cached }, 'ar');
		const b = forLocale({ overview: cached }, 'ar');
		expect(b.overview).toBe(a.overview);
		expect(Object.isFrozen(a.overview)).toBe(true);
		expect(a.overview.byAxis[0]).toEqual({ code: 'A1', titleAr: 'الوقاية', progress: 58.5 });
		expect(forLocale({ overview: cached }, 'fr').overview).not.toBe(a.overview);
	});
});
