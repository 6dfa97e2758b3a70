import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as periods from '$lib/server/reporting-periods';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { closePeriodSchema, openPeriodSchema } from '$lib/schemas/periods';
import { localDay } from '$lib/domain/calendar';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, 'period.manage');
	const { today } = await event.parent();
	return { periods: periods.list(getDb()), current: periods.current(getDb(), today) };
};

export const actions: Actions = {
	open: async (event) => {
		const user = authorize(event, 'period.manage');
		const raw = formObject(await event.request.formData());
		const parsed = openPeriodSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { open: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = periods.open(getDb(), user.id, parsed.data, localDay());
		if (!result.ok) return failFor('open', result, raw);
		return { open: { done: result.value.code } };
	},
	close: async (event) => {
		const user = authorize(event, 'period.manage');
		const raw = formObject(await event.request.formData());
		const parsed = closePeriodSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { close: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = periods.close(getDb(), user.id, parsed.data);
		if (!result.ok) return failFor('close', result, raw);
		return { close: { done: result.value.code } };
	}
};
