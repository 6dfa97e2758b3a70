import { describe, expect, it } from 'vitest';
import { localized } from '../../src/lib/domain/localize';

const row = {
	code: 'A1',
	titleFr: 'Prévention',
	titleAr: 'الوقاية',
	titleEn: '   ',
	descriptionFr: null as string | null,
	descriptionAr: 'وصف' as string | null,
	descriptionEn: null as string | null
};

describe('localized', () => {
	it("returns the locale's own text", () => {
		expect(localized(row, 'title', 'fr')).toEqual({ text: 'Prévention', fallback: false });
		expect(localized(row, 'title', 'ar')).toEqual({ text: 'الوقاية', fallback: false });
	});

	it('falls back to French when the text is blank, and says so', () => {
		expect(localized(row, 'title', 'en')).toEqual({ text: 'Prévention', fallback: true });
	});

	it('falls back when the column is missing altogether', () => {
		expect(localized({ nameFr: 'Maroc' }, 'name', 'ar')).toEqual({ text: 'Maroc', fallback: true });
	});

	it('gives an empty text when French is missing too', () => {
		expect(localized(row, 'description', 'en')).toEqual({ text: '', fallback: true });
		expect(localized(row, 'description', 'fr')).toEqual({ text: '', fallback: false });
		// Arabic text exists but French is the only fallback.
		expect(localized(row, 'description', 'ar')).toEqual({ text: 'وصف', fallback: false });
	});

	it('accepts an open record', () => {
		const open: Record<string, unknown> = { labelFr: 'Oui', labelEn: 'Yes', labelAr: 42 };
		expect(localized(open, 'label', 'en')).toEqual({ text: 'Yes', fallback: false });
		expect(localized(open, 'label', 'ar')).toEqual({ text: 'Oui', fallback: true });
	});

	it('only accepts field prefixes that exist (type level)', () => {
		// @ts-expect-error 'code' has no codeFr column
		expect(localized(row, 'code', 'fr')).toEqual({ text: '', fallback: false });
	});
});
