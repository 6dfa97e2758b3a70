/** Indicators and the values reported for them. */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, real, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { WORKFLOW_STATES, INDICATOR_KINDS, DIRECTIONS, FREQUENCIES, SEXES, AGE_GROUPS, EXPLOITATION_FORMS } from '../../../domain/enums';
import { PERIOD_CODE_GLOBS } from '../../../domain/period';
import { users } from './accounts';
import { measures } from './plan';
import { regions } from './reference';
import { oneOf, nullOrOneOf, timestamps, sources, version } from './columns';

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
		/** French unit as its plural forms "réunion|réunions" ('%' for a percentage); see domain/units.ts */
		unit: text('unit'),
		/** Arabic unit, six forms zero|one|two|few|many|other ("اجتماع|اجتماع|اجتماعان|اجتماعات|اجتماعا|اجتماع") */
		unitAr: text('unit_ar'),
		/** English unit, one|other ("meeting|meetings") */
		unitEn: text('unit_en'),
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
		/** the indicator's place within its measure (move up / down in the editor); code breaks ties */
		sortOrder: integer('sort_order').notNull().default(0),
		/** set when archived with its measure or alone: its values are kept */
		archivedAt: text('archived_at'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('indicators_code_uq').on(t.code),
		index('indicators_measure_idx').on(t.measureId, t.sortOrder),
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
		/**
		 * The public record (a figure published elsewhere, loaded with its source by the seed or an
		 * import): nobody reported or validated it here; `validated_at` is then when it was published.
		 */
		publicRecord: integer('public_record', { mode: 'boolean' }).notNull().default(false),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		index('indicator_values_cell_idx').on(t.indicatorId, t.period, t.regionId),
		index('indicator_values_current_idx')
			.on(t.indicatorId, t.regionId, t.periodStart)
			.where(sql`${t.isCurrent} = 1`),
		index('indicator_values_region_idx')
			.on(t.regionId, t.indicatorId)
			.where(sql`${t.isCurrent} = 1`),
		index('indicator_values_state_idx').on(t.state, t.submittedAt),
		// Values awaiting validation per indicator (a scorecard's count of pending submissions).
		index('indicator_values_submitted_idx')
			.on(t.indicatorId)
			.where(sql`${t.state} = 'submitted'`),
		// The count of values awaiting validation on every overview and scorecard (totals only, not
		// breakdown rows): covering, so it reads the submitted entries only — 2 ms instead of 205 at
		// 60,000 submitted values, where the state index looked up every row's four breakdown columns.
		index('indicator_values_awaiting_idx')
			.on(t.sex, t.ageGroup, t.exploitation, t.nationality, t.indicatorId)
			.where(sql`${t.state} = 'submitted'`),
		index('indicator_values_validated_idx')
			.on(t.indicatorId, t.validatedAt)
			.where(sql`${t.state} = 'validated'`),
		check('indicator_values_state_ck', oneOf('state', WORKFLOW_STATES)),
		check(
			'indicator_values_period_ck',
			sql.join(
				PERIOD_CODE_GLOBS.map((g) => sql`${t.period} GLOB ${sql.raw(`'${g}'`)}`),
				sql` OR `
			)
		),
		check('indicator_values_sex_ck', nullOrOneOf('sex', SEXES)),
		check('indicator_values_age_ck', nullOrOneOf('age_group', AGE_GROUPS)),
		check('indicator_values_exploitation_ck', nullOrOneOf('exploitation', EXPLOITATION_FORMS)),
		check('indicator_values_current_ck', sql`${t.isCurrent} = 0 OR ${t.state} = 'validated'`)
	]
);
