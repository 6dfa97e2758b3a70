import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as planAdmin from '$lib/server/plan-admin';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { formObject } from '$lib/schemas/common';
import { planItemRefSchema } from '$lib/schemas/structure';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'plan.manage');
	const db = getDb();
	const plan = planAdmin.getPlan(db, event.params.code);
	if (!plan) error(404, { message: 'err_not_found' });
	return { plan, choices: planAdmin.choices(db), saved: event.url.searchParams.has('saved') };
};

export const actions: Actions = {
	save: async (event) => {
		const user = authorize(event, 'plan.manage');
		const fields = formObject(await event.request.formData());
		const ref = planItemRefSchema.safeParse(fields);
		if (!ref.success) return fail(400, { save: { values: fields, errors: { _form: 'err_invalid' } } });
		// The code is the plan's identity: the form shows it read-only.
		const result = planAdmin.savePlan(getDb(), user.id, { ...fields, code: event.params.code }, ref.data.version, event.locals.locale);
		if (!result.ok) return failFor('save', result, fields);
		redirect(303, `/admin/plan/plans/${encodeURIComponent(event.params.code)}?saved=1`);
	}
};
