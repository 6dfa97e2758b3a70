import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user && {
		name: locals.user.name,
		email: locals.user.email,
		role: locals.user.role
	},
	locale: locals.locale,
	// "Today" comes from the server so derived flags agree between server and browser render.
	today: new Date().toISOString().slice(0, 10)
});
