import { z } from 'zod';
import { isPeriodCode } from '../domain/period';
import { blankToUndefined, planDate, wholeNumber } from './common';
import { REGION_CODE_RE } from '../domain/region';
import { PILLARS } from '../domain/enums';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional()).catch(undefined);

export const MAP_LAYERS = ['progress', 'rollout', 'indicator'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

/**
 * The dashboards' URL: plan, reference period, as-of date, map layer (and its indicator). An invalid value is dropped
 * (the page shows the default) rather than failing, so an old or hand-edited link still opens.
 */
export const dashboardParamsSchema = z.object({
	plan: optional(z.string().trim().max(60)),
	period: optional(z.string().trim().refine(isPeriodCode)),
	asOf: optional(planDate),
	/** only the measures of one pillar (3P+P, governance) */
	pillar: optional(z.enum(PILLARS)),
	layer: optional(z.enum(MAP_LAYERS)),
	/** the indicator of the map's indicator layer */
	ind: optional(z.string().trim().max(80))
});
export type DashboardParams = z.infer<typeof dashboardParamsSchema>;

/** The indicator explorer's URL: the indicator, a search and the list's page, the map's period, the "include submitted" switch. */
export const explorerParamsSchema = z.object({
	i: optional(z.string().trim().max(80)),
	q: optional(z.string().trim().max(100)),
	rp: optional(z.string().trim().refine(isPeriodCode)),
	/** the breakdowns' period and region (ISO code; absent = national) */
	bp: optional(z.string().trim().refine(isPeriodCode)),
	br: optional(z.string().trim().regex(REGION_CODE_RE)),
	sub: optional(z.enum(['1', 'true', 'on'])),
	/** the list's page (absent = 1) */
	page: optional(wholeNumber(1, 100_000))
});
export type ExplorerParams = z.infer<typeof explorerParamsSchema>;

export function parseDashboardParams(params: URLSearchParams): DashboardParams {
	return dashboardParamsSchema.parse(Object.fromEntries(params));
}

export function parseExplorerParams(params: URLSearchParams): ExplorerParams {
	return explorerParamsSchema.parse(Object.fromEntries(params));
}
