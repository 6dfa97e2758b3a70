import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { authorize } from '$lib/server/auth';
import { can } from '$lib/server/auth/permissions';
import * as projects from '$lib/server/partner-projects';
import { deleteProject, formChoices, saveProject } from '$lib/server/partner-project-forms';
import { withSources } from '$lib/server/cited-sources';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = authorize(event, 'plan.read');
	const project = projects.get(getDb(), event.params.code);
	if (!project) error(404, { message: 'err_not_found' });
	const mayEdit = can(user, 'partner_project.manage', { partnerInstitutionId: project.partnerInstitutionId });
	return { project: withSources(project), mayEdit, saved: event.url.searchParams.has('saved'), choices: mayEdit ? formChoices(user) : null };
};

export const actions: Actions = {
	save: (event) => saveProject(event, 'save'),
	delete: (event) => deleteProject(event, event.params.code)
};
