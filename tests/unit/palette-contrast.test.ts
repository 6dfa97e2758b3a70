/**
 * Colour contrast of what the charts draw (WCAG 2.2: 1.4.11 non-text contrast 3:1 against the
 * chart's white ground; 1.4.3 text 4.5:1). A palette change that makes a series or a status hard
 * to tell from the ground fails here.
 */
import { describe, it, expect } from 'vitest';
import { COLORS, STATUS_COLORS, STAGE_COLORS, SEQUENTIAL, CHART_PALETTE } from '../../src/lib/charts/palette';

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
		number,
		number,
		number
	];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}
const GROUND = '#ffffff';

describe('chart palettes', () => {
	it('computes contrast as WCAG does', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});

	it('draws every status, stage and series in a colour of at least 3:1 against the chart', () => {
		const named: [string, string][] = [
			...Object.entries(STATUS_COLORS).map(([k, v]) => [`status ${k}`, v] as [string, string]),
			// "not started" is the absence of a stage (the empty ground), named in the legend and the table
			...Object.entries(STAGE_COLORS)
				.filter(([k]) => k !== 'not_started')
				.map(([k, v]) => [`stage ${k}`, v] as [string, string]),
			...CHART_PALETTE.map((c, i) => [`series ${i + 1}`, c] as [string, string]),
			['target', COLORS.target],
			['baseline', COLORS.baseline]
		];
		const weak = named.filter(([, c]) => contrast(c, GROUND) < 3).map(([n, c]) => `${n} ${c} ${contrast(c, GROUND).toFixed(2)}:1`);
		expect(weak).toEqual([]);
	});

	it('writes chart text at 4.5:1 at least', () => {
		expect(contrast(COLORS.text, GROUND)).toBeGreaterThanOrEqual(4.5);
		expect(contrast(COLORS.muted, GROUND)).toBeGreaterThanOrEqual(4.5);
	});

	it('keeps the classes of the map apart from one another, the darkest readable on white', () => {
		// light classes are needed for a sequential scale; each is named in the legend and the table
		for (let i = 1; i < SEQUENTIAL.length; i++)
			expect(contrast(SEQUENTIAL[i - 1]!, SEQUENTIAL[i]!), `${SEQUENTIAL[i - 1]} → ${SEQUENTIAL[i]}`).toBeGreaterThanOrEqual(1.25);
		expect(contrast(SEQUENTIAL[SEQUENTIAL.length - 1]!, GROUND)).toBeGreaterThanOrEqual(3);
	});
});
