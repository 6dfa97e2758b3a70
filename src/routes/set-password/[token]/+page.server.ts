import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as users from '$lib/server/users';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { newPasswordSchema } from '$lib/schemas/user';
import type { Actions, PageServerLoad } from './$types';

/** Public: the link itself is the credential. Unknown, used and expired links all read the same. */
export const load: PageServerLoad = ({ params }) => {
	const link = users.passwordLink(getDb(), params.token);
	return { link: link && { name: link.name, email: link.email, purpose: link.purpose } };
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const raw = formObject(await request.formData());
		const parsed = newPasswordSchema.safeParse({ password: raw.password, confirm: raw.confirm ?? '' });
		// Passwords are never sent back to the page.
		if (!parsed.success) return fail(400, { setPassword: { errors: fieldErrors(parsed.error) } });
		const result = await users.setPasswordWithLink(getDb(), params.token, parsed.data.password);
		if (!result.ok) return fail(410, { setPassword: { errors: { _form: 'err_link_invalid' } } });
		return { setPassword: { done: true, email: result.email } };
	}
};
