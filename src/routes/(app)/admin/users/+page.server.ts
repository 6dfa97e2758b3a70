import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as users from '$lib/server/users';
import * as reference from '$lib/server/reference';
import * as mail from '$lib/server/mail';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { inviteSchema, userSearchSchema } from '$lib/schemas/user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'user.manage');
	const db = getDb();
	const filters = userSearchSchema.parse(Object.fromEntries(event.url.searchParams));
	return { filters, users: users.list(db, filters), institutions: reference.activeInstitutionOptions(db) };
};

export const actions: Actions = {
	invite: async (event) => {
		const admin = authorize(event, 'user.manage');
		const raw = formObject(await event.request.formData());
		const parsed = inviteSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { invite: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = users.invite(getDb(), admin.id, parsed.data);
		if (!result.ok) return failFor('invite', result, raw);
		// Shown once, to the administrator who passes it on; only its hash is stored. With mail configured
		// it also goes to the invitee through the outbox, in the language chosen for them.
		const link = `${event.url.origin}/set-password/${result.value.token}`;
		const mailed =
			mail.mailConfigured() &&
			mail.queueLinkMail(
				getDb(),
				{ userId: result.value.id, email: parsed.data.email, name: parsed.data.name, locale: parsed.data.locale },
				'invitation',
				link,
				result.value.expiresAt
			) > 0;
		return {
			invite: { done: true, name: parsed.data.name, email: parsed.data.email, link, mailed, expiresAt: new Date(result.value.expiresAt).toISOString() }
		};
	}
};
