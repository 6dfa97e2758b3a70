import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb, transaction } from '$lib/server/db/client';
import * as mail from '$lib/server/mail';
import * as audit from '$lib/server/audit';
import { authorize } from '$lib/server/auth';
import { formObject, idNumber } from '$lib/schemas/common';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'outbox.manage');
	return { ...mail.outboxStatus(getDb()), mailConfigured: !!process.env.SMTP_URL?.trim() };
};

export const actions: Actions = {
	/** A failed mail gets a fresh series of attempts. */
	retry: async (event) => {
		const admin = authorize(event, 'outbox.manage');
		const parsed = z.object({ id: idNumber }).safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return fail(400, { retry: { errors: { _form: 'err_invalid' } } });
		const db = getDb();
		const row = transaction(db, (tx) => {
			const r = mail.retry(tx, parsed.data.id);
			if (r) audit.record(tx, { userId: admin.id, action: 'retry', entity: 'outbox', entityId: r.id, after: { toEmail: r.toEmail } });
			return r;
		});
		if (!row) error(404, { message: 'err_not_found' });
		return { retry: { done: true } };
	}
};
