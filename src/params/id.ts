import type { ParamMatcher } from '@sveltejs/kit';

/**
 * `[id=id]`: a row id as the app writes it in its links, a positive integer without sign, leading
 * zero or exponent (`12`, not `012`, `1e2` or `-1`). Anything else is SvelteKit's 404 before a load runs.
 */
export const match = ((param: string) => /^[1-9][0-9]{0,15}$/.test(param) && Number.isSafeInteger(Number(param))) satisfies ParamMatcher;
