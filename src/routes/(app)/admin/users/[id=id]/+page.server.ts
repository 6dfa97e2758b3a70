import { error, fail } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db/client';
import * as users from '$lib/server/users';
import * as mail from '$lib/server/mail';
import * as reference from '$lib/server/reference';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { sessions } from '$lib/server/db/schema';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { updateUserSchema, userRefSchema } from '$lib/schemas/user';
import type { WriteResult } from '$lib/server/write-result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'user.manage');
	const db = getDb();
	const id = Number(event.params.id);
	const account = Number.isInteger(id) ? users.get(db, id) : undefined;
	if (!account) error(404, { message: 'err_not_found' });
	// Said before the administrator confirms: how many open sessions a deactivation or reset ends.
	const openSessions = db.select({ n: count() }).from(sessions).where(eq(sessions.userId, id)).get()!.n;
	return { account, openSessions, institutions: reference.activeInstitutionOptions(db) };
};

type Guarded<T> = WriteResult<T> | { ok: false; kind: 'last_admin' };
function refused<T>(form: string, result: Exclude<Guarded<T>, { ok: true }>, values: Record<string, string>) {
	if (result.kind === 'last_admin') return fail(409, { [form]: { values, errors: { _form: 'err_last_admin' } } });
	return failFor(form, result, values);
}

/** A destructive step carries the confirmation box the page shows with what it affects. */
function confirmed(raw: Record<string, string>) {
	return raw.confirm === 'yes';
}

export const actions: Actions = {
	update: async (event) => {
		const admin = authorize(event, 'user.manage');
		const raw = { ...formObject(await event.request.formData()), id: event.params.id };
		const parsed = updateUserSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { update: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = users.update(getDb(), admin.id, parsed.data);
		if (!result.ok) return refused('update', result, raw);
		return { update: { done: true } };
	},
	deactivate: async (event) => {
		const admin = authorize(event, 'user.manage');
		const raw = { ...formObject(await event.request.formData()), id: event.params.id };
		const parsed = userRefSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { deactivate: { values: raw, errors: fieldErrors(parsed.error) } });
		if (!confirmed(raw)) return fail(400, { deactivate: { values: raw, errors: { confirm: 'err_confirm_required' } } });
		const result = users.deactivate(getDb(), admin.id, parsed.data);
		if (!result.ok) return refused('deactivate', result, raw);
		return { deactivate: { done: true, sessionsEnded: result.value.sessionsEnded } };
	},
	reactivate: async (event) => {
		const admin = authorize(event, 'user.manage');
		const raw = { ...formObject(await event.request.formData()), id: event.params.id };
		const parsed = userRefSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { reactivate: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = users.reactivate(getDb(), admin.id, parsed.data);
		if (!result.ok) return failFor('reactivate', result, raw);
		return { reactivate: { done: true } };
	},
	reset: async (event) => {
		const admin = authorize(event, 'user.manage');
		const raw = { ...formObject(await event.request.formData()), id: event.params.id };
		const parsed = userRefSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { reset: { values: raw, errors: fieldErrors(parsed.error) } });
		if (!confirmed(raw)) return fail(400, { reset: { values: raw, errors: { confirm: 'err_confirm_required' } } });
		const result = users.resetPassword(getDb(), admin.id, parsed.data);
		if (!result.ok) return failFor('reset', result, raw);
		const link = `${event.url.origin}/set-password/${result.value.token}`;
		// With mail configured the link also goes to the account's owner, in their language.
		const account = mail.mailConfigured() ? users.get(getDb(), parsed.data.id) : undefined;
		if (account)
			mail.queueLinkMail(
				getDb(),
				{ userId: account.id, email: account.email, name: account.name, locale: account.locale },
				'reset',
				link,
				result.value.expiresAt
			);
		return { reset: { done: true, sessionsEnded: result.value.sessionsEnded, link, expiresAt: new Date(result.value.expiresAt).toISOString() } };
	}
};
