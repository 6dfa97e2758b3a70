/** The form actions of the project pages: one path for recording and editing. */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from './db/client';
import { authorize } from './auth';
import { can, type Actor } from './auth/permissions';
import { failFor } from './form-result';
import * as projects from './partner-projects';
import { fieldErrors } from '../schemas/common';
import { deleteProjectSchema, partnerProjectSchema, projectFormObject } from '../schemas/partner-project';

/** Who may open the form at all: the commission and the admin, and any partner (for its own projects). */
export function mayRecord(actor: Actor | null | undefined): boolean {
	return (
		!!actor &&
		(can(actor, 'partner_project.manage', { partnerInstitutionId: -1 }) ||
			(actor.institutionId != null && can(actor, 'partner_project.manage', { partnerInstitutionId: actor.institutionId })))
	);
}

/** The form's choices: a partner sees only its own organisation as the carrying partner. */
export function formChoices(actor: Actor | null | undefined) {
	const db = getDb();
	const all = projects.institutionChoices(db);
	const own = actor && !can(actor, 'partner_project.manage', { partnerInstitutionId: -1 });
	return { institutions: all, partners: own ? all.filter((i) => i.id === actor.institutionId) : all, regions: projects.regionChoices(db) };
}

export async function saveProject(event: RequestEvent, form: string) {
	const user = event.locals.user;
	// The gate: signed in and allowed to record projects at all (the partner's own organisation is checked on the row).
	if (!mayRecord(user)) authorize(event, 'partner_project.manage', { partnerInstitutionId: -1 });
	const data = await event.request.formData();
	const raw = projectFormObject(data);
	const values = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
	values.regions = (raw.regions as string[]).join(',');
	const parsed = partnerProjectSchema.safeParse(raw);
	if (!parsed.success) return fail(400, { [form]: { values, errors: fieldErrors(parsed.error) } });
	const result = projects.save(getDb(), user!, parsed.data);
	if (!result.ok) {
		if (result.kind === 'forbidden') return fail(403, { [form]: { values, errors: { _form: `err_${result.reason}` } } });
		return failFor(form, result, values);
	}
	redirect(303, `/partners/projects/${encodeURIComponent(result.value.code)}?saved=1`);
}

/** The delete action of a project's page: the box must be ticked (the confirmation works without JavaScript). */
export async function deleteProject(event: RequestEvent, code: string) {
	const user = event.locals.user;
	if (!mayRecord(user)) authorize(event, 'partner_project.manage', { partnerInstitutionId: -1 });
	const values = Object.fromEntries([...(await event.request.formData())].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
	const parsed = deleteProjectSchema.safeParse(values);
	if (!parsed.success) return fail(400, { delete: { values, errors: fieldErrors(parsed.error) } });
	const result = projects.remove(getDb(), user!, { code, version: parsed.data.version });
	if (!result.ok) return failFor('delete', result, values);
	redirect(303, `/partners/projects?deleted=${encodeURIComponent(code)}`);
}
