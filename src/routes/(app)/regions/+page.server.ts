import { getDb } from '$lib/server/db/client';
import * as reference from '$lib/server/reference';
import { forLocale } from '$lib/server/locale-projection';
import { withSources } from '$lib/server/cited-sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) =>
	forLocale({ regions: reference.listRegions(getDb()).map((r) => ({ ...r, region: withSources(r.region) })) }, locals.locale);
