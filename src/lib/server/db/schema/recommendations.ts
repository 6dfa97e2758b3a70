/** The priority recommendations and the measures that answer them. */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { PILLARS, TEXT_STATUSES } from '../../../domain/enums';
import { plans, measures } from './plan';
import { linkTable, oneOf, nullOrOneOf, timestamps, sources, version } from './columns';

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
		/** where the summary and the official text come from, and what of it was not seen */
		note: text('note'),
		officialTextStatus: text('official_text_status', { enum: TEXT_STATUSES }).notNull().default('not_retrieved'),
		officialUrl: text('official_url'),
		/** JSON array of SDG targets, e.g. ["16.2.2","8.7.1"] */
		sdgTargets: text('sdg_targets', { mode: 'json' }).$type<string[]>().notNull().default([]),
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

export const recommendationMeasures = linkTable(
	'recommendation_measures',
	{ key: 'recommendationId', column: 'recommendation_id', references: () => recommendations.id, onDelete: 'cascade' },
	{ key: 'measureId', column: 'measure_id', references: () => measures.id, onDelete: 'cascade' },
	{ name: 'recommendation_measures_measure_idx' }
);
