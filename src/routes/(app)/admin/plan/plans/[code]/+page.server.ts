import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as planAdmin from '$lib/server/plan-admin';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { planItemRefSchema, planRemoveSchema } from '$lib/schemas/structure';
import { forLocale } from '$lib/server/locale-projection';
import type { Actions, PageServerLoad } from './$types';

const here = (code: string, flag: string) => `/admin/plan/plans/${encodeURIComponent(code)}?${flag}=1`;

export const load: PageServerLoad = (event) => {
	authorize(event, 'plan.manage');
	const db = getDb();
	const plan = planAdmin.getPlan(db, event.params.code);
	if (!plan) error(404, { message: 'err_not_found' });
	return {
		plan,
		usage: planAdmin.usage(db, 'plans', event.params.code),
		// the form's select in the viewer's language only
		choices: forLocale(planAdmin.choices(db, 'plans'), event.locals.locale),
		saved: event.url.searchParams.has('saved')
	};
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
		redirect(303, here(event.params.code, 'saved'));
	},

	// Delete an empty plan, archive one holding reported data: the ticked confirmation is checked again here.
	remove: async (event) => {
		const user = authorize(event, 'plan.manage');
		const raw = formObject(await event.request.formData());
		const parsed = planRemoveSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { remove: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = planAdmin.remove(getDb(), user.id, 'plans', event.params.code, parsed.data.version);
		if (!result.ok) return failFor('remove', result, raw);
		redirect(303, result.value.archived ? here(event.params.code, 'archived') : '/admin/plan?deleted=1');
	},

	restore: async (event) => {
		const user = authorize(event, 'plan.manage');
		const raw = formObject(await event.request.formData());
		const parsed = planItemRefSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { remove: { values: raw, errors: { _form: 'err_invalid' } } });
		const result = planAdmin.restore(getDb(), user.id, 'plans', event.params.code, parsed.data.version);
		if (!result.ok) return failFor('remove', result, raw);
		redirect(303, here(event.params.code, 'saved'));
	}
};
