import { describe, expect, it } from 'vitest';
import {
	comparePeriods,
	formatPeriod,
	reportablePeriods,
	frequencyKind,
	isIsoDate,
	matchesFrequency,
	parsePeriod,
	periodContaining,
	periodsBetween,
	sortPeriods
} from '../../src/lib/domain/period';

describe('parsePeriod', () => {
	it('parses a year', () => {
		expect(parsePeriod('2025')).toEqual({
			code: '2025',
			kind: 'year',
			year: 2025,
			index: 1,
			start: '2025-01-01',
			end: '2025-12-31'
		});
	});

	it('parses semesters', () => {
		expect(parsePeriod('2025-S1')).toMatchObject({ kind: 'semester', index: 1, start: '2025-01-01', end: '2025-06-30' });
		expect(parsePeriod('2025-S2')).toMatchObject({ kind: 'semester', index: 2, start: '2025-07-01', end: '2025-12-31' });
	});

	it('parses quarters, with leap-year-independent ends', () => {
		expect(parsePeriod('2024-Q1')).toMatchObject({ kind: 'quarter', index: 1, start: '2024-01-01', end: '2024-03-31' });
		expect(parsePeriod('2025-Q2')).toMatchObject({ start: '2025-04-01', end: '2025-06-30' });
		expect(parsePeriod('2025-Q3')).toMatchObject({ start: '2025-07-01', end: '2025-09-30' });
		expect(parsePeriod('2025-Q4')).toMatchObject({ index: 4, start: '2025-10-01', end: '2025-12-31' });
	});

	it('parses a TIP year as 1 April of the previous year to 31 March', () => {
		expect(parsePeriod('TIP2025')).toEqual({
			code: 'TIP2025',
			kind: 'tip',
			year: 2025,
			index: 1,
			start: '2024-04-01',
			end: '2025-03-31'
		});
	});

	it.each([
		'2025-S3',
		'2025-S0',
		'2025-Q0',
		'2025-Q5',
		' 2025',
		'2025 ',
		'tip2025',
		'TIP 2025',
		'2025-s1',
		'25',
		'20251',
		'1999',
		'2101',
		'TIP2101',
		'',
		'2025-H1'
	])('rejects %j', (code) => {
		expect(parsePeriod(code)).toBeNull();
	});

	it('accepts the bounds 2000 and 2100', () => {
		expect(parsePeriod('2000')?.year).toBe(2000);
		expect(parsePeriod('2100-Q4')?.end).toBe('2100-12-31');
		expect(parsePeriod('TIP2000')?.start).toBe('1999-04-01');
	});
});

describe('isIsoDate', () => {
	it('knows leap years', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('2000-02-29')).toBe(true);
		expect(isIsoDate('2100-02-29')).toBe(false);
		expect(isIsoDate('2025-13-01')).toBe(false);
		expect(isIsoDate('2025-1-01')).toBe(false);
	});
});

describe('comparePeriods / sortPeriods', () => {
	it('sorts by start, then shorter first', () => {
		expect(sortPeriods(['2025', '2025-S1', '2025-Q1', '2024', 'TIP2026', '2025-Q2', '2025-S2'])).toEqual([
			'2024',
			'2025-Q1',
			'2025-S1',
			'2025',
			'2025-Q2',
			'TIP2026',
			'2025-S2'
		]);
	});

	it('puts a TIP year before the calendar year it ends in', () => {
		expect(comparePeriods('TIP2025', '2025')).toBeLessThan(0);
		expect(comparePeriods('2025', '2025')).toBe(0);
	});

	it('puts invalid codes last', () => {
		expect(sortPeriods(['zz', '2030', 'aa', '2023'])).toEqual(['2023', '2030', 'aa', 'zz']);
	});

	it('does not mutate its input', () => {
		const codes = ['2025', '2024'];
		sortPeriods(codes);
		expect(codes).toEqual(['2025', '2024']);
	});
});

describe('frequencies', () => {
	it('maps frequency to kind', () => {
		expect(frequencyKind('annual')).toBe('year');
		expect(frequencyKind('semester')).toBe('semester');
		expect(frequencyKind('quarter')).toBe('quarter');
		expect(frequencyKind('tip_year')).toBe('tip');
	});

	it('lists periods between two years', () => {
		expect(periodsBetween('semester', 2023, 2026)).toEqual(['2023-S1', '2023-S2', '2024-S1', '2024-S2', '2025-S1', '2025-S2', '2026-S1', '2026-S2']);
		expect(periodsBetween('quarter', 2025, 2025)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
		expect(periodsBetween('annual', 2023, 2025)).toEqual(['2023', '2024', '2025']);
		expect(periodsBetween('tip_year', 2024, 2025)).toEqual(['TIP2024', 'TIP2025']);
		expect(periodsBetween('annual', 2026, 2025)).toEqual([]);
		expect(periodsBetween('annual', 1998, 2001)).toEqual(['2000', '2001']);
	});

	it('finds the period containing a date', () => {
		expect(periodContaining('2025-06-30', 'semester')).toBe('2025-S1');
		expect(periodContaining('2025-07-01', 'semester')).toBe('2025-S2');
		expect(periodContaining('2025-03-31', 'quarter')).toBe('2025-Q1');
		expect(periodContaining('2025-04-01', 'quarter')).toBe('2025-Q2');
		expect(periodContaining('2025-12-31', 'quarter')).toBe('2025-Q4');
		expect(periodContaining('2024-02-29', 'annual')).toBe('2024');
		expect(periodContaining('2025-05-17T10:00:00Z', 'annual')).toBe('2025');
	});

	it('handles the TIP year boundaries', () => {
		expect(periodContaining('2024-03-31', 'tip_year')).toBe('TIP2024');
		expect(periodContaining('2024-04-01', 'tip_year')).toBe('TIP2025');
		expect(periodContaining('2024-12-31', 'tip_year')).toBe('TIP2025');
		expect(periodContaining('2025-01-01', 'tip_year')).toBe('TIP2025');
		expect(periodContaining('2025-03-31', 'tip_year')).toBe('TIP2025');
		expect(periodContaining('2025-04-01', 'tip_year')).toBe('TIP2026');
	});

	it('is consistent with parsePeriod bounds', () => {
		for (const f of ['annual', 'semester', 'quarter', 'tip_year'] as const) {
			for (const d of ['2024-01-01', '2024-03-31', '2024-04-01', '2024-06-30', '2024-07-01', '2024-12-31']) {
				const p = parsePeriod(periodContaining(d, f));
				expect(p && p.start <= d && d <= p.end).toBe(true);
			}
		}
	});

	it('throws on an invalid date or an out-of-range period', () => {
		expect(() => periodContaining('2023-02-29', 'annual')).toThrow(RangeError);
		expect(() => periodContaining('nope', 'annual')).toThrow(RangeError);
		expect(() => periodContaining('2100-05-01', 'tip_year')).toThrow(RangeError);
	});

	it('matches a code to a frequency', () => {
		expect(matchesFrequency('2025-S1', 'semester')).toBe(true);
		expect(matchesFrequency('2025-S1', 'quarter')).toBe(false);
		expect(matchesFrequency('TIP2025', 'tip_year')).toBe(true);
		expect(matchesFrequency('2025', 'annual')).toBe(true);
		expect(matchesFrequency('2025-S3', 'semester')).toBe(false);
	});
});

describe('formatPeriod', () => {
	it('formats in French', () => {
		expect(formatPeriod('2025', 'fr')).toBe('2025');
		expect(formatPeriod('2025-S1', 'fr')).toBe('S1 2025');
		expect(formatPeriod('2025-Q3', 'fr')).toBe('T3 2025');
		expect(formatPeriod('TIP2025', 'fr')).toBe('TIP 2025');
	});

	it('formats in English', () => {
		expect(formatPeriod('2025', 'en')).toBe('2025');
		expect(formatPeriod('2025-S1', 'en')).toBe('H1 2025');
		expect(formatPeriod('2025-Q3', 'en')).toBe('Q3 2025');
		expect(formatPeriod('TIP2025', 'en')).toBe('TIP 2025');
	});

	it('formats in Arabic with Moroccan wording and Western digits', () => {
		expect(formatPeriod('2025', 'ar')).toBe('2025');
		expect(formatPeriod('2025-S1', 'ar')).toBe('الأسدس الأول 2025');
		expect(formatPeriod('2025-S2', 'ar')).toBe('الأسدس الثاني 2025');
		expect(formatPeriod('2025-Q1', 'ar')).toBe('الفصل الأول 2025');
		expect(formatPeriod('2025-Q3', 'ar')).toBe('الفصل الثالث 2025');
		expect(formatPeriod('2025-Q4', 'ar')).toBe('الفصل الرابع 2025');
		expect(formatPeriod('TIP2025', 'ar')).toBe('TIP 2025');
		expect(formatPeriod('2025-Q3', 'ar')).not.toMatch(/[٠-٩]/);
	});

	it('returns an invalid code unchanged', () => {
		expect(formatPeriod('2025-S3', 'fr')).toBe('2025-S3');
	});
});

describe('TIP reporting year at its boundaries', () => {
	it('puts 31 March in the TIP year it ends and 1 April in the next', () => {
		expect(periodContaining('2025-03-31', 'tip_year')).toBe('TIP2025');
		expect(periodContaining('2025-04-01', 'tip_year')).toBe('TIP2026');
		expect(periodContaining('2024-04-01', 'tip_year')).toBe('TIP2025');
		expect(periodContaining('2024-12-31', 'tip_year')).toBe('TIP2025');
		expect(periodContaining('2025-01-01', 'tip_year')).toBe('TIP2025');
	});

	it('keeps 29 February of a leap year inside the TIP year ending that March', () => {
		expect(periodContaining('2024-02-29', 'tip_year')).toBe('TIP2024');
		const tip = parsePeriod('TIP2024')!;
		expect([tip.start, tip.end]).toEqual(['2023-04-01', '2024-03-31']);
		expect(tip.start <= '2024-02-29' && '2024-02-29' <= tip.end).toBe(true);
		expect(() => periodContaining('2025-02-29', 'tip_year')).toThrow(RangeError);
	});

	it('offers the TIP year under way in the entry forms (after 1 April, the one ending next year)', () => {
		expect(reportablePeriods('tip_year', '2026-07-20', 2024)).toEqual(['TIP2027', 'TIP2026', 'TIP2025', 'TIP2024']);
		expect(reportablePeriods('tip_year', '2026-03-31', 2025)).toEqual(['TIP2026', 'TIP2025']);
		expect(reportablePeriods('semester', '2026-07-20', 2026)).toEqual(['2026-S2', '2026-S1']);
	});

	it('runs TIP2025 from 1 April 2024 to 31 March 2025, labelled the same in every language', () => {
		expect(parsePeriod('TIP2025')).toMatchObject({ start: '2024-04-01', end: '2025-03-31' });
		expect(['fr', 'ar', 'en'].map((l) => formatPeriod('TIP2025', l as 'fr'))).toEqual(['TIP 2025', 'TIP 2025', 'TIP 2025']);
	});
});
