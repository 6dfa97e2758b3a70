import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as planAdmin from '$lib/server/plan-admin';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { formObject } from '$lib/schemas/common';
import { planIndicatorReorderSchema, planItemRefSchema, planMoveSchema, planLinkSchema, planRemoveSchema } from '$lib/schemas/structure';
import { fieldErrors } from '$lib/schemas/common';
import { forLocale } from '$lib/server/locale-projection';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** `[level=level]`: the route's matcher (src/params/level.ts) lets only a level of the structure through. */
const levelOf = (event: Pick<RequestEvent, 'params'>) => event.params.level;
const here = (level: string, code: string, flag: string) => `/admin/plan/${level}/${encodeURIComponent(code)}?${flag}=1`;

export const load: PageServerLoad = (event) => {
	authorize(event, 'plan.manage');
	const db = getDb();
	const level = levelOf(event);
	const item = planAdmin.get(db, level, event.params.code);
	if (!item) error(404, { message: 'err_not_found' });
	return {
		level,
		item,
		usage: planAdmin.usage(db, level, event.params.code),
		formerCodes: level === 'measures' ? planAdmin.formerCodes(db, item.id) : [],
		indicators: level === 'measures' ? planAdmin.indicatorsOf(db, item.id) : [],
		// the lists this level's form shows, in the viewer's language only (an indicator's 5,000 measures: a code input)
		choices: forLocale(planAdmin.choices(db, level), event.locals.locale),
		saved: event.url.searchParams.has('saved'),
		removed: event.url.searchParams.has('archived')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = authorize(event, 'plan.manage');
		const level = levelOf(event);
		const fields = planAdmin.fieldsOf(await event.request.formData());
		const ref = planItemRefSchema.safeParse(fields);
		if (!ref.success) return fail(400, { save: { values: fields, errors: { _form: 'err_invalid' } } });
		// The code is the item's identity: it changes only by a move.
		const result = planAdmin.save(getDb(), user.id, level, { ...fields, code: event.params.code }, ref.data.version, event.locals.locale);
		if (!result.ok) return failFor('save', result, fields);
		redirect(303, here(level, event.params.code, 'saved'));
	},

	move: async (event) => {
		const user = authorize(event, 'plan.manage');
		if (levelOf(event) !== 'measures') error(404, { message: 'err_not_found' });
		const raw = formObject(await event.request.formData());
		const parsed = planMoveSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { move: { values: raw, errors: { newCode: 'err_code_invalid' } } });
		const result = planAdmin.move(getDb(), user.id, event.params.code, parsed.data);
		if (!result.ok) return failFor('move', result, raw);
		redirect(303, here('measures', result.value.code, 'saved'));
	},

	// Move one of the measure's indicators up / down: a plain form per button (no JavaScript needed), back to the list.
	reorder: async (event) => {
		const user = authorize(event, 'plan.manage');
		if (levelOf(event) !== 'measures') error(404, { message: 'err_not_found' });
		const raw = formObject(await event.request.formData());
		const parsed = planIndicatorReorderSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { reorder: { values: raw, errors: { _form: 'err_invalid' } } });
		const { code, ...input } = parsed.data;
		const result = planAdmin.reorderIndicator(getDb(), user.id, event.params.code, code, input);
		if (!result.ok) return failFor('reorder', result, raw);
		redirect(303, `${here('measures', event.params.code, result.value.moved ? 'reordered' : 'unmoved')}#indicators-${encodeURIComponent(code)}`);
	},

	link: async (event) => {
		const user = authorize(event, 'plan.manage');
		if (levelOf(event) !== 'measures') error(404, { message: 'err_not_found' });
		const raw = formObject(await event.request.formData());
		const parsed = planLinkSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { link: { values: raw, errors: { recommendation: 'err_import_unknown_recommendation' } } });
		const result = planAdmin.setRecommendation(getDb(), user.id, event.params.code, parsed.data.recommendation, parsed.data.linked);
		if (!result.ok) return failFor('link', result, raw);
		redirect(303, here('measures', event.params.code, 'saved'));
	},

	remove: async (event) => {
		const user = authorize(event, 'plan.manage');
		const level = levelOf(event);
		const raw = formObject(await event.request.formData());
		const parsed = planRemoveSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { remove: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = planAdmin.remove(getDb(), user.id, level, event.params.code, parsed.data.version);
		if (!result.ok) return failFor('remove', result, raw);
		redirect(303, result.value.archived ? here(level, event.params.code, 'archived') : '/admin/plan?deleted=1');
	},

	restore: async (event) => {
		const user = authorize(event, 'plan.manage');
		const level = levelOf(event);
		const raw = formObject(await event.request.formData());
		const parsed = planItemRefSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { remove: { values: raw, errors: { _form: 'err_invalid' } } });
		const result = planAdmin.restore(getDb(), user.id, level, event.params.code, parsed.data.version);
		if (!result.ok) return failFor('remove', result, raw);
		redirect(303, here(level, event.params.code, 'saved'));
	}
};
