/** Authentication and authorization: sessions, password hashing, throttling and the permission check. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Target } from './permissions';

export * from './permissions';
export * from './session';
export { hashPassword, verifyPassword } from './password';

/**
 * Called first in every form action and endpoint: 401 when signed out, 403 when the rules refuse.
 * Returns the user so the caller has it typed as present.
 */
export function authorize(event: Pick<RequestEvent, 'locals'>, action: Action, target?: Target) {
	const user = event.locals.user;
	if (!user) error(401, 'unauthenticated');
	if (!can(user, action, target)) error(403, 'forbidden');
	return user;
}
