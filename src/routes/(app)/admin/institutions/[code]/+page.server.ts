import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as institutions from '$lib/server/institutions';
import * as reference from '$lib/server/reference';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { institutionRefSchema, institutionUpdateSchema, mergeSchema } from '$lib/schemas/institution';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'institution.manage');
	const db = getDb();
	const institution = institutions.getByCode(db, event.params.code);
	if (!institution) error(404, { message: 'err_not_found' });
	return { institution, usage: institutions.usage(db, institution.id), others: reference.activeInstitutionOptions(db).filter((i) => i.id !== institution.id) };
};

async function input(event: { request: Request }) {
	return formObject(await event.request.formData());
}

export const actions: Actions = {
	update: async (event) => {
		const admin = authorize(event, 'institution.manage');
		const raw = await input(event);
		const parsed = institutionUpdateSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { update: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = institutions.update(getDb(), admin.id, event.params.code, parsed.data);
		if (!result.ok) return failFor('update', result, raw);
		redirect(303, `/admin/institutions/${encodeURIComponent(result.value.code)}?saved=1`);
	},
	merge: async (event) => {
		const admin = authorize(event, 'institution.manage');
		const raw = await input(event);
		const parsed = mergeSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { merge: { values: raw, errors: fieldErrors(parsed.error) } });
		if (raw.confirm !== 'yes') return fail(400, { merge: { values: raw, errors: { confirm: 'err_confirm_required' } } });
		const result = institutions.merge(getDb(), admin.id, event.params.code, parsed.data);
		if (!result.ok) return failFor('merge', result, raw);
		redirect(303, `/admin/institutions/${encodeURIComponent(result.value.into)}?merged=${encodeURIComponent(event.params.code)}`);
	},
	deactivate: async (event) => {
		const admin = authorize(event, 'institution.manage');
		const raw = await input(event);
		const parsed = institutionRefSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { deactivate: { values: raw, errors: fieldErrors(parsed.error) } });
		if (raw.confirm !== 'yes') return fail(400, { deactivate: { values: raw, errors: { confirm: 'err_confirm_required' } } });
		const result = institutions.setActive(getDb(), admin.id, event.params.code, parsed.data, false);
		if (!result.ok) return failFor('deactivate', result, raw);
		return { deactivate: { done: true } };
	},
	reactivate: async (event) => {
		const admin = authorize(event, 'institution.manage');
		const raw = await input(event);
		const parsed = institutionRefSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { reactivate: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = institutions.setActive(getDb(), admin.id, event.params.code, parsed.data, true);
		if (!result.ok) return failFor('reactivate', result, raw);
		return { reactivate: { done: true } };
	}
};
