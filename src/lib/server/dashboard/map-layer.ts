/**
 * The overview map's indicator layer.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import type { Db } from '../db/client';
import { parsePeriod } from '../../domain/period';
import type { Scope } from './snapshot';
import { type RegionalIndicator, regionalIndicators } from './scorecards';
import { type RegionValue, indicatorExplorer } from './explorer';

// ─── The overview map's indicator layer ─────────────────────────────────────────────────────────

export interface MapIndicatorLayer {
	/** the indicators the layer offers (those of the plan with values by region) */
	choices: { rows: RegionalIndicator[]; total: number };
	indicator: (RegionalIndicator & { sensitive: boolean }) | null;
	/** the period whose regional values are shown; null when none ended by the snapshot's day */
	regionPeriod: string | null;
	byRegion: RegionValue[];
	masked: boolean;
}

/**
 * One indicator's latest validated value per region for the overview map: `code` when it has
 * regional values, else the first of the plan's. With `until` (the as-of day or the end of the
 * selected period) the latest regional period ended by then. `mask` applies the confidentiality
 * rule (public readers).
 */
export function mapIndicatorLayer(db: Db, scope: Scope, opts: { code?: string | null; mask?: boolean; until?: string | null } = {}): MapIndicatorLayer {
	const choices = regionalIndicators(db, scope);
	const mask = !!opts.mask;
	const explore = (code: string | null | undefined, regionPeriod?: string) => {
		const x = code ? indicatorExplorer(db, code, { mask, regionPeriod }) : null;
		return x && x.regionalPeriods.length > 0 ? x : null;
	};
	let x = explore(opts.code) ?? explore(choices.rows[0]?.code);
	if (!x) return { choices, indicator: null, regionPeriod: null, byRegion: [], masked: false };
	let regionPeriod: string | null = x.regionPeriod;
	if (opts.until) {
		const until = opts.until;
		regionPeriod = x.regionalPeriods.find((p) => parsePeriod(p)!.end <= until) ?? null;
		if (regionPeriod && regionPeriod !== x.regionPeriod) x = explore(x.indicator.code, regionPeriod)!;
	}
	const { code, nameFr, nameAr, nameEn, unit, unitAr, unitEn, isDemo, sensitive } = x.indicator;
	return {
		choices,
		indicator: { code, nameFr, nameAr, nameEn, unit, unitAr, unitEn, isDemo, sensitive },
		regionPeriod,
		byRegion: regionPeriod ? x.byRegion : [],
		masked: x.masked
	};
}
