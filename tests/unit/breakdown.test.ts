import { describe, it, expect } from 'vitest';
import { checkGrid, ratePer100k, CATEGORIES } from '../../src/lib/domain/breakdown';

const ALL = ['region', 'sex', 'age_group', 'exploitation', 'nationality'];
const keys = (errors: { field: string; key: string }[]) => errors.map((e) => `${e.field}:${e.key}`);

describe('value grid checks', () => {
	it('accepts the 2021 public record: sex, age group and nationality add up to 169, two forms given', () => {
		const grid = {
			total: 169,
			parts: {
				sex: { female: 115, male: 54 },
				age_group: { child: 79, adult: 90 },
				nationality: { moroccan: 167, foreign: 2 },
				exploitation: { sexual: 116, forced_labour: 12 }
			}
		};
		expect(checkGrid(grid, ALL)).toEqual([]);
	});

	it('says by how much an exclusive breakdown differs from its total', () => {
		const e = checkGrid({ total: 169, parts: { sex: { female: 115, male: 50 } } }, ALL);
		expect(e).toEqual([{ field: 'sex', key: 'err_grid_sum_mismatch', params: { sum: 165, total: 169 } }]);
	});

	it('accepts a partial breakdown below the total, refuses one above it', () => {
		expect(checkGrid({ total: 166, parts: { nationality: { foreign: 10 } } }, ALL)).toEqual([]);
		expect(keys(checkGrid({ total: 10, parts: { age_group: { child: 12 } } }, ALL))).toEqual(['age_group:err_grid_sum_exceeds']);
	});

	it('lets forms of exploitation add up to more than the total (several forms per victim), never less once all are given', () => {
		expect(checkGrid({ total: 10, parts: { exploitation: { sexual: 8, forced_labour: 6 } } }, ALL)).toEqual([]);
		const all = Object.fromEntries(CATEGORIES.exploitation.map((c) => [c, 1]));
		expect(keys(checkGrid({ total: 10, parts: { exploitation: all } }, ALL))).toEqual(['exploitation:err_grid_forms_below_total']);
		expect(keys(checkGrid({ total: 10, parts: { exploitation: { begging: 11 } } }, ALL))).toEqual(['exploitation.begging:err_grid_sum_exceeds']);
	});

	it('refuses an unknown category, a dimension the indicator is not broken down by, a bad country', () => {
		expect(keys(checkGrid({ total: 10, parts: { sex: { other: 1 } } }, ALL))).toEqual(['sex.other:err_grid_unknown_category']);
		expect(keys(checkGrid({ total: 10, parts: { exploitation: { sexual: 3 } } }, ['sex']))).toEqual(['exploitation:err_grid_unknown_dimension']);
		expect(keys(checkGrid({ total: 10, parts: { colour: { red: 1 } } as never }, ALL))).toEqual(['colour:err_grid_unknown_dimension']);
		expect(keys(checkGrid({ total: 10, parts: {}, countries: { MA: 1, sn: 1 } }, ALL))).toEqual([
			'countries.MA:err_grid_unknown_country',
			'countries.sn:err_grid_unknown_country'
		]);
	});

	it('refuses breakdowns without a total, and counts that are not whole or are negative', () => {
		expect(keys(checkGrid({ total: null, parts: { sex: { female: 3 } } }, ALL))).toEqual(['total:err_grid_total_missing']);
		expect(checkGrid({ total: null, parts: { sex: { female: null } } }, ALL)).toEqual([]);
		expect(keys(checkGrid({ total: 2.5, parts: { sex: { female: -1 } } }, ALL))).toEqual(['total:err_grid_count', 'sex.female:err_grid_count']);
	});

	it('keeps countries within the foreign victims', () => {
		expect(checkGrid({ total: 20, parts: { nationality: { foreign: 5 } }, countries: { SN: 3, CI: 2 } }, ALL)).toEqual([]);
		expect(checkGrid({ total: 20, parts: { nationality: { foreign: 5 } }, countries: { SN: 4, CI: 2 } }, ALL)).toEqual([
			{ field: 'countries', key: 'err_grid_countries_exceed', params: { sum: 6, total: 5 } }
		]);
	});
});

describe('rate per 100,000 (SDG 16.2.2)', () => {
	it('divides by the population', () => {
		// 229 victims for the RGPH 2024 population of 36,828,330: 0.6218 per 100,000.
		expect(ratePer100k(229, 36_828_330)).toBeCloseTo(0.6218, 4);
		expect(ratePer100k(5, null)).toBeNull();
		expect(ratePer100k(null, 100)).toBeNull();
		expect(ratePer100k(5, 0)).toBeNull();
	});
});
