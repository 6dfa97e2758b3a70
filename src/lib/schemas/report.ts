import { z } from 'zod';
import { REPORT_SCOPES, REPORT_SECTIONS, isReportPeriod, type ReportSection, type Texts } from '../domain/report';
import { isPeriodCode } from '../domain/period';
import { blankToUndefined, idNumber } from './common';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional()).catch(undefined);
const narrative = z.preprocess(blankToUndefined, z.string().trim().max(8000, 'err_text_too_long').optional());

/** What a report is about: in the URL of the publish page (its preview) and in its form. */
export const reportScopeSchema = z
	.object({
		plan: z.string({ error: 'err_report_plan_required' }).trim().min(1, 'err_report_plan_required').max(60),
		period: z.string({ error: 'err_report_period_invalid' }).trim().refine(isReportPeriod, 'err_report_period_invalid'),
		scope: z.enum(REPORT_SCOPES, { error: 'err_report_scope_unknown' }).default('plan'),
		axis: z.preprocess(blankToUndefined, z.string().trim().max(20).optional())
	})
	.refine((v) => v.scope !== 'axis' || !!v.axis, { path: ['axis'], message: 'err_report_axis_required' });

/** The narrative fields of the publish form: `n_<section>_<fr|ar|en>`. */
const narrativeFields = Object.fromEntries(REPORT_SECTIONS.flatMap((sec) => (['fr', 'ar', 'en'] as const).map((l) => [`n_${sec}_${l}`, narrative])));

/**
 * The publish form: scope, narratives per section (the summary's French is required; a section's
 * Arabic or English needs its French, the reference text), and the report it corrects, if any.
 */
export const publishSchema = reportScopeSchema
	.and(z.object({ ...narrativeFields, replaces: z.preprocess(blankToUndefined, idNumber.optional()) }))
	.superRefine((v, ctx) => {
		const r = v as Record<string, unknown>;
		if (!r.n_summary_fr) ctx.addIssue({ code: 'custom', path: ['n_summary_fr'], message: 'err_report_summary_required' });
		for (const sec of REPORT_SECTIONS) {
			if (!r[`n_${sec}_fr`] && (r[`n_${sec}_ar`] || r[`n_${sec}_en`]))
				ctx.addIssue({ code: 'custom', path: [`n_${sec}_fr`], message: 'err_report_narrative_fr_first' });
		}
	});
export type PublishForm = z.infer<typeof publishSchema>;

/** The narratives of a parsed publish form, per section (sections left blank are left out). */
export function narrativesOf(form: PublishForm): Partial<Record<ReportSection, Texts>> {
	const r = form as Record<string, unknown>;
	const out: Partial<Record<ReportSection, Texts>> = {};
	for (const sec of REPORT_SECTIONS) {
		const fr = r[`n_${sec}_fr`] as string | undefined;
		if (fr) out[sec] = { fr, ar: (r[`n_${sec}_ar`] as string | undefined) ?? null, en: (r[`n_${sec}_en`] as string | undefined) ?? null };
	}
	return out;
}

export const withdrawSchema = z.object({
	id: idNumber,
	version: idNumber,
	reason: z.string({ error: 'err_report_reason_required' }).trim().min(3, 'err_report_reason_required').max(2000, 'err_text_too_long')
});

/** The reports list's URL filters; an unknown value is dropped. */
export const reportListParamsSchema = z.object({
	plan: optional(z.string().trim().max(60)),
	period: optional(z.string().trim().refine(isPeriodCode))
});

/** The compare page's URL: two report ids. */
export const compareParamsSchema = z.object({
	// ids within SQLite's 32-bit range: a huge or fractional number in the URL compares nothing
	a: optional(idNumber),
	b: optional(idNumber)
});

export const apiTokenSchema = z.object({
	name: z.string({ error: 'err_token_name_required' }).trim().min(1, 'err_token_name_required').max(80, 'err_text_too_long')
});
