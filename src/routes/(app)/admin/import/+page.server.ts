import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as imports from '$lib/server/imports';
import * as structure from '$lib/server/structure-import';
import { authorize } from '$lib/server/auth';
import { fieldErrors, fileNameSchema, formObject } from '$lib/schemas/common';
import { importApplySchema, importUploadSchema, type ImportKind } from '$lib/schemas/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'plan.import');
	const runs = imports.listRuns(getDb());
	const runId = Number(event.url.searchParams.get('run'));
	return { kinds: ['values', 'structure'] as ImportKind[], runs, applied: runs.find((r) => r.id === runId) ?? null, maxMb: imports.MAX_IMPORT_BYTES / 1048576 };
};

function check(kind: ImportKind, bytes: Buffer, fileName: string, publicRecord: boolean) {
	return kind === 'structure' ? structure.checkStructure(getDb(), bytes, fileName) : imports.checkValues(getDb(), bytes, fileName, { publicRecord });
}

export const actions: Actions = {
	check: async (event) => {
		authorize(event, 'plan.import');
		const data = await event.request.formData();
		const raw = formObject(data);
		const parsed = importUploadSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { upload: { values: raw, errors: fieldErrors(parsed.error) } });
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { upload: { values: raw, errors: { file: 'err_import_no_file' } } });
		// Refused before reading it into memory.
		if (file.size > imports.MAX_IMPORT_BYTES) return fail(400, { upload: { values: raw, errors: { file: 'err_import_too_large' } } });
		const bytes = Buffer.from(await file.arrayBuffer());
		const fileName = fileNameSchema.parse(file.name);
		const { summary } = await check(parsed.data.kind, bytes, fileName, parsed.data.publicRecord);
		if (summary.ok) imports.keepPending(bytes);
		return { dry: { ...summary, kind: parsed.data.kind, publicRecord: parsed.data.publicRecord, fileName } };
	},

	apply: async (event) => {
		const admin = authorize(event, 'plan.import');
		const raw = formObject(await event.request.formData());
		const parsed = importApplySchema.safeParse(raw);
		if (!parsed.success) return fail(400, { upload: { values: {}, errors: { _form: 'err_import_expired' } } });
		const { kind, publicRecord, fileName, hash } = parsed.data;
		const bytes = imports.readPending(hash);
		if (!bytes) return fail(400, { upload: { values: { kind }, errors: { _form: 'err_import_expired' } } });
		// Checked again: the data may have changed since the dry run.
		const { summary, plan } = await check(kind, bytes, fileName, publicRecord);
		const seen = `${raw.create}/${raw.update}/${raw.unchanged}`;
		const now = `${summary.counts.create}/${summary.counts.update}/${summary.counts.unchanged}`;
		if (!summary.ok || !plan || seen !== now) return fail(409, { dry: { ...summary, kind, publicRecord, fileName, changed: true } });
		const result =
			kind === 'structure'
				? structure.applyStructure(getDb(), admin.id, plan as structure.StructureDryRun, { fileName })
				: imports.applyValues(getDb(), admin.id, plan as imports.DryRun, { fileName, publicRecord });
		if (!result.ok) return fail(409, { dry: { ...summary, kind, publicRecord, fileName, changed: true } });
		imports.dropPending(hash);
		redirect(303, `/admin/import?run=${result.runId}`);
	}
};
