import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as planAdmin from '$lib/server/plan-admin';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'plan.manage');
	const db = getDb();
	const level = event.url.searchParams.get('new');
	return {
		tree: planAdmin.tree(db),
		choices: planAdmin.choices(db),
		newLevel: level && planAdmin.isLevel(level) ? level : null,
		parent: event.url.searchParams.get('parent') ?? ''
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = authorize(event, 'plan.manage');
		const fields = planAdmin.fieldsOf(await event.request.formData());
		const level = fields.level ?? '';
		if (!planAdmin.isLevel(level)) error(400, { message: 'err_invalid' });
		const result = planAdmin.save(getDb(), user.id, level, fields);
		if (!result.ok) return failFor('create', result, fields);
		redirect(303, `/admin/plan/${level}/${encodeURIComponent(result.value.code)}?saved=1`);
	}
};
