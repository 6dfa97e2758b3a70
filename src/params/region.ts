import type { ParamMatcher } from '@sveltejs/kit';
import { isRegionCode } from '$lib/domain/region';

/** `[iso=region]`: one of the twelve region codes, MA-01 … MA-12 (`$lib/domain/region`). */
export const match = ((param: string) => isRegionCode(param)) satisfies ParamMatcher;
