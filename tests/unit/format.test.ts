import { describe, expect, it } from 'vitest';
import { AR_MA_MONTHS, formatDate, formatIndicatorValue, formatNumber, formatPercent, intlLocale } from '../../src/lib/domain/format';

const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/;
const LRM = '\u200E';

describe('intlLocale', () => {
	it('maps app locales to BCP 47 tags', () => {
		expect(intlLocale('fr')).toBe('fr-MA');
		expect(intlLocale('ar')).toBe('ar-MA-u-nu-latn');
		expect(intlLocale('en')).toBe('en-GB');
	});
});

describe('formatNumber', () => {
	it('uses Moroccan separators in French and Arabic', () => {
		expect(formatNumber(1234567.5, 'fr')).toBe('1.234.567,5');
		expect(formatNumber(1234567.5, 'ar')).toBe('1.234.567,5');
		expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
	});

	it('keeps Western digits in Arabic, with a mark pinning the minus sign', () => {
		expect(formatNumber(-3, 'ar')).toBe(`${LRM}-3`);
		expect(formatNumber(9876543210, 'ar')).not.toMatch(EASTERN_DIGITS);
	});

	it('passes options through', () => {
		expect(formatNumber(4.333, 'fr', { maximumFractionDigits: 1 })).toBe('4,3');
	});
});

describe('formatPercent', () => {
	it('formats a 0..100 value as Intl really does', () => {
		expect(formatPercent(42, 'fr')).toBe('42\u00A0%');
		expect(formatPercent(42, 'en')).toBe('42%');
		expect(formatPercent(42, 'ar')).toBe(`42${LRM}%${LRM}`);
	});

	it('keeps one decimal at most', () => {
		expect(formatPercent(42.5, 'fr')).toBe('42,5\u00A0%');
		expect(formatPercent(42.56, 'en')).toBe('42.6%');
		expect(formatPercent(100, 'ar')).toBe(`100${LRM}%${LRM}`);
	});

	it('reads "42%" in Arabic once the invisible bidi marks are removed, with Western digits', () => {
		const s = formatPercent(42, 'ar');
		expect(s).not.toMatch(EASTERN_DIGITS);
		expect(s.replace(/[\u200E\u200F\u061C]/g, '')).toBe('42%');
	});
});

describe('formatDate', () => {
	it('formats long dates', () => {
		expect(formatDate('2023-03-17', 'fr', 'long')).toBe('17 mars 2023');
		expect(formatDate('2023-03-17', 'en', 'long')).toBe('17 March 2023');
		expect(formatDate('2023-03-17', 'ar', 'long')).toBe('17 مارس 2023');
	});

	it('uses the Moroccan month names in Arabic', () => {
		expect(formatDate('2024-05-18', 'ar', 'long')).toBe('18 ماي 2024');
		expect(formatDate('2018-07-01', 'ar', 'long')).toBe('1 يوليوز 2018');
		expect(formatDate('2016-08-25', 'ar', 'long')).toBe('25 غشت 2016');
		expect(formatDate('2024-09-30', 'ar', 'long')).toBe('30 شتنبر 2024');
		expect(formatDate('2024-11-05', 'ar', 'long')).toBe('5 نونبر 2024');
		expect(formatDate('2024-12-31', 'ar', 'long')).toBe('31 دجنبر 2024');
		const all = Array.from({ length: 12 }, (_, i) => formatDate(`2025-${String(i + 1).padStart(2, '0')}-01`, 'ar', 'long'));
		expect(all.join(' ')).not.toMatch(/مايو|يوليو |أغسطس|سبتمبر|نوفمبر|ديسمبر|كانون|تشرين/);
		expect(all.join(' ')).not.toMatch(EASTERN_DIGITS);
	});

	it("agrees with Node's ICU for ar-MA where it has the Moroccan names", () => {
		AR_MA_MONTHS.forEach((_, i) => {
			const iso = `2025-${String(i + 1).padStart(2, '0')}-15`;
			const icu = new Intl.DateTimeFormat('ar-MA-u-nu-latn', {
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				timeZone: 'UTC'
			}).format(new Date(`${iso}T00:00:00Z`));
			expect(formatDate(iso, 'ar', 'long')).toBe(icu);
		});
	});

	it('formats short dates as dd/mm/yyyy without bidi marks', () => {
		expect(formatDate('2023-03-17', 'fr', 'short')).toBe('17/03/2023');
		expect(formatDate('2023-03-17', 'en', 'short')).toBe('17/03/2023');
		expect(formatDate('2023-03-17', 'ar', 'short')).toBe('17/03/2023');
	});

	it('never shifts with the time zone: an instant gives its UTC date', () => {
		expect(formatDate('2024-12-31T23:59:59.000Z', 'fr', 'long')).toBe('31 décembre 2024');
		expect(formatDate('2025-01-01T00:00:00Z', 'en', 'short')).toBe('01/01/2025');
	});

	it('handles leap days and rejects impossible dates', () => {
		expect(formatDate('2024-02-29', 'fr', 'long')).toBe('29 février 2024');
		expect(formatDate('2023-02-29', 'fr', 'long')).toBe('2023-02-29');
		expect(formatDate('soon', 'ar', 'short')).toBe('soon');
	});
});

describe('formatIndicatorValue', () => {
	it('shows a value in its unit, a dash when missing', () => {
		expect(formatIndicatorValue(1234.5, 'personnes', 'fr')).toBe(formatNumber(1234.5, 'fr'));
		expect(formatIndicatorValue(42, '%', 'en')).toBe('42%');
		expect(formatIndicatorValue(null, '%', 'fr')).toBe('—');
	});
});

describe('formatPartialDate', () => {
	it('shows a date only as precisely as its source gives it', async () => {
		const { formatPartialDate } = await import('../../src/lib/domain/format');
		expect(formatPartialDate('2019', 'fr')).toBe('2019');
		expect(formatPartialDate('2024-06', 'fr')).toBe('juin 2024');
		expect(formatPartialDate('2024-06', 'en')).toBe('June 2024');
		expect(formatPartialDate('2024-06', 'ar')).toBe('يونيو 2024');
		expect(formatPartialDate('2024-05-10', 'fr')).toBe('10 mai 2024');
		// never a day that nobody gave
		expect(formatPartialDate('2024-06', 'fr')).not.toMatch(/\b1(er)?\b/);
		expect(formatPartialDate('2024-13', 'fr')).toBe('2024-13');
		// what sources write around a date
		expect(formatPartialDate('2019 update', 'en')).toBe('2019');
		expect(formatPartialDate('2023 (fall)', 'ar')).toBe('2023');
		expect(formatPartialDate('2019-02-11/12', 'fr')).toBe('11 février 2019');
		expect(formatPartialDate('n.d.', 'fr')).toBeNull();
	});
});
