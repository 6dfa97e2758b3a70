import { z } from 'zod';
import { MEASURE_STATUSES, PILLARS } from '../domain/enums';
import { blankToUndefined, regionCode, wholeNumber } from './common';

const optionalText = z
	.string()
	.trim()
	.max(200)
	.optional()
	.transform((v) => (v ? v : undefined));
const flag = z
	.enum(['1', 'true', 'on', ''])
	.optional()
	.transform((v) => v === '1' || v === 'true' || v === 'on');

/** `plan`: the plan's own order (plan, axis, objective, measure as the editor places them); `code` stays the default. */
export const MEASURE_SORTS = ['code', 'plan', 'deadline', 'progress', 'updated', 'pillar'] as const;
// 25 rows a page: at national scale 50 rows made the list 122 KB of HTML (issue 16: no page over 100 KB).
export const PAGE_SIZE = 25;

/** Filters of the measures list, read from the URL (so a filtered view can be bookmarked and shared). */
export const measureFiltersSchema = z.object({
	plan: optionalText,
	axis: optionalText,
	objective: optionalText,
	institution: optionalText,
	region: z.preprocess(blankToUndefined, regionCode.optional()),
	status: z.preprocess(blankToUndefined, z.enum(MEASURE_STATUSES, { error: 'err_status_unknown' }).optional()),
	pillar: z.preprocess(blankToUndefined, z.enum(PILLARS, { error: 'err_pillar_unknown' }).optional()),
	overdue: flag,
	atRisk: flag,
	recommendation: optionalText,
	q: optionalText,
	sort: z
		.enum(MEASURE_SORTS)
		.optional()
		.catch(undefined)
		.transform((v) => v ?? 'code'),
	dir: z
		.enum(['asc', 'desc'])
		.optional()
		.catch(undefined)
		.transform((v) => v ?? 'asc'),
	page: wholeNumber(1, 10_000)
		.optional()
		.catch(undefined)
		.transform((v) => v ?? 1)
});
export type MeasureFilters = z.infer<typeof measureFiltersSchema>;

/** URLSearchParams → filters; an invalid value is dropped (with its error) rather than failing the page. */
export function parseMeasureFilters(params: URLSearchParams): { filters: MeasureFilters; errors: Record<string, string> } {
	const raw = Object.fromEntries(params);
	const parsed = measureFiltersSchema.safeParse(raw);
	if (parsed.success) return { filters: parsed.data, errors: {} };
	const errors: Record<string, string> = {};
	const cleaned: Record<string, string> = { ...raw };
	for (const issue of parsed.error.issues) {
		const key = String(issue.path[0]);
		errors[key] = issue.message.startsWith('err_') ? issue.message : 'err_invalid';
		delete cleaned[key];
	}
	return { filters: measureFiltersSchema.parse(cleaned), errors };
}
