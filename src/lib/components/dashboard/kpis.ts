/** The key figures every scorecard shows, as cards for `<KpiGrid>`. */
import { m, lang } from '$lib/i18n';
import { formatNumber, formatPercent } from '$lib/domain/format';
import type { Kpi } from './KpiGrid.svelte';

export interface KpiFigures {
	measures: number;
	completionRate: number | null;
	progress: number | null;
	overdue: number;
	atRisk: number;
	dueSoon: number;
	/** how many of the measures are demonstration data */
	demo?: number;
}

/**
 * Measures, completion, weighted progress, overdue, at risk, due soon and (when given) submissions
 * awaiting validation; `listHref` links the counts to the measures list (not for a past snapshot,
 * which the list cannot show).
 */
export function scorecardKpis(
	k: KpiFigures,
	opts: {
		awaiting?: number | null;
		listHref?: (extra?: Record<string, string>) => string;
		/** false: the overdue and at-risk counts are not linked (the list shows today, not a past snapshot) */
		flagLinks?: boolean;
	} = {}
): Kpi[] {
	const flagHref = opts.flagLinks === false ? undefined : opts.listHref;
	const L = lang();
	const pct = (v: number | null) => (v == null ? '—' : formatPercent(v, L));
	const items: Kpi[] = [
		{ label: m.kpi_measures(), value: formatNumber(k.measures, L), href: opts.listHref?.(), testid: 'kpi-measures' },
		{ label: m.kpi_completion(), value: pct(k.completionRate), tone: 'good', testid: 'kpi-completion' },
		{ label: m.kpi_progress(), value: pct(k.progress), testid: 'kpi-progress' },
		{ label: m.kpi_overdue(), value: formatNumber(k.overdue, L), tone: 'warn', href: flagHref?.({ overdue: '1' }), testid: 'kpi-overdue' },
		{ label: m.dash_kpi_at_risk(), value: formatNumber(k.atRisk, L), tone: 'risk', href: flagHref?.({ atRisk: '1' }), testid: 'kpi-at-risk' },
		{ label: m.dash_kpi_due_soon(), value: formatNumber(k.dueSoon, L), testid: 'kpi-due-soon' }
	];
	if (opts.awaiting != null)
		items.push({ label: m.kpi_awaiting(), value: formatNumber(opts.awaiting, L), note: m.dash_kpi_awaiting_note(), testid: 'kpi-awaiting' });
	// every tile counts the same measures: badged when any of them is demonstration data
	const demo = (k.demo ?? 0) > 0;
	return items.map((i) => ({ ...i, demo }));
}
