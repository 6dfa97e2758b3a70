import { getDb } from '$lib/server/db/client';
import * as recommendations from '$lib/server/recommendations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ recommendations: recommendations.listRecommendations(getDb()) });
