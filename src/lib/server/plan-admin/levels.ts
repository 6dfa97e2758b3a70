/** The levels of the plan editor: what it edits, removes and reorders, and the tables they live in. */
import { type StructureSheet } from '../../schemas/structure';
import { PLAN_LEVELS } from '../../domain/enums';

export type Level = StructureSheet;
/** What the editor removes and restores: a plan or an item of its structure. */
export type Removable = Level | 'plans';
export const TABLE: Record<Removable, string> = { plans: 'plans', axes: 'axes', objectives: 'objectives', measures: 'measures', indicators: 'indicators' };
export const ENTITY: Record<Removable, string> = { plans: 'plan', axes: 'axis', objectives: 'objective', measures: 'measure', indicators: 'indicator' };

/** The levels an editor reorders, each with the column naming the parent its items are ordered within (plans: all in one list). */
export const ORDERED = { plans: null, axes: 'plan_id', objectives: 'axis_id', measures: 'objective_id', indicators: 'measure_id' } as const;
export type OrderedLevel = keyof typeof ORDERED;
export const isOrderedLevel = (v: string): v is OrderedLevel => v in ORDERED;

export const LEVELS = PLAN_LEVELS satisfies readonly Level[];
export const isLevel = (v: string): v is Level => (LEVELS as readonly string[]).includes(v);
