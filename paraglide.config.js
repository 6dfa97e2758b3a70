// Shared by the Vite plugin and the test setup, so both compile the messages the same way.
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// The locale lives in a cookie (set from the user's stored preference at sign-in); URLs stay the
	// same in every language so a shared link works for everyone. With no cookie yet, the browser's
	// languages decide (Accept-Language: ar-MA → ar), then French; hooks.server.ts keeps that choice
	// in the cookie.
	strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'rasd_locale'
};
