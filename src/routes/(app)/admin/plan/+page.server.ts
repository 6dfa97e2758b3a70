import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as planAdmin from '$lib/server/plan-admin';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { formObject } from '$lib/schemas/common';
import { planReorderSchema } from '$lib/schemas/structure';
import { forLocale } from '$lib/server/locale-projection';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'plan.manage');
	const db = getDb();
	const level = event.url.searchParams.get('new');
	const newLevel = level && (planAdmin.isLevel(level) || level === 'plans') ? level : null;
	return {
		// the tree and the form's lists read in the viewer's language only (no field here edits three)
		tree: forLocale(planAdmin.tree(db, event.url.searchParams.get('o')), event.locals.locale),
		// the lists of the new-item form only with that form, and only those its level shows (every measure,
		// at national scale, is 1 MB of options: past MEASURE_SELECT_MAX an indicator's measure is a code input)
		choices: newLevel ? forLocale(planAdmin.choices(db, newLevel), event.locals.locale) : null,
		newLevel,
		parent: event.url.searchParams.get('parent') ?? ''
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = authorize(event, 'plan.manage');
		const fields = planAdmin.fieldsOf(await event.request.formData());
		const level = fields.level ?? '';
		if (level === 'plans') {
			const result = planAdmin.savePlan(getDb(), user.id, fields, undefined, event.locals.locale);
			if (!result.ok) return failFor('create', result, fields);
			redirect(303, `/admin/plan/plans/${encodeURIComponent(result.value.code)}?saved=1`);
		}
		if (!planAdmin.isLevel(level)) error(400, { message: 'err_invalid' });
		const result = planAdmin.save(getDb(), user.id, level, fields, undefined, event.locals.locale);
		if (!result.ok) return failFor('create', result, fields);
		redirect(303, `/admin/plan/${level}/${encodeURIComponent(result.value.code)}?saved=1`);
	},

	// Move up / down: a plain form per button, so it works without JavaScript; back to the item in the tree.
	reorder: async (event) => {
		const user = authorize(event, 'plan.manage');
		const raw = formObject(await event.request.formData());
		const parsed = planReorderSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { reorder: { values: raw, errors: { _form: 'err_invalid' } } });
		const { level, code, ...input } = parsed.data;
		const result = planAdmin.reorder(getDb(), user.id, level, code, input);
		if (!result.ok) return failFor('reorder', result, raw);
		// a measure's objective stays open in a large tree, so the moved measure is in view
		const objective = level === 'measures' ? planAdmin.objectiveOf(getDb(), code) : null;
		const open = objective ? `&o=${encodeURIComponent(objective)}` : '';
		redirect(303, `/admin/plan?${result.value.moved ? 'reordered=1' : 'unmoved=1'}${open}#${level}-${encodeURIComponent(code)}`);
	}
};
