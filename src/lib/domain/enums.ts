/** The closed vocabularies of the domain, shared by the schema's CHECK constraints, zod and the UI. */

export const LOCALES = ['fr', 'ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['admin', 'commission', 'focal_point', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Statuses a focal point sets on a measure. Overdue, at risk and stale are derived, never stored. */
export const MEASURE_STATUSES = ['planned', 'in_progress', 'completed', 'suspended', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** The life of anything a focal point reports: drafted, submitted, then validated or returned. */
export const WORKFLOW_STATES = ['draft', 'submitted', 'validated', 'returned'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const INSTITUTION_KINDS = ['ministry', 'security', 'judiciary', 'public_body', 'nhri', 'ngo', 'international_partner'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** The 3P+P pillars, plus governance for the plan's coordination work. */
export const PILLARS = ['prevention', 'protection', 'prosecution', 'partnership', 'governance'] as const;
export type Pillar = (typeof PILLARS)[number];

export const PLAN_KINDS = ['national_plan', 'action_plan', 'priority_plan'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const INDICATOR_KINDS = ['count', 'percent', 'amount', 'boolean'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How often an indicator is reported; `tip_year` runs 1 April – 31 March. */
export const FREQUENCIES = ['annual', 'semester', 'quarter', 'tip_year'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const DIMENSIONS = ['region', 'sex', 'age_group', 'exploitation', 'nationality'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const SEXES = ['female', 'male'] as const;
/** Law 27.14: a child is a person under 18. */
export const AGE_GROUPS = ['child', 'adult'] as const;
/** The forms of exploitation UNODC's Global Report on Trafficking in Persons groups victims by. */
export const EXPLOITATION_FORMS = ['sexual', 'forced_labour', 'begging', 'domestic_servitude', 'forced_criminality', 'other'] as const;
/** Nationality of a victim: Moroccan or foreign; a foreign victim's country, where known, is an ISO 3166-1 alpha-2 code. */
export const NATIONALITIES = ['moroccan', 'foreign'] as const;

export const ROLLOUT_STAGES = ['not_started', 'preparation', 'pilot', 'operational'] as const;
export type RolloutStage = (typeof ROLLOUT_STAGES)[number];

export const TEXT_STATUSES = ['verbatim_complete', 'verbatim_truncated', 'not_retrieved'] as const;

export const VISIBILITIES = ['public', 'restricted'] as const;

/** The levels of the plan's structure the editor edits one item of (`/admin/plan/[level]/[code]`). */
export const PLAN_LEVELS = ['axes', 'objectives', 'measures', 'indicators'] as const;
export type PlanLevel = (typeof PLAN_LEVELS)[number];

/** What a spreadsheet import brings in: indicator values, or the plan's structure. */
export const IMPORT_KINDS = ['values', 'structure'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
