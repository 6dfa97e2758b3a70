/**
 * The labels of the app's enumerations, each message named once (`m.status_planned`), so the bundler
 * keeps in a page only the messages it shows. (A key built at run time, `m[`status_${s}`]`, made
 * it keep every message of every language on every page.) An enum value typed as such reads its map
 * directly (`STATUS[s]()`); a value read from a text column goes through `label`, which shows an
 * unknown value as itself. tests/unit/message-keys.test.ts checks each map against its enum.
 */
import { m } from './paraglide/messages';
import type {
	Dimension,
	Direction,
	Frequency,
	IndicatorKind,
	InstitutionKind,
	Locale,
	MeasureStatus,
	Pillar,
	PlanKind,
	Role,
	RolloutStage,
	WorkflowState
} from './domain/enums';
import type { PROJECT_STATUSES } from './domain/money';

type Labels<K extends string> = Readonly<Record<K, () => string>>;

/** The label of `value` in `labels`, or the value itself when it has none (a text column holding something unexpected). */
export function label(labels: Readonly<Record<string, () => string>>, value: string): string {
	return Object.hasOwn(labels, value) ? labels[value]!() : value;
}

export const STATUS = {
	planned: m.status_planned,
	in_progress: m.status_in_progress,
	completed: m.status_completed,
	suspended: m.status_suspended,
	cancelled: m.status_cancelled
} as const satisfies Labels<MeasureStatus>;

export const STATE = {
	draft: m.state_draft,
	submitted: m.state_submitted,
	validated: m.state_validated,
	returned: m.state_returned
} as const satisfies Labels<WorkflowState>;

export const PILLAR = {
	prevention: m.pillar_prevention,
	protection: m.pillar_protection,
	prosecution: m.pillar_prosecution,
	partnership: m.pillar_partnership,
	governance: m.pillar_governance
} as const satisfies Labels<Pillar>;

export const STAGE = {
	not_started: m.stage_not_started,
	preparation: m.stage_preparation,
	pilot: m.stage_pilot,
	operational: m.stage_operational
} as const satisfies Labels<RolloutStage>;

export const ROLE = {
	admin: m.role_admin,
	commission: m.role_commission,
	focal_point: m.role_focal_point,
	partner: m.role_partner
} as const satisfies Labels<Role>;

export const DIMENSION = {
	region: m.dimension_region,
	sex: m.dimension_sex,
	age_group: m.dimension_age_group,
	exploitation: m.dimension_exploitation,
	nationality: m.dimension_nationality
} as const satisfies Labels<Dimension>;

/** A breakdown category by its message key (`categoryKey` of $lib/domain/breakdown). */
export const CATEGORY = {
	cat_sex_female: m.cat_sex_female,
	cat_sex_male: m.cat_sex_male,
	cat_age_group_child: m.cat_age_group_child,
	cat_age_group_adult: m.cat_age_group_adult,
	cat_exploitation_sexual: m.cat_exploitation_sexual,
	cat_exploitation_forced_labour: m.cat_exploitation_forced_labour,
	cat_exploitation_begging: m.cat_exploitation_begging,
	cat_exploitation_domestic_servitude: m.cat_exploitation_domestic_servitude,
	cat_exploitation_forced_criminality: m.cat_exploitation_forced_criminality,
	cat_exploitation_other: m.cat_exploitation_other,
	cat_nationality_moroccan: m.cat_nationality_moroccan,
	cat_nationality_foreign: m.cat_nationality_foreign
} as const satisfies Labels<Extract<keyof typeof m, `cat_${string}`>>;

export const FREQUENCY = {
	annual: m.frequency_annual,
	semester: m.frequency_semester,
	quarter: m.frequency_quarter,
	tip_year: m.frequency_tip_year
} as const satisfies Labels<Frequency>;

export const DIRECTION = { up: m.direction_up, down: m.direction_down } as const satisfies Labels<Direction>;

export const VISIBILITY = { public: m.visibility_public, restricted: m.visibility_restricted } as const satisfies Labels<'public' | 'restricted'>;

export const INSTITUTION_KIND = {
	ministry: m.institution_kind_ministry,
	security: m.institution_kind_security,
	judiciary: m.institution_kind_judiciary,
	public_body: m.institution_kind_public_body,
	nhri: m.institution_kind_nhri,
	ngo: m.institution_kind_ngo,
	international_partner: m.institution_kind_international_partner
} as const satisfies Labels<InstitutionKind>;

export const PLAN_KIND = {
	national_plan: m.plan_kind_national_plan,
	action_plan: m.plan_kind_action_plan,
	priority_plan: m.plan_kind_priority_plan
} as const satisfies Labels<PlanKind>;

export const INDICATOR_KIND = {
	count: m.indicator_kind_count,
	percent: m.indicator_kind_percent,
	amount: m.indicator_kind_amount,
	boolean: m.indicator_kind_boolean
} as const satisfies Labels<IndicatorKind>;

export const PROJECT_STATUS = {
	planned: m.project_status_planned,
	ongoing: m.project_status_ongoing,
	completed: m.project_status_completed,
	suspended: m.project_status_suspended
} as const satisfies Labels<(typeof PROJECT_STATUSES)[number]>;

/** An SDG indicator by its code ("16.2.2"). */
export const SDG = {
	'5.2.1': m.sdg_5_2_1,
	'5.2.2': m.sdg_5_2_2,
	'8.7.1': m.sdg_8_7_1,
	'16.2.2': m.sdg_16_2_2
} as const satisfies Labels<string>;

export const LANGUAGE_NAME = { fr: m.language_name_fr, ar: m.language_name_ar, en: m.language_name_en } as const satisfies Labels<Locale>;

/** A field of a conflict notice or a review item. */
export const FIELD = {
	period: m.field_period,
	progress: m.field_progress,
	since: m.field_since,
	source: m.field_source,
	stage: m.field_stage,
	state: m.field_state,
	status: m.field_status,
	value: m.field_value,
	narrativeFr: m.field_narrativeFr,
	narrativeAr: m.field_narrativeAr,
	narrativeEn: m.field_narrativeEn
} as const satisfies Labels<Extract<keyof typeof m, `field_${string}`> extends `field_${infer F}` ? F : never>;
