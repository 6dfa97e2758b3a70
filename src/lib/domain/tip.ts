/**
 * The US State Department's TIP questionnaire as Rasd answers it: which periods a TIP year's
 * export gathers, and which figure answers which question of which pillar. Pure.
 */
import { parsePeriod } from './period';
import type { Pillar } from './enums';

/** The 3P+P pillars of the TIP report, in its order. */
export const TIP_PILLARS = ['prosecution', 'protection', 'prevention', 'partnership'] as const satisfies readonly Pillar[];
export type TipPillar = (typeof TIP_PILLARS)[number];

/** What the questionnaire asks for, per pillar. */
export const TIP_ITEMS = [
	'investigations',
	'prosecutions',
	'convictions',
	'victims_identified',
	'victims_potential',
	'victims_referred',
	'victims_assisted'
] as const;
export type TipItem = (typeof TIP_ITEMS)[number];

/**
 * The public record's indicators and the question each answers. They hang on a statistics
 * measure of the partnership axis, so their pillar is the question's, not their measure's. Other
 * indicators answer no named question and go under their measure's pillar.
 */
export const TIP_FIGURES: Readonly<Record<string, { pillar: TipPillar; item: TipItem }>> = {
	'NAT-INV': { pillar: 'prosecution', item: 'investigations' },
	'NAT-PROS': { pillar: 'prosecution', item: 'prosecutions' },
	'NAT-CONV': { pillar: 'prosecution', item: 'convictions' },
	'NAT-VICT': { pillar: 'protection', item: 'victims_identified' },
	'NAT-VICT-POT': { pillar: 'protection', item: 'victims_potential' },
	'NAT-SHELTER': { pillar: 'protection', item: 'victims_assisted' }
};

export interface TipYear {
	code: string;
	start: string;
	end: string;
	/** the calendar year whose government figures the report of that year cites (TIP 2023 → 2022) */
	calendarYear: string;
}

/** `TIP2025` → 1 April 2024 – 31 March 2025, citing calendar 2024; null for anything but a TIP year. */
export function tipYear(code: string): TipYear | null {
	const p = parsePeriod(code);
	if (!p || p.kind !== 'tip') return null;
	return { code: p.code, start: p.start, end: p.end, calendarYear: String(p.year - 1) };
}

/**
 * Whether a value of `period` answers the TIP year: the TIP year itself, the calendar year its
 * report cites (Moroccan figures are by calendar year), or a semester or quarter inside the TIP
 * year. Nothing is summed: each period is its own row, so no figure is counted twice.
 */
export function answersTipYear(period: string, y: TipYear): boolean {
	if (period === y.code || period === y.calendarYear) return true;
	const p = parsePeriod(period);
	return !!p && (p.kind === 'semester' || p.kind === 'quarter') && p.start >= y.start && p.end <= y.end;
}

/** The TIP years from `fromYear` to the one containing `today`, latest first. */
export function tipYears(fromYear: number, today: string): string[] {
	const y = Number(today.slice(0, 4)) + (Number(today.slice(5, 7)) >= 4 ? 1 : 0);
	const out: string[] = [];
	for (let i = y; i >= fromYear; i--) out.push(`TIP${i}`);
	return out;
}
