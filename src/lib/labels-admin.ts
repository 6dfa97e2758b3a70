/**
 * Labels of the administration, review and report forms, each message named once (as in
 * $lib/labels, kept apart so the overview does not carry them).
 */
import { m } from './paraglide/messages';
import type { REPORT_SCOPES, REPORT_SECTIONS } from './domain/report';
import type { IMPORT_KINDS } from './schemas/import';

type Labels<K extends string> = Readonly<Record<K, () => string>>;
/** The names after `prefix` of the catalogue's messages starting with it. */
type Suffixes<P extends string> = Extract<keyof typeof m, `${P}${string}`> extends `${P}${infer S}` ? S : never;

/** A plan level's heading (the admin plan's URL segment). */
export const PLAN_LEVEL = {
	axes: m.plan_level_axes,
	objectives: m.plan_level_objectives,
	measures: m.plan_level_measures,
	indicators: m.plan_level_indicators,
	plans: m.plan_level_plans
} as const satisfies Labels<Suffixes<'plan_level_'>>;

/** The "new …" heading of a plan level. */
export const PLAN_NEW = {
	axes: m.plan_new_axes,
	objectives: m.plan_new_objectives,
	measures: m.plan_new_measures,
	indicators: m.plan_new_indicators,
	plans: m.plan_new_plans
} as const satisfies Labels<Suffixes<'plan_new_'>>;

/** A field of the plan forms. */
export const PLAN_FIELD = {
	plan: m.plan_f_plan,
	axis: m.plan_f_axis,
	objective: m.plan_f_objective,
	measure: m.plan_f_measure,
	code: m.plan_f_code,
	title_fr: m.plan_f_title_fr,
	title_ar: m.plan_f_title_ar,
	title_en: m.plan_f_title_en,
	name_fr: m.plan_f_name_fr,
	name_ar: m.plan_f_name_ar,
	name_en: m.plan_f_name_en,
	pillar: m.plan_f_pillar,
	order: m.plan_f_order,
	lead: m.plan_f_lead,
	contributors: m.plan_f_contributors,
	regions: m.plan_f_regions,
	start: m.plan_f_start,
	deadline: m.plan_f_deadline,
	weight: m.plan_f_weight,
	recommendations: m.plan_f_recommendations,
	kind: m.plan_f_kind,
	frequency: m.plan_f_frequency,
	unit: m.plan_f_unit,
	unit_ar: m.plan_f_unit_ar,
	unit_en: m.plan_f_unit_en,
	baseline: m.plan_f_baseline,
	baseline_year: m.plan_f_baseline_year,
	target: m.plan_f_target,
	target_year: m.plan_f_target_year,
	direction: m.plan_f_direction,
	dimensions: m.plan_f_dimensions,
	sensitive: m.plan_f_sensitive,
	sdg: m.plan_f_sdg,
	plan_kind: m.plan_f_plan_kind,
	end: m.plan_f_end,
	description_fr: m.plan_f_description_fr,
	description_ar: m.plan_f_description_ar,
	description_en: m.plan_f_description_en,
	adopted_on: m.plan_f_adopted_on,
	parent: m.plan_f_parent,
	parent_none: m.plan_f_parent_none,
	note: m.plan_f_note
} as const satisfies Labels<Suffixes<'plan_f_'>>;

/** An institution's per-language name fields. */
export const INSTITUTION_FIELD = { name: m.admin_inst_name, acronym: m.admin_inst_acronym, shortName: m.admin_inst_shortName } as const;

export const IMPORT_KIND = { values: m.import_kind_values, structure: m.import_kind_structure } as const satisfies Labels<(typeof IMPORT_KINDS)[number]>;

export const IMPORT_ACTION = {
	create: m.import_action_create,
	update: m.import_action_update,
	unchanged: m.import_action_unchanged
} as const satisfies Labels<Suffixes<'import_action_'>>;

/** A review queue item's kind. */
export const REVIEW_KIND = {
	update: m.review_kind_update,
	value: m.review_kind_value,
	stage: m.review_kind_stage
} as const satisfies Labels<Suffixes<'review_kind_'>>;

export const REPORT_SCOPE = {
	plan: m.report_scope_plan,
	axis: m.report_scope_axis,
	recommendations: m.report_scope_recommendations
} as const satisfies Labels<(typeof REPORT_SCOPES)[number]>;

export const REPORT_SECTION = {
	summary: m.report_section_summary,
	kpis: m.report_section_kpis,
	axes: m.report_section_axes,
	institutions: m.report_section_institutions,
	regions: m.report_section_regions,
	recommendations: m.report_section_recommendations,
	indicators: m.report_section_indicators
} as const satisfies Labels<(typeof REPORT_SECTIONS)[number]>;

/** A report's history entry by its audit action. */
export const REPORT_ACTION = {
	'report.publish': m.audit_report_publish,
	'report.share': m.audit_report_share,
	'report.unshare': m.audit_report_unshare,
	'report.withdraw': m.audit_report_withdraw
} as const;
