import { z } from 'zod';
import { LOCALES } from '../domain/enums';

/**
 * Error messages in schemas are message keys (see messages/*.json); pages translate them, so a
 * field error reaches the user in their language whichever boundary produced it.
 */
export type MessageKey = `err_${string}`;

/** A same-site path to go back to after a form; anything else (//evil, https://…) becomes `/`. */
export const safePath = z
	.string()
	.optional()
	.transform((v) => (v && /^\/(?![/\\])/.test(v) ? v : '/'));

export const localeSchema = z.enum(LOCALES, { error: 'err_locale_unknown' });

/** Field → first message key, from a failed parse. */
export function fieldErrors(error: z.ZodError): Record<string, MessageKey> {
	const out: Record<string, MessageKey> = {};
	for (const issue of error.issues) {
		const field = issue.path.map(String).join('.') || '_form';
		if (!(field in out)) out[field] = (issue.message.startsWith('err_') ? issue.message : 'err_invalid') as MessageKey;
	}
	return out;
}

/** FormData → plain object (last value wins; files are left out). */
export function formObject(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data) if (typeof v === 'string') out[k] = v;
	return out;
}
