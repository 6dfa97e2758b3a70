import { z } from 'zod';
import { blankToUndefined, idNumber, nameText, optionalId, planDate, regionCode } from './common';
import { CURRENCIES, PROJECT_STATUSES, parseMinor } from '../domain/money';

const institutionCode = z
	.string({ error: 'err_institution_unknown' })
	.trim()
	.regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'err_institution_unknown');
const optionalText = (max: number) => z.preprocess(blankToUndefined, nameText(max).optional());

/**
 * A partner project as its form sends it. The budget comes as typed ("1 200 000,50") and is turned into minor
 * units of its currency here, never through a float; measures are codes separated by spaces or commas.
 */
export const partnerProjectSchema = z
	.object({
		id: optionalId,
		version: optionalId,
		code: z
			.string({ error: 'err_project_code' })
			.trim()
			.toUpperCase()
			.regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'err_project_code'),
		partner: institutionCode,
		donor: z.preprocess(blankToUndefined, institutionCode.optional()),
		donorName: optionalText(200),
		titleFr: nameText(300).pipe(z.string().min(1, 'err_required')),
		titleAr: optionalText(300),
		titleEn: optionalText(300),
		startDate: z.preprocess(blankToUndefined, planDate.optional()),
		endDate: z.preprocess(blankToUndefined, planDate.optional()),
		budget: z.preprocess(blankToUndefined, z.string().max(30, 'err_budget_invalid').optional()),
		currency: z.preprocess(blankToUndefined, z.enum(CURRENCIES, { error: 'err_currency_unknown' }).optional()),
		status: z.enum(PROJECT_STATUSES, { error: 'err_invalid' }),
		iatiIdentifier: z.preprocess(
			blankToUndefined,
			z
				.string()
				.trim()
				.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{2,99}$/, 'err_iati_identifier')
				.optional()
		),
		regions: z.array(regionCode).max(12, 'err_region_unknown').default([]),
		measures: z
			.string()
			.default('')
			.transform((s) => [
				...new Set(
					s
						.split(/[\s,;]+/)
						.map((c) => c.trim().toUpperCase())
						.filter(Boolean)
				)
			])
			.pipe(z.array(z.string().regex(/^[A-Z0-9][A-Z0-9.-]{0,29}$/, 'err_measure_unknown')).max(200, 'err_invalid'))
	})
	.superRefine((p, ctx) => {
		if (p.startDate && p.endDate && p.startDate > p.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'err_project_end_before_start' });
		if (p.budget !== undefined && !p.currency) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'err_currency_required' });
		if (p.budget !== undefined && p.currency && parseMinor(p.budget, p.currency) === null)
			ctx.addIssue({ code: 'custom', path: ['budget'], message: 'err_budget_invalid' });
		if (p.id !== undefined && p.version === undefined) ctx.addIssue({ code: 'custom', path: ['_form'], message: 'err_invalid' });
	})
	.transform(({ budget, ...p }) => ({ ...p, budgetMinor: budget !== undefined && p.currency ? parseMinor(budget, p.currency) : null }));
export type PartnerProjectInput = z.infer<typeof partnerProjectSchema>;

/** FormData of the project form → what the schema reads (regions are checkboxes: every value counts). */
export function projectFormObject(data: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of data) if (typeof v === 'string' && k !== 'regions') out[k] = v;
	out.regions = data.getAll('regions').filter((v) => typeof v === 'string');
	return out;
}

/** The admin sets the MAD rate of a currency for a year. */
export const exchangeRateSchema = z.object({
	year: z.preprocess(
		(v) => (typeof v === 'string' ? Number(v) : v),
		z.number({ error: 'err_year_invalid' }).int('err_year_invalid').min(2000, 'err_year_invalid').max(2100, 'err_year_invalid')
	),
	currency: z.enum(CURRENCIES, { error: 'err_currency_unknown' }).refine((c) => c !== 'MAD', 'err_currency_unknown'),
	rate: z
		.string({ error: 'err_rate_invalid' })
		.trim()
		.regex(/^\d{1,6}(?:[.,]\d{1,6})?$/, 'err_rate_invalid')
		.refine((r) => !/^0+(?:[.,]0+)?$/.test(r), 'err_rate_invalid'),
	version: optionalId
});
export type ExchangeRateInput = z.infer<typeof exchangeRateSchema>;

/** `?year=` of the funding view: a year between 2000 and 2100, else `fallback`. */
export function fundingYear(value: string | null, fallback: number): number {
	const n = Number(value);
	return value && /^\d{4}$/.test(value) && n >= 2000 && n <= 2100 ? n : fallback;
}

/** Deleting a project: the version the page showed, and the box ticked to confirm. */
export const deleteProjectSchema = z.object({
	version: idNumber,
	confirm: z.literal('yes', { error: 'err_confirm_required' })
});
