import { describe, it, expect } from 'vitest';
import { COLORS, PROGRESS_BINS, STAGE_COLORS, STATUS_COLORS, colorFor, niceCeil, valueBins } from '../../src/lib/charts/palette';
import { COMPACT_WIDTH, barsHeight, shorten, type ChartOption } from '../../src/lib/charts/option';
import { MAP_NAME, progressRegionCells, regionMapOption, stageRegionCells, valueRegionCells } from '../../src/lib/charts/region-map';
import { byInstitutionOption, institutionShortLabel } from '../../src/lib/charts/institutions';
import { escapeHtml, tooltipHtml } from '../../src/lib/charts/tooltip';
import { progressBarsOption, progressByAxisOption } from '../../src/lib/charts/progress-bars';
import { disciplineTrendOption, progressTrendOption, timeSeriesSlots, trendOption } from '../../src/lib/charts/trend';
import { rolloutTimelineOption } from '../../src/lib/charts/rollout-timeline';
import { statusMixOption } from '../../src/lib/charts/status-mix';

// The option types are unions of arrays and objects; tests read them loosely.
type Loose = Record<string, any>;
const o = (option: ChartOption) => option as unknown as Loose;
const one = (v: unknown): Loose => (Array.isArray(v) ? v[0] : v) as Loose;

const axes = [
	{ code: 'A1', titleFr: 'Prévention', titleAr: 'الوقاية', titleEn: 'Prevention', progress: 58.5, measures: 17 },
	{ code: 'A2', titleFr: 'Protection', titleAr: null, titleEn: 'Protection', progress: null, measures: 0 }
];

describe('progress by axis', () => {
	it('draws one bar per axis from the top, 0-100 %, labelled in the reader’s language', () => {
		const fr = o(progressByAxisOption(axes, 'fr'));
		expect(one(fr.yAxis)).toMatchObject({ type: 'category', inverse: true, position: 'left', data: ['A1 · Prévention', 'A2 · Protection'] });
		expect(one(fr.xAxis)).toMatchObject({ type: 'value', min: 0, max: 100, inverse: false });
		expect(one(fr.series).data).toEqual([
			{ value: 58.5, code: 'A1' },
			{ value: 0, code: 'A2' }
		]);
		expect(one(fr.series).label.position).toBe('right');
		expect(one(fr.xAxis).axisLabel.formatter(40)).toBe('40\u00a0%');
		expect(one(fr.series).label.formatter({ dataIndex: 1 })).toBe('—');
	});

	it('mirrors for Arabic: bars grow from the right, labels on the right, Arabic titles with the French fallback', () => {
		const ar = o(progressByAxisOption(axes, 'ar'));
		expect(one(ar.xAxis).inverse).toBe(true);
		expect(one(ar.yAxis)).toMatchObject({ inverse: true, position: 'right', data: ['A1 · الوقاية', 'A2 · Protection'] });
		expect(one(ar.series).label.position).toBe('left');
		// Western digits in Arabic too
		expect(one(ar.xAxis).axisLabel.formatter(40)).toMatch(/^40/);
	});

	it('explains a bar in its tooltip, escaped', () => {
		const opt = o(progressBarsOption([{ code: 'X', label: '<b>A</b> & B', progress: 12.5, measures: 3 }], 'en'));
		const html: string = opt.tooltip.formatter({ dataIndex: 0 });
		expect(html).toContain('&lt;b&gt;A&lt;/b&gt; &amp; B');
		expect(html).toContain('12.5%');
		expect(html).toContain('dir="ltr"');
		expect(opt.tooltip.formatter({ dataIndex: 5 })).toBe('');
	});

	it('is compact on a narrow chart', () => {
		const wide = o(progressByAxisOption(axes, 'fr', 900));
		const narrow = o(progressByAxisOption(axes, 'fr', 340));
		expect(one(wide.yAxis).axisLabel.width).toBe(180);
		expect(one(narrow.yAxis).axisLabel.width).toBeLessThan(180);
		expect(one(narrow.xAxis).interval).toBe(50);
		expect(340).toBeLessThan(COMPACT_WIDTH);
		expect(barsHeight(4, 44)).toBeGreaterThan(barsHeight(2, 44));
		expect(barsHeight(0)).toBe(180);
	});
});

describe('status mix', () => {
	const counts = { planned: 2, in_progress: 50, completed: 11, suspended: 2, cancelled: 2 };
	it('is a donut with every status in order, in the status colors, legend at the reading start', () => {
		const fr = o(statusMixOption(counts, 'fr'));
		const series = one(fr.series);
		expect(series.type).toBe('pie');
		expect(series.data.map((d: Loose) => d.name)).toEqual(['Planifiée', 'En cours', 'Achevée', 'Suspendue', 'Annulée']);
		expect(series.data.map((d: Loose) => d.value)).toEqual([2, 50, 11, 2, 2]);
		expect(fr.color).toEqual(Object.values(STATUS_COLORS));
		expect(fr.legend).toMatchObject({ left: 0, orient: 'vertical' });
		expect(fr.legend.formatter('En cours')).toBe('En cours  50');
		const ar = o(statusMixOption(counts, 'ar'));
		expect(ar.legend).toMatchObject({ right: 0, align: 'right' });
		expect(ar.legend.data[1]).toBe('في طور الإنجاز');
		expect(one(ar.series).center[0]).toBe('35%');
		expect(fr.tooltip.formatter({ dataIndex: 1 })).toContain('50 (74,6\u00a0%)');
	});

	it('puts the legend above a small donut on a narrow chart', () => {
		const narrow = o(statusMixOption(counts, 'fr', 320));
		expect(narrow.legend.orient).toBe('horizontal');
		expect(one(narrow.series).center).toEqual(['50%', '60%']);
	});
});

describe('by institution', () => {
	const rows = [
		{
			code: 'MJ',
			label: 'Justice',
			name: 'Autorité gouvernementale chargée de la justice',
			lead: { measures: 3, progress: 43.3 },
			contributes: { measures: 0, progress: null }
		},
		{
			code: 'DGSN',
			label: 'DGSN',
			name: 'Direction générale de la sûreté nationale',
			lead: { measures: 0, progress: null },
			contributes: { measures: 2, progress: 66.7 }
		}
	];
	it('shows leads and contributions as two series, with no bar where there is no measure', () => {
		const fr = o(byInstitutionOption(rows, 'fr'));
		const series = fr.series as Loose[];
		expect(series.map((x) => x.name)).toEqual(['Chef de file', 'Contributrice']);
		expect(series[0]!.data.map((d: Loose) => d.value)).toEqual([43.3, null]);
		expect(series[1]!.data.map((d: Loose) => d.value)).toEqual([null, 66.7]);
		expect(one(fr.yAxis).data).toEqual(['Justice', 'DGSN']);
		expect(fr.legend).toMatchObject({ left: 0, data: ['Chef de file', 'Contributrice'] });
		const tip: string = fr.tooltip.formatter([{ dataIndex: 0 }]);
		expect(tip).toContain('Autorité gouvernementale chargée de la justice');
	});
	it('mirrors for Arabic', () => {
		const ar = o(byInstitutionOption(rows, 'ar'));
		expect(one(ar.xAxis).inverse).toBe(true);
		expect(one(ar.yAxis).position).toBe('right');
		expect(ar.legend).toMatchObject({ right: 0 });
	});
	it('labels institutions by their own short name and acronym in each language, never a French one', () => {
		const justice = {
			nameFr: 'Autorité gouvernementale chargée de la justice',
			nameAr: 'السلطة الحكومية المكلفة بالعدل',
			nameEn: 'Government authority in charge of justice',
			acronymFr: null,
			acronymAr: null,
			acronymEn: null,
			shortNameFr: 'Ministère de la Justice',
			shortNameAr: 'وزارة العدل',
			shortNameEn: 'Ministry of Justice'
		};
		expect(institutionShortLabel(justice, 'fr')).toBe('Ministère de la Justice');
		expect(institutionShortLabel(justice, 'ar')).toBe('وزارة العدل');
		expect(institutionShortLabel(justice, 'en')).toBe('Ministry of Justice');
		// no short name in English: the English full name, not the French short one
		expect(institutionShortLabel({ ...justice, shortNameEn: null }, 'en')).toBe('Government authority in charge of justice');
		const iom = {
			nameFr: 'Organisation internationale pour les migrations',
			nameAr: 'المنظمة الدولية للهجرة',
			nameEn: null,
			acronymFr: 'OIM',
			acronymAr: 'المنظمة الدولية للهجرة',
			acronymEn: 'IOM'
		};
		expect(institutionShortLabel(iom, 'fr')).toBe('OIM');
		expect(institutionShortLabel(iom, 'en')).toBe('IOM');
		expect(institutionShortLabel(iom, 'ar')).toBe('المنظمة الدولية للهجرة');
		// an acronym declared for French only never shows in Arabic
		expect(institutionShortLabel({ ...iom, acronymAr: null }, 'ar')).toBe('المنظمة الدولية للهجرة');
		expect(
			institutionShortLabel(
				{ nameFr: 'Direction générale de la sûreté nationale', nameAr: 'المديرية العامة للأمن الوطني', nameEn: null, acronymFr: 'DGSN', acronymEn: 'DGSN' },
				'ar'
			)
		).toBe('المديرية العامة للأمن الوطني');
		expect(shorten('abcdefghij', 6)).toBe('abcde…');
		// the ellipsis of a cut Arabic label stays at the end of the Arabic text (left, in RTL)
		expect(shorten('A1.1 · تحسيس الشباب بدور الشباب والجامعات', 20)).toBe('A1.1 · تحسيس الشباب…\u200F');
	});
});

describe('the map', () => {
	const regions = [
		{
			iso: 'MA-01',
			nameFr: 'Tanger-Tétouan-Al Hoceïma',
			nameAr: 'جهة طنجة تطوان الحسيمة',
			nameEn: 'Tangier-Tetouan-Al Hoceima',
			progress: 63.1,
			measures: 5,
			overdue: 1
		},
		{ iso: 'MA-12', nameFr: 'Dakhla-Oued Ed-Dahab', nameAr: 'جهة الداخلة وادي الذهب', nameEn: 'Dakhla-Oued Ed-Dahab', progress: null, measures: 0, overdue: 0 }
	];
	it('matches the regions by ISO code and fills them by class', () => {
		const cells = progressRegionCells(regions, 'fr');
		const opt = o(regionMapOption(cells, 'fr', 'Avancement'));
		const series = one(opt.series);
		expect(series).toMatchObject({ type: 'map', map: MAP_NAME, nameProperty: 'iso', roam: false, selectedMode: false });
		expect(series.data).toEqual([
			{ name: 'MA-01', value: 63.1, itemStyle: { areaColor: PROGRESS_BINS[3]!.color } },
			{ name: 'MA-12', value: undefined, itemStyle: { areaColor: COLORS.noData } }
		]);
		const tip: string = opt.tooltip.formatter({ name: 'MA-01' });
		expect(tip).toContain('Tanger-Tétouan-Al Hoceïma');
		expect(tip).toContain('63,1\u00a0%');
		expect(o(regionMapOption(cells, 'ar', 'التقدم')).tooltip.formatter({ name: 'MA-12' })).toContain('جهة الداخلة وادي الذهب');
		expect(opt.tooltip.formatter({ name: 'XX' })).toBe('');
	});

	it('colors roll-out stages and indicator values', () => {
		const stages = stageRegionCells([{ iso: 'MA-06', nameFr: 'Casablanca-Settat', nameAr: null, nameEn: null, stage: 'pilot', since: '2025-03-01' }], 'fr');
		expect(stages[0]).toMatchObject({ color: STAGE_COLORS.pilot, display: 'Pilote', details: [['Depuis', '1 mars 2025']] });
		const bins = valueBins([3, 12, 40, null]);
		const values = valueRegionCells(
			[
				{ iso: 'MA-01', nameFr: 'A', nameAr: null, nameEn: null, value: null, masked: true },
				{ iso: 'MA-02', nameFr: 'B', nameAr: null, nameEn: null, value: 40, masked: false, state: 'submitted' }
			],
			bins,
			'fr'
		);
		expect(values[0]).toMatchObject({ display: '< 5', color: COLORS.noData });
		expect(values[1]!.color).toBe(bins.at(-1)!.color);
		expect(values[1]!.details).toEqual([['Statut', 'soumise']]);
	});

	it('makes round classes that cover the values', () => {
		expect(valueBins([])).toEqual([]);
		expect(valueBins([7, 7])).toHaveLength(1);
		const bins = valueBins([3, 12, 40]);
		expect(bins[0]!.from).toBeLessThanOrEqual(3);
		expect(bins.at(-1)!.to).toBeGreaterThanOrEqual(40);
		expect(bins.length).toBeLessThanOrEqual(5);
		for (const v of [3, 12, 40]) expect(colorFor(v, bins)).not.toBe(COLORS.noData);
		expect(colorFor(100, PROGRESS_BINS)).toBe(PROGRESS_BINS[4]!.color);
		expect(colorFor(0, PROGRESS_BINS)).toBe(PROGRESS_BINS[0]!.color);
		expect(colorFor(null, PROGRESS_BINS)).toBe(COLORS.noData);
		expect(niceCeil(13225)).toBe(15000);
		expect(niceCeil(98)).toBe(100);
	});
});

describe('trend', () => {
	const values = [
		{ period: '2024-S2', value: 20 },
		{ period: '2025-S1', value: 40 }
	];
	it('draws values over periods with the baseline and the target as marks kept in view', () => {
		const fr = o(trendOption(values, 10, 100, 'fr', { unit: { unit: 'personne|personnes' } }));
		expect(one(fr.xAxis)).toMatchObject({ type: 'category', inverse: false, data: ['S2 2024', 'S1 2025'] });
		expect(one(fr.yAxis).position).toBe('left');
		expect(one(fr.yAxis).max({ max: 40 })).toBe(100);
		const series = one(fr.series);
		expect(series.data).toEqual([20, 40]);
		expect(series.markLine.data.map((d: Loose) => d.yAxis)).toEqual([10, 100]);
		expect(series.markLine.data[1].label.formatter).toBe('Cible 100 personnes');
		expect(fr.tooltip.formatter([{ dataIndex: 1 }])).toContain('S1 2025');
	});

	it('spaces time by time: a year without a value is an empty slot and a gap in the line', () => {
		// the public victims figure has no 2019
		const victims = [
			{ period: '2017', value: 80 },
			{ period: '2018', value: 90 },
			{ period: '2020', value: 120 }
		];
		const opt = o(trendOption(victims, null, null, 'fr'));
		expect(one(opt.xAxis).data).toEqual(['2017', '2018', '2019', '2020']);
		const series = one(opt.series);
		expect(series.data).toEqual([80, 90, null, 120]);
		expect(series.connectNulls).toBe(false);
		expect(opt.tooltip.formatter([{ dataIndex: 3 }])).toContain('120');
		expect(opt.tooltip.formatter([{ dataIndex: 2 }])).toContain('—');
		// semesters across a year boundary; mixed kinds keep their own slots
		expect(
			timeSeriesSlots([
				{ period: '2024-S1', value: 1 },
				{ period: '2025-S1', value: 2 }
			]).map((v) => v.period)
		).toEqual(['2024-S1', '2024-S2', '2025-S1']);
		expect(
			timeSeriesSlots([
				{ period: '2024', value: 1 },
				{ period: '2025-S1', value: 2 }
			]).map((v) => v.period)
		).toEqual(['2024', '2025-S1']);
	});

	it('mirrors for Arabic: time runs from the right', () => {
		const ar = o(trendOption(values, null, null, 'ar'));
		expect(one(ar.xAxis)).toMatchObject({ inverse: true, data: ['الأسدس الثاني 2024', 'الأسدس الأول 2025'] });
		expect(one(ar.yAxis).position).toBe('right');
		expect(one(ar.series).markLine).toBeUndefined();
	});

	it('shows progress in percent', () => {
		const opt = o(progressTrendOption([{ period: '2025-S1', progress: 37.1 }], 'en'));
		expect(one(opt.yAxis)).toMatchObject({ min: 0, max: 100 });
		expect(one(opt.series).name).toBe('Weighted progress');
	});
});

describe('roll-out timeline', () => {
	it('steps up at each date a region became operational, up to the reference day, out of 12', () => {
		const opt = o(
			rolloutTimelineOption(
				[
					{ date: '2024-06-03', operational: 1 },
					{ date: '2025-10-01', operational: 4 }
				],
				12,
				'2026-07-20',
				'fr'
			)
		);
		const series = one(opt.series);
		expect(series.step).toBe('end');
		expect(series.data).toEqual([1, 4, 4]);
		expect(one(opt.xAxis).data).toEqual(['03/06/2024', '01/10/2025', '20/07/2026']);
		expect(one(opt.yAxis)).toMatchObject({ min: 0, max: 12 });
		expect(opt.tooltip.formatter([{ dataIndex: 1 }])).toContain('4 sur 12');
		expect(one(o(rolloutTimelineOption([], 12, '2026-07-20', 'ar')).xAxis).inverse).toBe(true);
	});
});

describe('tooltips', () => {
	it('escape text and follow the reading direction', () => {
		expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
		const html = tooltipHtml('ar', 'العنوان', [['القيمة', '12']]);
		expect(html).toContain('dir="rtl"');
		expect(html).toContain('<bdi>12</bdi>');
	});
});

describe('discipline trend', () => {
	it('draws the updates’ and the values’ rates per period, the empty semester a gap in both, mirrored in Arabic', () => {
		const points = [
			{ period: '2025-S2', updates: 50, values: 20 },
			{ period: '2026-S2', updates: 100, values: null }
		];
		const fr = o(disciplineTrendOption(points, 'fr'));
		expect(fr.series.map((s: Loose) => s.data)).toEqual([
			[50, null, 100],
			[20, null, null]
		]);
		expect(fr.series[1].lineStyle.type).toBe('dashed');
		expect(fr.legend.left).toBe(0);
		const ar = o(disciplineTrendOption(points, 'ar'));
		expect(one(ar.xAxis).inverse).toBe(true);
		expect(ar.legend.right).toBe(0);
	});
});
