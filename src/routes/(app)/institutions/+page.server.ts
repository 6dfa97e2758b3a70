import { getDb } from '$lib/server/db/client';
import * as reference from '$lib/server/reference';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ institutions: reference.listInstitutions(getDb()) });
