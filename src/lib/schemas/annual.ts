import { z } from 'zod';
import { LOCALES } from '../domain/enums';

/** `/reports/annual?plan=&year=` and its DOCX (`&lang=`). */
export const annualSchema = z.object({
	plan: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, 'err_invalid')
		.optional(),
	year: z
		.string()
		.regex(/^20[0-9]{2}$/, 'err_invalid')
		.transform(Number)
		.optional(),
	lang: z.enum(LOCALES, { error: 'err_locale_unknown' }).optional()
});
