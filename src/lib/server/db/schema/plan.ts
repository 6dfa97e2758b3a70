/** The plan structure: plans, axes, objectives, measures and their owners and regions. */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, real, index, uniqueIndex, check, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { MEASURE_STATUSES, PILLARS, PLAN_KINDS } from '../../../domain/enums';
import { regions, institutions } from './reference';
import { linkTable, oneOf, nullOrOneOf, isoDate, timestamps, sources, version } from './columns';

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
		/** set when archived: kept with its history (and its reports), left out of the live plan and its dashboards */
		archivedAt: text('archived_at'),
		/** what the public record says of the plan and what is not public, shown with it */
		note: text('note'),
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
		/** set when archived: kept with its history, left out of the live plan and its dashboards */
		archivedAt: text('archived_at'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [uniqueIndex('axes_code_uq').on(t.code), index('axes_plan_idx').on(t.planId, t.sortOrder), check('axes_pillar_ck', nullOrOneOf('pillar', PILLARS))]
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
		/** set when archived: kept with its history, left out of the live plan and its dashboards */
		archivedAt: text('archived_at'),
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
		/** the measure's place within its objective (move up / down in the editor); code breaks ties */
		sortOrder: integer('sort_order').notNull().default(0),
		/** the moment of the last validated progress update; drives the "stale" flag */
		lastValidatedAt: text('last_validated_at'),
		/**
		 * Kept by triggers from the columns above (migration 0029), never written by the app: the first day
		 * the measure is stale if still open, and the first day it is behind (no update for too long, or its
		 * progress lagging its schedule), so the dashboard compares a stored date to the day instead of
		 * redoing the date arithmetic of `flagSql` on every measure. `flags-sql.ts` says how.
		 */
		staleFrom: text('stale_from'),
		behindFrom: text('behind_from'),
		/** set when archived: kept with its history, left out of the live plan and its dashboards */
		archivedAt: text('archived_at'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('measures_code_uq').on(t.code),
		index('measures_objective_idx').on(t.objectiveId, t.sortOrder),
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
export const measureInstitutions = linkTable(
	'measure_institutions',
	{ key: 'measureId', column: 'measure_id', references: () => measures.id, onDelete: 'cascade' },
	{ key: 'institutionId', column: 'institution_id', references: () => institutions.id, onDelete: 'restrict' },
	{ name: 'measure_institutions_inst_idx' }
);

/** Regions a measure concerns; a measure with no row here is national. */
export const measureRegions = linkTable(
	'measure_regions',
	{ key: 'measureId', column: 'measure_id', references: () => measures.id, onDelete: 'cascade' },
	{ key: 'regionId', column: 'region_id', references: () => regions.id, onDelete: 'restrict' },
	{ name: 'measure_regions_region_idx' }
);

/** The codes a measure had before it moved to another objective: old links and searches still find it. */
export const measureFormerCodes = sqliteTable(
	'measure_former_codes',
	{
		code: text('code').primaryKey(),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'cascade' }),
		movedAt: text('moved_at').notNull()
	},
	(t) => [index('measure_former_codes_measure_idx').on(t.measureId)]
);
