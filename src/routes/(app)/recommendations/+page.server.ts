import { z } from 'zod';
import { getDb } from '$lib/server/db/client';
import * as recommendations from '$lib/server/recommendations';
import { PILLARS } from '$lib/domain/enums';
import { forLocale } from '$lib/server/locale-projection';
import type { PageServerLoad } from './$types';

// An unknown pillar in the URL lists them all rather than failing.
const filtersSchema = z.object({ pillar: z.enum(PILLARS).optional().catch(undefined) });

export const load: PageServerLoad = ({ url, locals }) => {
	const { pillar } = filtersSchema.parse(Object.fromEntries(url.searchParams));
	return forLocale({ pillar: pillar ?? null, recommendations: recommendations.listRecommendations(getDb(), { pillar }) }, locals.locale);
};
