import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { authorize } from '$lib/server/auth';
import { can } from '$lib/server/auth/permissions';
import { failFor } from '$lib/server/form-result';
import * as fundingView from '$lib/server/funding';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { exchangeRateSchema, fundingYear } from '$lib/schemas/partner-project';
import { parseRateMicro } from '$lib/domain/money';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'funding.read');
	const { today } = await event.parent();
	const year = fundingYear(event.url.searchParams.get('year'), Number(today.slice(0, 4)));
	const gapsPage = Number(event.url.searchParams.get('gp') ?? 1);
	return { ...fundingView.funding(getDb(), year, gapsPage), mayManageRates: can(user, 'exchange_rate.manage') };
};

export const actions: Actions = {
	rate: async (event) => {
		const user = authorize(event, 'exchange_rate.manage');
		const raw = formObject(await event.request.formData());
		const parsed = exchangeRateSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { rate: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = fundingView.setRate(getDb(), user.id, {
			year: parsed.data.year,
			currency: parsed.data.currency,
			madPerUnitMicro: parseRateMicro(parsed.data.rate)!,
			version: parsed.data.version
		});
		if (!result.ok) return failFor('rate', result, raw);
		return { rate: { done: `${result.value.currency} ${result.value.year}` } };
	}
};
