/** Accounts: what an administrator fills in to invite or change a user, and what a user sets for themselves. */
import { z } from 'zod';
import { ROLES } from '../domain/enums';
import { blankToUndefined, idNumber, localeSchema, nameText, optionalId } from './common';

// strict ids (no `true` read as 1) and names without bidi controls: common.ts
const id = idNumber;
const institutionId = optionalId;
const personName = nameText(120).refine((s) => s.length > 0, 'err_name_required');

export const emailSchema = z
	.string({ error: 'err_email_required' })
	.trim()
	.toLowerCase()
	.min(1, 'err_email_required')
	.max(254, 'err_email_invalid')
	.pipe(z.email({ error: 'err_email_invalid' }));

/** Long passphrases rather than composition rules (NIST SP 800-63B): at least 12 characters. */
export const newPasswordSchema = z
	.object({
		password: z.string({ error: 'err_password_required' }).min(12, 'err_password_too_short').max(1024, 'err_password_too_long'),
		confirm: z.string().optional()
	})
	.refine((v) => v.confirm === undefined || v.confirm === v.password, { path: ['confirm'], message: 'err_password_mismatch' });

const roleAndInstitution = z.object({
	role: z.enum(ROLES, { error: 'err_role_unknown' }),
	institutionId
});
/** A focal point and a partner always speak for an institution (the database says so too). */
const needsInstitution = (v: { role: string; institutionId?: number }) => !['focal_point', 'partner'].includes(v.role) || v.institutionId !== undefined;
const institutionIssue = { path: ['institutionId'], message: 'err_institution_required' };

export const inviteSchema = roleAndInstitution
	.extend({
		name: personName,
		email: emailSchema,
		locale: localeSchema
	})
	.refine(needsInstitution, institutionIssue);
export type InviteInput = z.infer<typeof inviteSchema>;

export const updateUserSchema = roleAndInstitution.extend({ id, version: id, name: personName }).refine(needsInstitution, institutionIssue);
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** Deactivate, reactivate, reset: the user and the version the administrator saw. */
export const userRefSchema = z.object({ id, version: id });

export const userSearchSchema = z.object({
	q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
	role: z.preprocess(blankToUndefined, z.enum(ROLES).optional().catch(undefined)),
	status: z.preprocess(blankToUndefined, z.enum(['active', 'inactive']).optional().catch(undefined))
});

export const changePasswordSchema = z
	.object({ current: z.string({ error: 'err_password_required' }).min(1, 'err_password_required').max(1024, 'err_password_required') })
	.and(newPasswordSchema);

export const profileLocaleSchema = z.object({ locale: localeSchema });

/** A session on the user's list, named by its id there (the SHA-256 of its token). */
export const endSessionSchema = z.object({ session: z.string().regex(/^[0-9a-f]{64}$/, 'err_session_unknown') });

/** /profile's e-mail checkbox: "on" when ticked, absent when not. */
export const emailNoticesSchema = z.object({ emailNotices: z.enum(['on']).optional() });
