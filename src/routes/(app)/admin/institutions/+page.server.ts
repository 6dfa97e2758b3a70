import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as institutions from '$lib/server/institutions';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { institutionSchema } from '$lib/schemas/institution';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'institution.manage');
	return { institutions: institutions.list(getDb()) };
};

export const actions: Actions = {
	create: async (event) => {
		const admin = authorize(event, 'institution.manage');
		const raw = formObject(await event.request.formData());
		const parsed = institutionSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { create: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = institutions.create(getDb(), admin.id, parsed.data);
		if (!result.ok) return failFor('create', result, raw);
		redirect(303, `/admin/institutions/${encodeURIComponent(result.value.code)}?saved=1`);
	}
};
