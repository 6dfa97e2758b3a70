import { describe, it, expect } from 'vitest';
import { breakdownView, type BreakdownRow } from '../../src/lib/domain/breakdown';
import { breakdownOption } from '../../src/lib/charts/breakdown';

const row = (cats: Partial<BreakdownRow>, value: number): BreakdownRow => ({
	sex: null,
	ageGroup: null,
	exploitation: null,
	nationality: null,
	...cats,
	value
});
const ALL = ['sex', 'age_group', 'exploitation', 'nationality'];
const values = (v: ReturnType<typeof breakdownView>, d: string) => v.dimensions.find((x) => x.dimension === d)!.cells.map((c) => (c.masked ? 'x' : c.value));

describe('breakdown views', () => {
	it('shows staff every cell as entered', () => {
		const v = breakdownView([row({ nationality: 'moroccan' }, 167), row({ nationality: 'foreign' }, 2)], 169, ALL, false);
		expect(values(v, 'nationality')).toEqual([167, 2]);
		expect(v.total).toEqual({ value: 169, masked: false, small: false });
	});

	it('masks a small cell and the one other cell of its line that would give it back from the total', () => {
		const v = breakdownView(
			[row({ nationality: 'moroccan' }, 167), row({ nationality: 'foreign' }, 2), row({ sex: 'female' }, 115), row({ sex: 'male' }, 54)],
			169,
			ALL,
			true
		);
		expect(values(v, 'nationality')).toEqual(['x', 'x']);
		expect(values(v, 'sex')).toEqual([115, 54]);
		expect(v.total.value).toBe(169);
	});

	it('only masks small forms of exploitation: they do not add up to the total', () => {
		const v = breakdownView(
			[row({ exploitation: 'sexual' }, 101), row({ exploitation: 'forced_labour' }, 27), row({ exploitation: 'begging' }, 4)],
			166,
			ALL,
			true
		);
		expect(values(v, 'exploitation')).toEqual([101, 27, 'x', null, null, null]);
	});

	it('hides the total everywhere when two small parts would pin it (4 + 4 = 8)', () => {
		const v = breakdownView([row({ sex: 'female' }, 4), row({ sex: 'male' }, 4), row({ ageGroup: 'adult' }, 8), row({ ageGroup: 'child' }, 0)], 8, ALL, true);
		expect(values(v, 'sex')).toEqual(['x', 'x']);
		expect(v.total.masked).toBe(true);
		expect(v.total.value).toBeNull();
	});

	it('masks sex × age group across both margins and hides countries that add up to masked foreign victims', () => {
		const v = breakdownView(
			[
				row({ sex: 'female', ageGroup: 'child' }, 3),
				row({ sex: 'female', ageGroup: 'adult' }, 20),
				row({ sex: 'male', ageGroup: 'child' }, 10),
				row({ sex: 'male', ageGroup: 'adult' }, 30),
				row({ nationality: 'foreign' }, 3),
				row({ nationality: 'moroccan' }, 60),
				row({ nationality: 'SN' }, 3)
			],
			63,
			ALL,
			true
		);
		const hidden = v.cross!.cells.flat().filter((c) => c.masked).length;
		expect(hidden).toBeGreaterThanOrEqual(2);
		expect(v.cross!.cells[0]![0]).toMatchObject({ masked: true, small: true });
		expect(values(v, 'country')).toEqual(['x']);
	});

	it('draws a masked category as an empty bar labelled "< 5"', () => {
		const o = breakdownOption(
			[
				{ label: 'A', value: 10, masked: false },
				{ label: 'B', value: null, masked: true }
			],
			'fr'
		) as { series: { data: { value: number }[]; label: { formatter: (p: { dataIndex: number }) => string } }[] };
		expect(o.series[0]!.data.map((d) => d.value)).toEqual([10, 0]);
		expect(o.series[0]!.label.formatter({ dataIndex: 1 })).toBe('< 5');
	});
});
