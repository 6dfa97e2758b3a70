import { z } from 'zod';
import { MEASURE_STATUSES, ROLLOUT_STAGES, VISIBILITIES } from '../domain/enums';
import { isPeriodCode, parsePeriod } from '../domain/period';
import { blankToUndefined, decimal, idNumber, nameText, optionalId, planDate, regionCode, wholeNumber } from './common';

const optionalInt = optionalId;
const narrative = z.preprocess(blankToUndefined, z.string().trim().max(5000, 'err_text_too_long').optional());

export const periodCode = z
	.string({ error: 'err_period_invalid' })
	.trim()
	.refine((v) => parsePeriod(v) !== null, 'err_period_invalid');

/** A focal point's progress update, from the measure page's form or the JSON API. */
export const progressUpdateSchema = z.object({
	intent: z.enum(['draft', 'submit']).default('draft'),
	updateId: optionalInt,
	version: optionalInt,
	period: periodCode,
	status: z.enum(MEASURE_STATUSES, { error: 'err_status_unknown' }),
	progress: wholeNumber(0, 100, 'err_progress_range'),
	narrativeFr: narrative,
	narrativeAr: narrative,
	narrativeEn: narrative,
	linkUrl: z.preprocess(
		blankToUndefined,
		z
			.url({ protocol: /^https?$/, error: 'err_url_invalid' })
			.max(2000, 'err_url_invalid')
			.optional()
	),
	linkLabel: z.preprocess(blankToUndefined, nameText(200).optional()),
	visibility: z.enum(VISIBILITIES).default('restricted')
});
export type ProgressUpdateInput = z.infer<typeof progressUpdateSchema>;

export const reviewSchema = z
	.object({
		kind: z.enum(['update', 'value', 'stage']),
		id: idNumber,
		version: idNumber,
		decision: z.enum(['validate', 'return']),
		comment: z.preprocess(blankToUndefined, z.string().trim().max(2000, 'err_text_too_long').optional())
	})
	.refine((r) => r.decision !== 'return' || !!r.comment, { path: ['comment'], message: 'err_return_comment_required' });
export type ReviewInput = z.infer<typeof reviewSchema>;

export const indicatorValueSchema = z.object({
	intent: z.enum(['draft', 'submit']).default('draft'),
	indicatorId: idNumber,
	valueId: optionalInt,
	version: optionalInt,
	period: periodCode,
	region: z.preprocess(blankToUndefined, regionCode.optional()),
	// the indicator's own plausible range is checked where the indicator is known (indicator-values.save)
	value: z.preprocess(blankToUndefined, decimal('err_value_number')),
	source: z.preprocess(blankToUndefined, z.string().trim().max(500, 'err_text_too_long').optional()),
	note: z.preprocess(blankToUndefined, z.string().trim().max(2000, 'err_text_too_long').optional())
});
export type IndicatorValueInput = z.infer<typeof indicatorValueSchema>;

export const stageSchema = z.object({
	intent: z.enum(['draft', 'submit']).default('submit'),
	stageId: optionalInt,
	version: optionalInt,
	region: regionCode,
	stage: z.enum(ROLLOUT_STAGES, { error: 'err_stage_unknown' }),
	since: planDate,
	note: z.preprocess(blankToUndefined, z.string().trim().max(2000, 'err_text_too_long').optional())
});
export type StageInput = z.infer<typeof stageSchema>;

export const evidenceRemoveSchema = z.object({ evidenceId: idNumber });

/** Filters of the review queue, read from the URL; an unknown value is ignored rather than failing the page. */
export const reviewFiltersSchema = z.object({
	kind: z.enum(['update', 'value', 'stage']).optional().catch(undefined),
	institution: z
		.string()
		.trim()
		.regex(/^[A-Z][A-Z0-9-]*$/)
		.max(40)
		.optional()
		.catch(undefined),
	period: z.string().trim().refine(isPeriodCode).optional().catch(undefined),
	order: z
		.enum(['oldest', 'newest'])
		.optional()
		.catch(undefined)
		.transform((v) => v ?? 'oldest'),
	page: z.coerce
		.number()
		.int()
		.min(1)
		.max(100_000)
		.optional()
		.catch(undefined)
		.transform((v) => v ?? 1)
});
export type ReviewFilters = z.infer<typeof reviewFiltersSchema>;
