import { describe, it, expect } from 'vitest';
import { ellipsisFor, shortenLabel, truncatedAxisLabel } from '../../src/lib/charts/labels';
import { byInstitutionOption } from '../../src/lib/charts/institutions';
import { progressByAxisOption } from '../../src/lib/charts/progress-bars';

describe('chart labels', () => {
	it('keeps a label that fits, cuts a long one at the end of its reading order with an ellipsis', () => {
		expect(shortenLabel('A1 · Prévention', 38)).toBe('A1 · Prévention');
		expect(shortenLabel('Haut commandement des forces armées royales', 16)).toBe('Haut commandeme…');
		expect([...shortenLabel('Haut commandement des forces armées royales', 16)]).toHaveLength(16);
		// no space left before the ellipsis
		expect(shortenLabel('A2 · Protection (identification)', 17)).toBe('A2 · Protection…');
	});

	it('ends an Arabic label with a right-to-left mark after the ellipsis, so it shows at its end (the left), not a French one', () => {
		const ar = shortenLabel('A2 · الحماية وتحديد هوية الضحايا ومساعدتهم', 20);
		expect(ar.startsWith('A2 · الحماية وتحديد')).toBe(true);
		expect(ar.endsWith('…\u200F')).toBe(true);
		expect(ellipsisFor('Protection')).toBe('…');
		expect(ellipsisFor('الحماية')).toBe('…\u200F');
	});

	it("gives ECharts the locale's ellipsis when it cuts a label to its width", () => {
		expect(truncatedAxisLabel(120, 'ar')).toEqual({ width: 120, overflow: 'truncate', ellipsis: '…\u200F' });
		expect(truncatedAxisLabel(120, 'fr').ellipsis).toBe('…');
		const axes = [
			{
				code: 'A2',
				titleFr: 'Protection',
				titleAr: 'الحماية وتحديد هوية الضحايا ومساعدتهم ومواكبتهم في جميع المراحل',
				titleEn: null,
				progress: 40,
				measures: 3
			}
		];
		const yAxis = (o: unknown) => (o as { yAxis: { data: string[]; axisLabel: { ellipsis: string; width: number } } }).yAxis;
		const narrow = yAxis(progressByAxisOption(axes, 'ar', 358));
		expect(narrow.axisLabel.ellipsis).toBe('…\u200F');
		expect(narrow.axisLabel.width).toBeLessThan(180);
		expect(narrow.data[0]!.endsWith('…\u200F')).toBe(true);
		const inst = yAxis(
			byInstitutionOption(
				[
					{
						code: 'FAR',
						label: 'Haut commandement des forces armées royales',
						name: 'x',
						lead: { measures: 1, progress: 10 },
						contributes: { measures: 0, progress: null }
					}
				],
				'fr',
				358
			)
		);
		expect(inst.axisLabel.ellipsis).toBe('…');
		expect(inst.data[0]).toBe('Haut commandement des force…');
	});
});
