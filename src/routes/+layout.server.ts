import type { LayoutServerLoad } from './$types';
import { localDay } from '$lib/domain/calendar';
import { getDb } from '$lib/server/db/client';
import { unreadCount } from '$lib/server/notifications';
import { navigationFor } from '$lib/server/navigation';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	user: locals.user && {
		name: locals.user.name,
		email: locals.user.email,
		role: locals.user.role
	},
	locale: locals.locale,
	// the entries `can` allows this user (the client renders them as they are)
	nav: navigationFor(locals.user),
	// the bell's count: one indexed count (notifications_user_idx), read again on every navigation
	// (reading `url.pathname` makes SvelteKit re-run this load) so it never shows a stale number
	unread: locals.user && url.pathname ? unreadCount(getDb(), locals.user.id) : 0,
	// "Today" comes from the server so derived flags agree between server and browser render; it is
	// the day in Morocco (Africa/Casablanca), where due dates fall, not the server's UTC day.
	today: localDay()
});
