/** Partner projects and published reports. */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, real, index, uniqueIndex, primaryKey, check } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { plans, measures } from './plan';
import { institutions } from './reference';
import { timestamps, sources, version } from './columns';

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
