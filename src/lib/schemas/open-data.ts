import { z } from 'zod';
import { isPeriodCode } from '../domain/period';
import { nameText } from './common';

const code = z
	.string()
	.trim()
	.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, 'err_invalid')
	.optional();

/** `/api/v1/reports?plan=&period=`: unknown parameters are ignored, bad values refused. */
export const apiReportFiltersSchema = z.object({
	plan: code,
	period: z.string().trim().refine(isPeriodCode, 'err_invalid').optional()
});

/** `/api/v1/indicator-values?plan=&period=&indicator=` */
export const apiValueFiltersSchema = apiReportFiltersSchema.extend({ indicator: code });

/** The profile's "new API token" form. */
export const apiTokenCreateSchema = z.object({
	name: nameText(80).pipe(z.string().min(1, 'err_api_token_name_required'))
});

/** Revoking a token: its id (the action checks it is the user's own). */
export const apiTokenRevokeSchema = z.object({
	id: z
		.string()
		.regex(/^[1-9][0-9]{0,9}$/, 'err_invalid')
		.transform(Number)
});
