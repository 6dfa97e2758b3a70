// Shared by the Vite plugin and the test setup, so both compile the messages the same way.
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// The locale lives in a cookie (set from the user's stored preference at sign-in); URLs stay the
	// same in every language so a shared link works for everyone.
	strategy: ['cookie', 'baseLocale'],
	cookieName: 'rasd_locale'
};
