import type { ParamMatcher } from '@sveltejs/kit';
import { PLAN_LEVELS, type PlanLevel } from '$lib/domain/enums';

/** `[level=level]`: a level of the plan's structure the editor opens an item of (axes, objectives, measures, indicators). */
export const match = ((param: string): param is PlanLevel => (PLAN_LEVELS as readonly string[]).includes(param)) satisfies ParamMatcher;
