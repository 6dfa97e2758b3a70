/** Institutions as an administrator creates, edits and merges them. */
import { z } from 'zod';
import { INSTITUTION_KINDS } from '../domain/enums';
import { blankToUndefined, cleanName, idNumber } from './common';

// names without bidi controls, strict ids (no `true` read as 1): common.ts
const optionalText = (max: number) =>
	z.preprocess(blankToUndefined, z.string().transform(cleanName).pipe(z.string().trim().max(max, 'err_text_too_long')).optional());
const id = idNumber;

/** Codes are what imports and URLs use: upper-case letters, digits and hyphens (DGSN, OSC-1). */
export const institutionCode = z
	.string({ error: 'err_code_invalid' })
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9][A-Z0-9-]{0,29}$/, 'err_code_invalid');

export const institutionSchema = z.object({
	code: institutionCode,
	nameFr: z.string({ error: 'err_name_required' }).transform(cleanName).pipe(z.string().trim().min(1, 'err_name_required').max(300, 'err_text_too_long')),
	nameAr: optionalText(300),
	nameEn: optionalText(300),
	acronymFr: optionalText(30),
	acronymAr: optionalText(120),
	acronymEn: optionalText(30),
	shortNameFr: optionalText(120),
	shortNameAr: optionalText(120),
	shortNameEn: optionalText(120),
	kind: z.enum(INSTITUTION_KINDS, { error: 'err_kind_unknown' }),
	isMember: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())
});
export type InstitutionInput = z.infer<typeof institutionSchema>;

export const institutionUpdateSchema = institutionSchema.extend({ version: id });
export const institutionRefSchema = z.object({ version: id });
export const mergeSchema = z.object({ version: id, into: id });
