/** The reporting loop: periods, progress updates, evidence, regional roll-out stages. */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex, check, primaryKey } from 'drizzle-orm/sqlite-core';
import { MEASURE_STATUSES, WORKFLOW_STATES, ROLLOUT_STAGES, VISIBILITIES } from '../../../domain/enums';
import { users } from './accounts';
import { indicatorValues } from './indicators';
import { measures } from './plan';
import { regions, institutions } from './reference';
import { now, oneOf, isoDate, timestamps, version } from './columns';

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
	(t) => [uniqueIndex('reporting_periods_code_uq').on(t.code), check('reporting_periods_dates_ck', sql`${t.opensOn} <= ${t.dueOn}`)]
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

/**
 * How many of each measure's reports await validation (submitted progress updates, indicator values
 * of the whole cell, roll-out stages), kept at write time by triggers in the writing statement's own
 * transaction (migration 0026: the measure recounted on each change that involves a submitted row),
 * so a scorecard adds up its measures' counts instead of counting submitted values across thousands
 * of indicators. Derived, never edited; tests/integration/awaiting-counts.test.ts checks it against a
 * recount.
 */
export const measureAwaiting = sqliteTable('measure_awaiting', {
	measureId: integer('measure_id').primaryKey(),
	n: integer('n').notNull()
});

/**
 * Each measure's validated state at the end of each semester where it changes, maintained at write time
 * by triggers on `progress_updates` (migration 0022, in the statement's own transaction, whoever
 * writes: review, seed, import, bench generator). A row at semester end E holds the latest validated
 * update (by review time) among those reported on a period ended by E, and its change from the row
 * before (a measure starts as planned, active, at 0 %): the trend adds those changes up per semester
 * instead of rebuilding every measure's state from its history. Rebuilt from history for one measure
 * on each change of its validated updates; derived, never edited.
 */
export const measureSemesterStates = sqliteTable(
	'measure_semester_states',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measures.id, { onDelete: 'cascade' }),
		/** 'YYYY-06-30' or 'YYYY-12-31' */
		semesterEnd: text('semester_end').notNull(),
		status: text('status', { enum: MEASURE_STATUSES }).notNull(),
		progress: integer('progress').notNull(),
		reviewedAt: text('reviewed_at'),
		/** change from the previous row: completed (0/1), active = not cancelled (0/1), active × progress */
		dCompleted: integer('d_completed').notNull(),
		dActive: integer('d_active').notNull(),
		dProgress: integer('d_progress').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.measureId, t.semesterEnd] }),
		// Covers the trend's read (the changes of each measure in scope) and the snapshot at a semester or
		// a year (each measure's last row by then, one backward search), without reading the rows.
		index('measure_semester_states_read_idx').on(t.measureId, t.semesterEnd, t.dCompleted, t.dActive, t.dProgress, t.status, t.progress, t.reviewedAt)
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
		/** the institution that uploaded it: who may see it when restricted, and remove it (never changed by later edits of the update) */
		institutionId: integer('institution_id').references(() => institutions.id, { onDelete: 'set null' }),
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
