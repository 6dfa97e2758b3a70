import { z } from 'zod';
import { blankToUndefined, idNumber, planDate, wholeNumber } from './common';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const day = planDate;

export const AUDIT_PAGE_SIZE = 50;

/** Filters of the audit trail (admin page and its CSV export), read from the URL. */
export const auditFiltersSchema = z
	.object({
		user: optional(idNumber),
		entity: optional(z.string().trim().max(60)),
		action: optional(z.string().trim().max(60)),
		/** first and last day, inclusive (UTC) */
		from: optional(day),
		to: optional(day),
		page: wholeNumber(1, 100_000)
			.optional()
			.catch(undefined)
			.transform((v) => v ?? 1)
	})
	.refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'err_date_range' });
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** URLSearchParams → filters; an invalid value is dropped (with its error) rather than failing the page. */
export function parseAuditFilters(params: URLSearchParams): { filters: AuditFilters; errors: Record<string, string> } {
	const raw: Record<string, string> = Object.fromEntries(params);
	const errors: Record<string, string> = {};
	for (let attempt = 0; attempt < 8; attempt++) {
		const parsed = auditFiltersSchema.safeParse(raw);
		if (parsed.success) return { filters: parsed.data, errors };
		for (const issue of parsed.error.issues) {
			const key = String(issue.path[0]);
			errors[key] = issue.message.startsWith('err_') ? issue.message : 'err_invalid';
			delete raw[key];
		}
	}
	return { filters: { page: 1 }, errors };
}
