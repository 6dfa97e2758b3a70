/**
 * The plan's structure as rows: one schema per level (axis, objective, measure, indicator), keyed by the
 * column names of the structure workbook, so the import and the plan editor check the same rules.
 * References to other rows (parent, institutions, regions, recommendations) are codes here; whether they
 * exist is checked against the database by the server.
 */
import { z } from 'zod';
import { DIMENSIONS, DIRECTIONS, FREQUENCIES, INDICATOR_KINDS, PILLARS, PLAN_KINDS } from '../domain/enums';
import { blankOrNullToUndefined, cleanName, decimal, planDate, regionCode, wholeNumber } from './common';

// A blank or empty (null) cell is a value left out.
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankOrNullToUndefined, s.optional());

/** Codes of plan items: A1, A1.2, A1.2.3, IND-12 — letters, digits, dots, hyphens. */
export const planCode = z
	.string({ error: 'err_code_invalid' })
	.trim()
	.regex(/^[A-Za-z0-9][A-Za-z0-9.\-_]{0,39}$/, 'err_code_invalid');
const title = z.string({ error: 'err_title_required' }).transform(cleanName).pipe(z.string().trim().min(1, 'err_title_required').max(500, 'err_text_too_long'));
const optionalTitle = optional(z.string().transform(cleanName).pipe(z.string().trim().max(500, 'err_text_too_long')));
const unitText = optional(z.string().transform(cleanName).pipe(z.string().trim().max(200, 'err_text_too_long')));
/** `a; b;c` → ['a','b','c'], sorted and without repeats, so the same set always compares equal. */
const codeList = (item: z.ZodType<string>) =>
	z.preprocess(
		(v) =>
			typeof v === 'string'
				? [
						...new Set(
							v
								.split(/[;,]/)
								.map((x) => x.trim())
								.filter(Boolean)
						)
					].sort()
				: (v ?? []),
		z.array(item)
	);
const YES = ['yes', 'oui', 'نعم', '1', 'true', 'y', 'o'];
const NO = ['no', 'non', 'لا', '0', 'false', 'n', ''];
const yesNo = z.preprocess(
	(v) =>
		typeof v === 'boolean'
			? v
			: typeof v === 'string'
				? YES.includes(v.trim().toLowerCase())
					? true
					: NO.includes(v.trim().toLowerCase())
						? false
						: v
				: (v ?? false),
	z.boolean({ error: 'err_import_yes_no' })
);
const order = optional(wholeNumber(0, 100_000, 'err_value_number'));

const longText = (max: number) => optional(z.string().trim().max(max, 'err_text_too_long'));
/**
 * A plan as the editor's plan form posts it: its dates frame every measure's, and the end comes after the
 * start; it is adopted by its end at the latest. The plan it implements (`parent`) is a code, checked
 * against the stored plans by the server (it exists, and is neither the plan itself nor one implementing it).
 */
export const planFormSchema = z
	.object({
		code: planCode,
		kind: z.enum(PLAN_KINDS, { error: 'err_import_choice' }),
		title_fr: title,
		title_ar: optionalTitle,
		title_en: optionalTitle,
		start: planDate,
		end: planDate,
		description_fr: longText(5000),
		description_ar: longText(5000),
		description_en: longText(5000),
		adopted_on: optional(planDate),
		parent: optional(planCode),
		note: longText(2000)
	})
	.refine((r) => r.start < r.end, { path: ['end'], message: 'err_plan_end_before_start' })
	.refine((r) => !r.adopted_on || r.adopted_on <= r.end, { path: ['adopted_on'], message: 'err_plan_adopted_after_end' });
export type PlanForm = z.infer<typeof planFormSchema>;

export const axisRowSchema = z.object({
	plan: planCode,
	code: planCode,
	title_fr: title,
	title_ar: optionalTitle,
	title_en: optionalTitle,
	pillar: optional(z.enum(PILLARS, { error: 'err_import_choice' })),
	order
});

export const objectiveRowSchema = z.object({
	axis: planCode,
	code: planCode,
	title_fr: title,
	title_ar: optionalTitle,
	title_en: optionalTitle,
	order
});

export const measureRowSchema = z
	.object({
		objective: planCode,
		code: planCode,
		title_fr: title,
		title_ar: optionalTitle,
		title_en: optionalTitle,
		lead: z.string({ error: 'err_import_lead_required' }).trim().toUpperCase().min(1, 'err_import_lead_required'),
		contributors: codeList(z.string().toUpperCase()),
		regions: codeList(z.string().toUpperCase().pipe(regionCode)),
		start: planDate,
		deadline: planDate,
		weight: optional(decimal().refine((n) => n > 0, 'err_value_number')),
		pillar: optional(z.enum(PILLARS, { error: 'err_import_choice' })),
		recommendations: codeList(z.string()),
		order
	})
	.refine((r) => r.start <= r.deadline, { path: ['deadline'], message: 'err_import_dates_order' });

export const indicatorRowSchema = z.object({
	measure: planCode,
	code: planCode,
	name_fr: title,
	name_ar: optionalTitle,
	name_en: optionalTitle,
	kind: z.enum(INDICATOR_KINDS, { error: 'err_import_choice' }),
	frequency: z.enum(FREQUENCIES, { error: 'err_import_choice' }),
	unit: unitText,
	unit_ar: unitText,
	unit_en: unitText,
	baseline: optional(decimal()),
	baseline_year: optional(wholeNumber(1990, 2100)),
	target: optional(decimal()),
	target_year: optional(wholeNumber(1990, 2100)),
	direction: z.preprocess((v) => blankOrNullToUndefined(v) ?? 'up', z.enum(DIRECTIONS, { error: 'err_import_choice' })),
	dimensions: codeList(z.enum(DIMENSIONS, { error: 'err_import_choice' })),
	sensitive: yesNo,
	sdg: optional(
		z
			.string()
			.trim()
			.regex(/^\d+\.[0-9a-z]+(\.\d+)?$/, 'err_import_sdg')
	)
});

export type AxisRow = z.infer<typeof axisRowSchema>;
export type ObjectiveRow = z.infer<typeof objectiveRowSchema>;
export type MeasureRow = z.infer<typeof measureRowSchema>;
export type IndicatorRow = z.infer<typeof indicatorRowSchema>;

/** The workbook's sheets and their columns, in order; `true` = required. */
export const STRUCTURE_SHEETS = {
	axes: { schema: axisRowSchema, columns: { plan: true, code: true, title_fr: true, title_ar: false, title_en: false, pillar: false, order: false } },
	objectives: { schema: objectiveRowSchema, columns: { axis: true, code: true, title_fr: true, title_ar: false, title_en: false, order: false } },
	measures: {
		schema: measureRowSchema,
		columns: {
			objective: true,
			code: true,
			title_fr: true,
			title_ar: false,
			title_en: false,
			lead: true,
			contributors: false,
			regions: false,
			start: true,
			deadline: true,
			weight: false,
			pillar: false,
			recommendations: false,
			order: false
		}
	},
	indicators: {
		schema: indicatorRowSchema,
		columns: {
			measure: true,
			code: true,
			name_fr: true,
			name_ar: false,
			name_en: false,
			kind: true,
			frequency: true,
			unit: false,
			unit_ar: false,
			unit_en: false,
			baseline: false,
			baseline_year: false,
			target: false,
			target_year: false,
			direction: false,
			dimensions: false,
			sensitive: false,
			sdg: false
		}
	}
} as const;
export type StructureSheet = keyof typeof STRUCTURE_SHEETS;

/** An item's version, carried by the editor's forms so two editors get a conflict rather than overwrite each other. */
export const planItemRefSchema = z.object({ version: wholeNumber(1, 2 ** 31 - 1, 'err_invalid') });
export const planMoveSchema = planItemRefSchema.extend({ objective: planCode, newCode: planCode });
export const planLinkSchema = z.object({ recommendation: z.string().trim().min(1).max(40), linked: z.enum(['1', '0']).transform((v) => v === '1') });
export const planReorderSchema = planItemRefSchema.extend({
	level: z.enum(['plans', 'axes', 'objectives', 'measures'], { error: 'err_invalid' }),
	code: planCode,
	direction: z.enum(['up', 'down'], { error: 'err_invalid' })
});
/** An indicator moved up / down on its measure's page: the level is implied. */
export const planIndicatorReorderSchema = planReorderSchema.omit({ level: true });
/** Removing asks for a ticked confirmation, checked again here for a form posted without the browser's check. */
export const planRemoveSchema = planItemRefSchema.extend({ confirm: z.literal('yes', { error: 'err_confirm_required' }) });
