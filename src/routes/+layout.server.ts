import type { LayoutServerLoad } from './$types';
import { localDay } from '$lib/domain/calendar';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user && {
		name: locals.user.name,
		email: locals.user.email,
		role: locals.user.role
	},
	locale: locals.locale,
	// "Today" comes from the server so derived flags agree between server and browser render; it is
	// the day in Morocco (Africa/Casablanca), where due dates fall, not the server's UTC day.
	today: localDay()
});
