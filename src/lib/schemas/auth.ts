import { z } from 'zod';
import { localeSchema, safePath } from './common';

export const loginSchema = z.object({
	email: z
		.string({ error: 'err_email_required' })
		.trim()
		.toLowerCase()
		.min(1, 'err_email_required')
		.max(254, 'err_email_invalid')
		.pipe(z.email({ error: 'err_email_invalid' })),
	password: z.string({ error: 'err_password_required' }).min(1, 'err_password_required').max(1024, 'err_password_required'),
	redirectTo: safePath
});
export type LoginInput = z.infer<typeof loginSchema>;

export const setLocaleSchema = z.object({
	locale: localeSchema,
	redirectTo: safePath
});
