import { getDb } from '$lib/server/db/client';
import * as plan from '$lib/server/plan';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ plans: plan.listPlans(getDb()), archived: plan.listArchivedPlans(getDb()) });
