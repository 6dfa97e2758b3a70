/** Turns a WriteResult into what a form action returns: `fail()` namespaced per form, with the values kept. */
import { error, fail } from '@sveltejs/kit';
import type { WriteResult } from './write-result';

export function failFor<T>(form: string, result: Exclude<WriteResult<T>, { ok: true }>, values: Record<string, string>) {
	switch (result.kind) {
		case 'invalid':
			return fail(400, { [form]: { values, errors: result.errors } });
		case 'conflict':
			return fail(409, { [form]: { values, errors: { _form: 'err_conflict' }, current: result.current } });
		case 'state':
			return fail(409, { [form]: { values, errors: { _form: `err_state_${result.state}` } } });
		case 'forbidden':
			return fail(403, { [form]: { values, errors: { _form: `err_${result.reason}` } } });
		case 'not_found':
			error(404, { message: 'err_not_found' });
	}
}
