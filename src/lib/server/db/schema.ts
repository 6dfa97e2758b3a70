/**
 * The whole domain model of design.md as drizzle tables: one file, one migrations folder.
 *
 * Conventions:
 * - Plan content is stored per language (`*_fr`, `*_ar`, `*_en`); French is required, the others
 *   fall back to French in the UI (see `$lib/domain/i18n-content`).
 * - Dates are ISO `YYYY-MM-DD` text, instants are ISO-8601 UTC text: both sort and compare as text in SQL.
 * - Every row users edit carries `version` for optimistic concurrency.
 * - `is_demo` marks generated demonstration rows; `sources` holds the public sources (JSON array of
 *   `{ title, url, date }`) of the rows that come from the public record.
 */
import { sql } from 'drizzle-orm';
import {
	sqliteTable,
	integer,
	text,
	real,
	index,
	uniqueIndex,
	primaryKey,
	check,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import {
	MEASURE_STATUSES,
	WORKFLOW_STATES,
	ROLES,
	LOCALES,
	INSTITUTION_KINDS,
	PILLARS,
	INDICATOR_KINDS,
	DIRECTIONS,
	FREQUENCIES,
	ROLLOUT_STAGES,
	PLAN_KINDS,
	TEXT_STATUSES,
	VISIBILITIES,
	SEXES,
	AGE_GROUPS,
	EXPLOITATION_FORMS
} from '../../domain/enums';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** `col IN ('a','b',…)` for a CHECK constraint. */
function oneOf(column: string, values: readonly string[]) {
	return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}
function nullOrOneOf(column: string, values: readonly string[]) {
	return sql.raw(`${column} IS NULL OR ${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}

const isoDate = (column: string) => sql.raw(`${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

const timestamps = {
	createdAt: text('created_at').notNull().default(now),
	updatedAt: text('updated_at').notNull().default(now)
};
const sources = {
	/** JSON array of `{ title, url, date }`; empty for demonstration rows. */
	sources: text('sources').notNull().default('[]'),
	isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false)
};
const version = { version: integer('version').notNull().default(1) };

// ─── Reference: regions and institutions ────────────────────────────────────────────────────────

export const regions = sqliteTable(
	'regions',
	{
		id: integer('id').primaryKey(),
		iso: text('iso').notNull(),
		nameFr: text('name_fr').notNull(),
		nameAr: text('name_ar'),
		nameEn: text('name_en'),
		capitalFr: text('capital_fr'),
		capitalAr: text('capital_ar'),
		population: integer('population'),
		households: integer('households'),
		foreigners: integer('foreigners'),
		sortOrder: integer('sort_order').notNull().default(0),
		...sources
	},
	(t) => [
		uniqueIndex('regions_iso_uq').on(t.iso),
		check('regions_iso_ck', sql`${t.iso} GLOB 'MA-[0-1][0-9]'`),
		check('regions_population_ck', sql`${t.population} IS NULL OR ${t.population} >= 0`)
	]
);

export const institutions = sqliteTable(
	'institutions',
	{
		id: integer('id').primaryKey(),
		code: text('code').notNull(),
		acronymFr: text('acronym_fr'),
		acronymEn: text('acronym_en'),
		nameFr: text('name_fr').notNull(),
		nameAr: text('name_ar'),
		nameEn: text('name_en'),
		kind: text('kind', { enum: INSTITUTION_KINDS }).notNull(),
		/** member of the commission by decree, or international partner */
		isMember: integer('is_member', { mode: 'boolean' }).notNull().default(true),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		note: text('note'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('institutions_code_uq').on(t.code),
		check('institutions_kind_ck', oneOf('kind', INSTITUTION_KINDS))
	]
);

// ─── The plan structure ─────────────────────────────────────────────────────────────────────────

export const plans = sqliteTable(
	'plans',
	{
		id: integer('id').primaryKey(),
		code: text('code').notNull(),
		kind: text('kind', { enum: PLAN_KINDS }).notNull(),
		titleFr: text('title_fr').notNull(),
		titleAr: text('title_ar'),
		titleEn: text('title_en'),
		descriptionFr: text('description_fr'),
		descriptionAr: text('description_ar'),
		descriptionEn: text('description_en'),
		startDate: text('start_date').notNull(),
		endDate: text('end_date').notNull(),
		adoptedOn: text('adopted_on'),
		/** a plan this one implements (the 2023-2026 action plan implements the PN 2023-2030) */
		parentId: integer('parent_id').references((): AnySQLiteColumn => plans.id, { onDelete: 'restrict' }),
		sortOrder: integer('sort_order').notNull().default(0),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('plans_code_uq').on(t.code),
		check('plans_kind_ck', oneOf('kind', PLAN_KINDS)),
		check('plans_dates_ck', sql`${t.startDate} <= ${t.endDate}`),
		check('plans_start_ck', isoDate('start_date')),
		check('plans_end_ck', isoDate('end_date'))
	]
);

export const axes = sqliteTable(
	'axes',
	{
		id: integer('id').primaryKey(),
		planId: integer('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'restrict' }),
		code: text('code').notNull(),
		titleFr: text('title_fr').notNull(),
		titleAr: text('title_ar'),
		titleEn: text('title_en'),
		pillar: text('pillar', { enum: PILLARS }),
		sortOrder: integer('sort_order').notNull().default(0),
		/** the public record gives no official list of axes: these are reconstructed */
		reconstructed: integer('reconstructed', { mode: 'boolean' }).notNull().default(false),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('axes_code_uq').on(t.code),
		index('axes_plan_idx').on(t.planId, t.sortOrder),
		check('axes_pillar_ck', nullOrOneOf('pillar', PILLARS))
	]
);

export const objectives = sqliteTable(
	'objectives',
	{
		id: integer('id').primaryKey(),
		axisId: integer('axis_id')
			.notNull()
			.references(() => axes.id, { onDelete: 'restrict' }),
		code: text('code').notNull(),
		titleFr: text('title_fr').notNull(),
		titleAr: text('title_ar'),
		titleEn: text('title_en'),
		sortOrder: integer('sort_order').notNull().default(0),
		...sources,
		...version,
		...timestamps
	},
	(t) => [uniqueIndex('objectives_code_uq').on(t.code), index('objectives_axis_idx').on(t.axisId, t.sortOrder)]
);

export const measures = sqliteTable(
	'measures',
	{
		id: integer('id').primaryKey(),
		objectiveId: integer('objective_id')
			.notNull()
			.references(() => objectives.id, { onDelete: 'restrict' }),
		code: text('code').notNull(),
		titleFr: text('title_fr').notNull(),
		titleAr: text('title_ar'),
		titleEn: text('title_en'),
		descriptionFr: text('description_fr'),
		descriptionAr: text('description_ar'),
		descriptionEn: text('description_en'),
		leadInstitutionId: integer('lead_institution_id')
			.notNull()
			.references(() => institutions.id, { onDelete: 'restrict' }),
		pillar: text('pillar', { enum: PILLARS }),
		startDate: text('start_date').notNull(),
		deadline: text('deadline').notNull(),
		status: text('status', { enum: MEASURE_STATUSES }).notNull().default('planned'),
		progress: integer('progress').notNull().default(0),
		weight: real('weight').notNull().default(1),
		/** deployed region by region (the MNR): carries a stage per region */
		regionalRollout: integer('regional_rollout', { mode: 'boolean' }).notNull().default(false),
		/** the moment of the last validated progress update; drives the "stale" flag */
		lastValidatedAt: text('last_validated_at'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('measures_code_uq').on(t.code),
		index('measures_objective_idx').on(t.objectiveId),
		index('measures_lead_idx').on(t.leadInstitutionId),
		index('measures_status_idx').on(t.status, t.deadline),
		index('measures_deadline_idx').on(t.deadline),
		// Covers every column a dashboard snapshot reads, so a national-scale roll-up scans this narrow
		// index instead of the wide rows (lead first: grouping by lead institution reads it in order).
		index('measures_dashboard_idx').on(
			t.leadInstitutionId,
			t.objectiveId,
			t.status,
			t.progress,
			t.weight,
			t.startDate,
			t.deadline,
			t.lastValidatedAt,
			t.isDemo,
			t.regionalRollout
		),
		check('measures_status_ck', oneOf('status', MEASURE_STATUSES)),
		check('measures_pillar_ck', nullOrOneOf('pillar', PILLARS)),
		check('measures_progress_ck', sql`${t.progress} BETWEEN 0 AND 100`),
		check('measures_weight_ck', sql`${t.weight} > 0`),
		check('measures_dates_ck', sql`${t.startDate} <= ${t.deadline}`),
		check('measures_start_ck', isoDate('start_date')),
		check('measures_deadline_ck', isoDate('deadline')),
		check('measures_completed_ck', sql`${t.status} <> 'completed' OR ${t.progress} = 100`)
	]
);

/** Contributing institutions of a measure (the lead is on the measure itself). */
export const measureInstitutions = sqliteTable(
	'measure_institutions',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'cascade' }),
		institutionId: integer('institution_id')
			.notNull()
			.references(() => institutions.id, { onDelete: 'restrict' })
	},
	(t) => [
		primaryKey({ columns: [t.measureId, t.institutionId] }),
		index('measure_institutions_inst_idx').on(t.institutionId, t.measureId)
	]
);

/** Regions a measure concerns; a measure with no row here is national. */
export const measureRegions = sqliteTable(
	'measure_regions',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'cascade' }),
		regionId: integer('region_id')
			.notNull()
			.references(() => regions.id, { onDelete: 'restrict' })
	},
	(t) => [
		primaryKey({ columns: [t.measureId, t.regionId] }),
		index('measure_regions_region_idx').on(t.regionId, t.measureId)
	]
);

// ─── Indicators ─────────────────────────────────────────────────────────────────────────────────

export const indicators = sqliteTable(
	'indicators',
	{
		id: integer('id').primaryKey(),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'restrict' }),
		code: text('code').notNull(),
		nameFr: text('name_fr').notNull(),
		nameAr: text('name_ar'),
		nameEn: text('name_en'),
		unit: text('unit'),
		kind: text('kind', { enum: INDICATOR_KINDS }).notNull(),
		baselineValue: real('baseline_value'),
		baselineYear: integer('baseline_year'),
		targetValue: real('target_value'),
		targetYear: integer('target_year'),
		direction: text('direction', { enum: DIRECTIONS }).notNull().default('up'),
		frequency: text('frequency', { enum: FREQUENCIES }).notNull(),
		/** JSON array of the dimensions values are broken down by: region, sex, age_group, exploitation, nationality */
		dimensions: text('dimensions').notNull().default('[]'),
		/** counts of victims: masked below the confidentiality threshold in every public output */
		sensitive: integer('sensitive', { mode: 'boolean' }).notNull().default(false),
		sdgTarget: text('sdg_target'),
		plausibleMin: real('plausible_min'),
		plausibleMax: real('plausible_max'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('indicators_code_uq').on(t.code),
		index('indicators_measure_idx').on(t.measureId),
		check('indicators_kind_ck', oneOf('kind', INDICATOR_KINDS)),
		check('indicators_direction_ck', oneOf('direction', DIRECTIONS)),
		check('indicators_frequency_ck', oneOf('frequency', FREQUENCIES)),
		check('indicators_dimensions_ck', sql`json_valid(${t.dimensions}) AND json_type(${t.dimensions}) = 'array'`),
		check('indicators_sdg_ck', sql`${t.sdgTarget} IS NULL OR ${t.sdgTarget} GLOB '[0-9]*.[0-9a-z]*'`)
	]
);

export const indicatorValues = sqliteTable(
	'indicator_values',
	{
		id: integer('id').primaryKey(),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		/** `2025`, `2025-S1`, `2025-Q3` or `TIP2025` (1 April 2024 – 31 March 2025) */
		period: text('period').notNull(),
		/** first and last day of the period, derived from `period` on write; used for ordering and as-of queries */
		periodStart: text('period_start').notNull(),
		periodEnd: text('period_end').notNull(),
		/** null = national */
		regionId: integer('region_id').references(() => regions.id, { onDelete: 'restrict' }),
		sex: text('sex', { enum: SEXES }),
		ageGroup: text('age_group', { enum: AGE_GROUPS }),
		exploitation: text('exploitation', { enum: EXPLOITATION_FORMS }),
		nationality: text('nationality'),
		value: real('value').notNull(),
		source: text('source'),
		note: text('note'),
		state: text('state', { enum: WORKFLOW_STATES }).notNull().default('draft'),
		/** 1 for the latest validated value of its cell (indicator × period × region × categories) */
		isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(false),
		reportedBy: integer('reported_by').references(() => users.id, { onDelete: 'set null' }),
		validatedBy: integer('validated_by').references(() => users.id, { onDelete: 'set null' }),
		reviewComment: text('review_comment'),
		submittedAt: text('submitted_at'),
		validatedAt: text('validated_at'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		index('indicator_values_cell_idx').on(t.indicatorId, t.period, t.regionId),
		index('indicator_values_current_idx')
			.on(t.indicatorId, t.regionId, t.periodStart)
			.where(sql`${t.isCurrent} = 1`),
		index('indicator_values_region_idx').on(t.regionId, t.indicatorId).where(sql`${t.isCurrent} = 1`),
		index('indicator_values_state_idx').on(t.state, t.submittedAt),
		// Values awaiting validation per indicator (a scorecard's count of pending submissions).
		index('indicator_values_submitted_idx').on(t.indicatorId).where(sql`${t.state} = 'submitted'`),
		index('indicator_values_validated_idx').on(t.indicatorId, t.validatedAt).where(sql`${t.state} = 'validated'`),
		check('indicator_values_state_ck', oneOf('state', WORKFLOW_STATES)),
		check('indicator_values_period_ck', sql`${t.period} GLOB '[0-9][0-9][0-9][0-9]' OR ${t.period} GLOB '[0-9][0-9][0-9][0-9]-S[12]' OR ${t.period} GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' OR ${t.period} GLOB 'TIP[0-9][0-9][0-9][0-9]'`),
		check('indicator_values_sex_ck', nullOrOneOf('sex', SEXES)),
		check('indicator_values_age_ck', nullOrOneOf('age_group', AGE_GROUPS)),
		check('indicator_values_exploitation_ck', nullOrOneOf('exploitation', EXPLOITATION_FORMS)),
		check('indicator_values_current_ck', sql`${t.isCurrent} = 0 OR ${t.state} = 'validated'`)
	]
);

// ─── Recommendations ────────────────────────────────────────────────────────────────────────────

export const recommendations = sqliteTable(
	'recommendations',
	{
		id: integer('id').primaryKey(),
		/** the plan the recommendation belongs to (the 2024-2025 priority action plan) */
		planId: integer('plan_id').references(() => plans.id, { onDelete: 'restrict' }),
		code: text('code').notNull(),
		rank: integer('rank').notNull(),
		/** the report it comes from, e.g. `TIP 2024` */
		sourceReport: text('source_report').notNull(),
		sourceYear: integer('source_year').notNull(),
		priorityPeriod: text('priority_period'),
		pillar: text('pillar', { enum: PILLARS }),
		/** short title and summary written for the product */
		titleFr: text('title_fr').notNull(),
		titleAr: text('title_ar'),
		titleEn: text('title_en'),
		summaryFr: text('summary_fr'),
		summaryAr: text('summary_ar'),
		summaryEn: text('summary_en'),
		/** the official wording, pasted by an administrator; null until then */
		officialText: text('official_text'),
		officialTextStatus: text('official_text_status', { enum: TEXT_STATUSES }).notNull().default('not_retrieved'),
		officialUrl: text('official_url'),
		/** JSON array of SDG targets, e.g. ["16.2.2","8.7.1"] */
		sdgTargets: text('sdg_targets').notNull().default('[]'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('recommendations_code_uq').on(t.code),
		index('recommendations_plan_idx').on(t.planId, t.rank),
		check('recommendations_pillar_ck', nullOrOneOf('pillar', PILLARS)),
		check('recommendations_text_status_ck', oneOf('official_text_status', TEXT_STATUSES)),
		check('recommendations_sdg_ck', sql`json_valid(${t.sdgTargets})`)
	]
);

export const recommendationMeasures = sqliteTable(
	'recommendation_measures',
	{
		recommendationId: integer('recommendation_id')
			.notNull()
			.references(() => recommendations.id, { onDelete: 'cascade' }),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.recommendationId, t.measureId] }),
		index('recommendation_measures_measure_idx').on(t.measureId, t.recommendationId)
	]
);

// ─── The reporting loop ─────────────────────────────────────────────────────────────────────────

export const reportingPeriods = sqliteTable(
	'reporting_periods',
	{
		id: integer('id').primaryKey(),
		code: text('code').notNull(),
		opensOn: text('opens_on').notNull(),
		dueOn: text('due_on').notNull(),
		closedAt: text('closed_at'),
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('reporting_periods_code_uq').on(t.code),
		check('reporting_periods_dates_ck', sql`${t.opensOn} <= ${t.dueOn}`)
	]
);

export const progressUpdates = sqliteTable(
	'progress_updates',
	{
		id: integer('id').primaryKey(),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		status: text('status', { enum: MEASURE_STATUSES }).notNull(),
		progress: integer('progress').notNull(),
		narrativeFr: text('narrative_fr'),
		narrativeAr: text('narrative_ar'),
		narrativeEn: text('narrative_en'),
		state: text('state', { enum: WORKFLOW_STATES }).notNull().default('draft'),
		/** the measure's version the update was written against: the diff shown to reviewers */
		baseVersion: integer('base_version'),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** the institution the author reported for */
		institutionId: integer('institution_id').references(() => institutions.id, { onDelete: 'set null' }),
		reviewerId: integer('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
		reviewComment: text('review_comment'),
		submittedAt: text('submitted_at'),
		reviewedAt: text('reviewed_at'),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		...version,
		...timestamps
	},
	(t) => [
		// Also covers period, status and progress: "the latest validated update as of a date / a period"
		// is one backward search of this index per measure, without reading the update rows.
		index('progress_updates_measure_idx').on(t.measureId, t.state, t.reviewedAt, t.period, t.status, t.progress),
		index('progress_updates_state_idx').on(t.state, t.submittedAt),
		index('progress_updates_author_idx').on(t.authorId, t.state),
		check('progress_updates_status_ck', oneOf('status', MEASURE_STATUSES)),
		check('progress_updates_state_ck', oneOf('state', WORKFLOW_STATES)),
		check('progress_updates_progress_ck', sql`${t.progress} BETWEEN 0 AND 100`),
		check('progress_updates_completed_ck', sql`${t.status} <> 'completed' OR ${t.progress} = 100`)
	]
);

export const evidence = sqliteTable(
	'evidence',
	{
		id: integer('id').primaryKey(),
		progressUpdateId: integer('progress_update_id').references(() => progressUpdates.id, { onDelete: 'cascade' }),
		indicatorValueId: integer('indicator_value_id').references(() => indicatorValues.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['link', 'file'] }).notNull(),
		url: text('url'),
		label: text('label'),
		fileName: text('file_name'),
		/** random name under the evidence directory, outside the web root */
		storedName: text('stored_name'),
		mimeType: text('mime_type'),
		sizeBytes: integer('size_bytes'),
		visibility: text('visibility', { enum: VISIBILITIES }).notNull().default('restricted'),
		uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: text('created_at').notNull().default(now)
	},
	(t) => [
		index('evidence_update_idx').on(t.progressUpdateId),
		index('evidence_value_idx').on(t.indicatorValueId),
		uniqueIndex('evidence_stored_uq').on(t.storedName),
		check('evidence_kind_ck', sql`${t.kind} IN ('link','file')`),
		check('evidence_visibility_ck', oneOf('visibility', VISIBILITIES)),
		check('evidence_parent_ck', sql`${t.progressUpdateId} IS NOT NULL OR ${t.indicatorValueId} IS NOT NULL`),
		check('evidence_link_ck', sql`${t.kind} <> 'link' OR ${t.url} IS NOT NULL`),
		check('evidence_file_ck', sql`${t.kind} <> 'file' OR (${t.storedName} IS NOT NULL AND ${t.sizeBytes} BETWEEN 0 AND 10485760)`)
	]
);

/** Region-by-region deployment of a measure (the MNR), through the same draft → validate loop. */
export const measureRegionStages = sqliteTable(
	'measure_region_stages',
	{
		id: integer('id').primaryKey(),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'cascade' }),
		regionId: integer('region_id')
			.notNull()
			.references(() => regions.id, { onDelete: 'restrict' }),
		stage: text('stage', { enum: ROLLOUT_STAGES }).notNull(),
		since: text('since').notNull(),
		note: text('note'),
		state: text('state', { enum: WORKFLOW_STATES }).notNull().default('draft'),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		reviewerId: integer('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
		reviewComment: text('review_comment'),
		submittedAt: text('submitted_at'),
		reviewedAt: text('reviewed_at'),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		...version,
		...timestamps
	},
	(t) => [
		index('measure_region_stages_idx').on(t.measureId, t.regionId, t.state, t.since),
		index('measure_region_stages_state_idx').on(t.state, t.submittedAt),
		check('measure_region_stages_stage_ck', oneOf('stage', ROLLOUT_STAGES)),
		check('measure_region_stages_state_ck', oneOf('state', WORKFLOW_STATES)),
		check('measure_region_stages_since_ck', isoDate('since'))
	]
);

// ─── Partners and reports ───────────────────────────────────────────────────────────────────────

export const partnerProjects = sqliteTable(
	'partner_projects',
	{
		id: integer('id').primaryKey(),
		code: text('code').notNull(),
		partnerInstitutionId: integer('partner_institution_id')
			.notNull()
			.references(() => institutions.id, { onDelete: 'restrict' }),
		donorInstitutionId: integer('donor_institution_id').references(() => institutions.id, { onDelete: 'restrict' }),
		donorName: text('donor_name'),
		titleFr: text('title_fr').notNull(),
		titleAr: text('title_ar'),
		titleEn: text('title_en'),
		startDate: text('start_date'),
		endDate: text('end_date'),
		budget: real('budget'),
		currency: text('currency'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('partner_projects_code_uq').on(t.code),
		index('partner_projects_partner_idx').on(t.partnerInstitutionId),
		check('partner_projects_budget_ck', sql`${t.budget} IS NULL OR ${t.budget} >= 0`),
		check('partner_projects_currency_ck', sql`${t.currency} IS NULL OR ${t.currency} GLOB '[A-Z][A-Z][A-Z]'`),
		check('partner_projects_dates_ck', sql`${t.startDate} IS NULL OR ${t.endDate} IS NULL OR ${t.startDate} <= ${t.endDate}`)
	]
);

export const partnerProjectMeasures = sqliteTable(
	'partner_project_measures',
	{
		projectId: integer('project_id')
			.notNull()
			.references(() => partnerProjects.id, { onDelete: 'cascade' }),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.projectId, t.measureId] }),
		index('partner_project_measures_measure_idx').on(t.measureId, t.projectId)
	]
);

export const reports = sqliteTable(
	'reports',
	{
		id: integer('id').primaryKey(),
		titleFr: text('title_fr').notNull(),
		titleAr: text('title_ar'),
		titleEn: text('title_en'),
		period: text('period').notNull(),
		planId: integer('plan_id').references(() => plans.id, { onDelete: 'restrict' }),
		narrativeFr: text('narrative_fr'),
		narrativeAr: text('narrative_ar'),
		narrativeEn: text('narrative_en'),
		/** the figures as they stood at publication (JSON), so a published report never changes */
		frozenData: text('frozen_data'),
		state: text('state', { enum: ['draft', 'published', 'withdrawn'] }).notNull().default('draft'),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
		publishedAt: text('published_at'),
		...version,
		...timestamps
	},
	(t) => [
		index('reports_state_idx').on(t.state, t.publishedAt),
		check('reports_state_ck', sql`${t.state} IN ('draft','published','withdrawn')`),
		check('reports_frozen_ck', sql`${t.state} <> 'published' OR (${t.frozenData} IS NOT NULL AND json_valid(${t.frozenData}))`)
	]
);

// ─── Accounts, sessions, audit ──────────────────────────────────────────────────────────────────

export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey(),
		/** stored lower-case */
		email: text('email').notNull(),
		name: text('name').notNull(),
		role: text('role', { enum: ROLES }).notNull(),
		institutionId: integer('institution_id').references(() => institutions.id, { onDelete: 'restrict' }),
		passwordHash: text('password_hash').notNull(),
		locale: text('locale', { enum: LOCALES }).notNull().default('fr'),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		lastLoginAt: text('last_login_at'),
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('users_email_uq').on(t.email),
		index('users_institution_idx').on(t.institutionId),
		check('users_role_ck', oneOf('role', ROLES)),
		check('users_locale_ck', oneOf('locale', LOCALES)),
		check('users_email_ck', sql`${t.email} = lower(${t.email}) AND ${t.email} LIKE '%_@_%'`),
		// a focal point and a partner always speak for an institution
		check('users_institution_ck', sql`${t.role} NOT IN ('focal_point','partner') OR ${t.institutionId} IS NOT NULL`)
	]
);

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the cookie token (hex): a stolen database does not give usable cookies */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at').notNull(),
		createdAt: text('created_at').notNull().default(now)
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expiry_idx').on(t.expiresAt)]
);

/** Failed sign-ins per key (`email:…` or `ip:…`) for throttling. */
export const loginThrottle = sqliteTable('login_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	windowStart: integer('window_start').notNull(),
	lockedUntil: integer('locked_until')
});

export const auditEvents = sqliteTable(
	'audit_events',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		at: text('at').notNull().default(now),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		before: text('before'),
		after: text('after')
	},
	(t) => [index('audit_entity_idx').on(t.entity, t.entityId, t.at), index('audit_at_idx').on(t.at)]
);

export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		payload: text('payload').notNull().default('{}'),
		createdAt: text('created_at').notNull().default(now),
		readAt: text('read_at')
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.readAt)]
);

/** E-mails to send, each sent once (the sender marks `sent_at`). */
export const outbox = sqliteTable(
	'outbox',
	{
		id: integer('id').primaryKey(),
		toEmail: text('to_email').notNull(),
		kind: text('kind').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		dedupeKey: text('dedupe_key'),
		createdAt: text('created_at').notNull().default(now),
		sentAt: text('sent_at'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error')
	},
	(t) => [index('outbox_pending_idx').on(t.sentAt, t.createdAt), uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey)]
);

/**
 * One row counting the changes the dashboards can show, bumped by triggers (migration 0003) on every
 * table their read models read — drafts aside, which no dashboard shows. The read cache keeps a
 * result while this value stays the same, whichever process wrote (src/lib/server/read-cache.ts).
 */
export const dataGeneration = sqliteTable(
	'data_generation',
	{
		id: integer('id').primaryKey(),
		value: integer('value').notNull().default(0)
	},
	(t) => [check('data_generation_one_row', sql`${t.id} = 1`)]
);

/** Key/value facts about this database (seed version, when it was seeded). */
export const meta = sqliteTable('meta', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

export type Region = typeof regions.$inferSelect;
export type Institution = typeof institutions.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type Axis = typeof axes.$inferSelect;
export type Objective = typeof objectives.$inferSelect;
export type Measure = typeof measures.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type IndicatorValue = typeof indicatorValues.$inferSelect;
export type Recommendation = typeof recommendations.$inferSelect;
export type ProgressUpdate = typeof progressUpdates.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
