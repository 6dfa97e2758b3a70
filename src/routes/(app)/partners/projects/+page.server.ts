import { getDb } from '$lib/server/db/client';
import { authorize } from '$lib/server/auth';
import * as projects from '$lib/server/partner-projects';
import { formChoices, mayRecord, saveProject } from '$lib/server/partner-project-forms';
import { can } from '$lib/server/auth/permissions';
import { withSources } from '$lib/server/cited-sources';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'plan.read');
	return {
		projects: projects.list(getDb()).map(withSources),
		deleted: event.url.searchParams.get('deleted'),
		mayRecord: mayRecord(user),
		mayReadFunding: can(user, 'funding.read'),
		ownInstitutionId: user.role === 'partner' ? user.institutionId : null,
		anyPartner: can(user, 'partner_project.manage', { partnerInstitutionId: -1 }),
		choices: mayRecord(user) ? formChoices(user) : null
	};
};

export const actions: Actions = {
	create: (event) => saveProject(event, 'create')
};
