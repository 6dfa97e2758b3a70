import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/client';
import * as notifications from '$lib/server/notifications';
import { authorize } from '$lib/server/auth';
import { formObject } from '$lib/schemas/common';
import { idNumber } from '$lib/schemas/common';
import type { Actions, PageServerLoad } from './$types';

const readSchema = z.object({ id: idNumber });

/** Only the signed-in user's own notices: the user id comes from the session, never from the form. */
export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'self.notifications');
	return { notices: notifications.list(getDb(), user.id) };
};

export const actions: Actions = {
	read: async (event) => {
		const user = authorize(event, 'self.notifications');
		const parsed = readSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return fail(400, { read: { errors: { _form: 'err_invalid' } } });
		notifications.markRead(getDb(), user.id, parsed.data.id);
		return { read: { done: true } };
	},
	readAll: async (event) => {
		const user = authorize(event, 'self.notifications');
		return { readAll: { done: notifications.markAllRead(getDb(), user.id) } };
	}
};
