/** Partner projects and published reports. */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, blob, index, uniqueIndex, primaryKey, check, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { plans, measures, axes } from './plan';
import { institutions, regions } from './reference';
import { linkTable, now, oneOf, timestamps, sources, version } from './columns';
import { PROJECT_STATUSES } from '../../../domain/money';
import type { ReportSnapshot } from '../../../domain/report';

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
		/** the budget in minor units of `currency` (cents, centimes): an integer, never a float */
		budgetMinor: integer('budget_minor'),
		currency: text('currency'),
		status: text('status', { enum: PROJECT_STATUSES }).notNull().default('ongoing'),
		/** the IATI activity identifier, when the project is published to IATI */
		iatiIdentifier: text('iati_identifier'),
		/** the caveat of the public record (a budget of a whole regional programme, dates known to the year) */
		note: text('note'),
		...sources,
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('partner_projects_code_uq').on(t.code),
		index('partner_projects_partner_idx').on(t.partnerInstitutionId),
		check('partner_projects_budget_ck', sql`${t.budgetMinor} IS NULL OR (${t.budgetMinor} >= 0 AND typeof(${t.budgetMinor}) = 'integer')`),
		check('partner_projects_budget_currency_ck', sql`${t.budgetMinor} IS NULL OR ${t.currency} IS NOT NULL`),
		check('partner_projects_status_ck', oneOf('status', PROJECT_STATUSES)),
		check('partner_projects_currency_ck', sql`${t.currency} IS NULL OR ${t.currency} GLOB '[A-Z][A-Z][A-Z]'`),
		check('partner_projects_dates_ck', sql`${t.startDate} IS NULL OR ${t.endDate} IS NULL OR ${t.startDate} <= ${t.endDate}`)
	]
);

export const partnerProjectMeasures = linkTable(
	'partner_project_measures',
	{ key: 'projectId', column: 'project_id', references: () => partnerProjects.id, onDelete: 'cascade' },
	{ key: 'measureId', column: 'measure_id', references: () => measures.id, onDelete: 'cascade' },
	{ name: 'partner_project_measures_measure_idx' }
);

/** The regions a project works in (none: national). */
export const partnerProjectRegions = linkTable(
	'partner_project_regions',
	{ key: 'projectId', column: 'project_id', references: () => partnerProjects.id, onDelete: 'cascade' },
	{ key: 'regionId', column: 'region_id', references: () => regions.id, onDelete: 'cascade' },
	{ name: 'partner_project_regions_region_idx', rightOnly: true }
);

/**
 * The admin's conversion rates to MAD, one per currency and year: `madPerUnitMicro` MAD for one unit
 * of `currency`, in millionths (10.85 MAD per EUR = 10_850_000), so no float is stored.
 */
export const exchangeRates = sqliteTable(
	'exchange_rates',
	{
		year: integer('year').notNull(),
		currency: text('currency').notNull(),
		madPerUnitMicro: integer('mad_per_unit_micro').notNull(),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		...version,
		...timestamps
	},
	(t) => [
		primaryKey({ columns: [t.year, t.currency] }),
		check('exchange_rates_rate_ck', sql`${t.madPerUnitMicro} > 0 AND typeof(${t.madPerUnitMicro}) = 'integer'`),
		check('exchange_rates_currency_ck', sql`${t.currency} GLOB '[A-Z][A-Z][A-Z]'`)
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
		frozenData: text('frozen_data', { mode: 'json' }).$type<ReportSnapshot>(),
		state: text('state', { enum: ['draft', 'published', 'withdrawn'] })
			.notNull()
			.default('draft'),
		/** what the report covers: the whole plan, one axis, or the priority recommendations */
		scope: text('scope', { enum: ['plan', 'axis', 'recommendations'] })
			.notNull()
			.default('plan'),
		axisId: integer('axis_id').references(() => axes.id, { onDelete: 'restrict' }),
		/** the period's last day: reports sort and filter by it */
		periodEnd: text('period_end'),
		/** a correction is a new report that names the one it replaces (which stays as it was) */
		replacesId: integer('replaces_id').references((): AnySQLiteColumn => reports.id, { onDelete: 'restrict' }),
		/** 1 for the first report of a plan × period × scope, 2 for its first correction… */
		reportVersion: integer('report_version').notNull().default(1),
		withdrawnAt: text('withdrawn_at'),
		withdrawnBy: integer('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
		withdrawnReason: text('withdrawn_reason'),
		/** SHA-256 (hex) of the public link's token; null = no public link */
		publicTokenHash: text('public_token_hash'),
		/** the PDF rendered at publication: pending, rendering, ready, failed, or unavailable (no Chromium) */
		pdfState: text('pdf_state'),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
		publishedAt: text('published_at'),
		...version,
		...timestamps
	},
	(t) => [
		index('reports_state_idx').on(t.state, t.publishedAt),
		index('reports_plan_idx').on(t.planId, t.periodEnd),
		uniqueIndex('reports_public_token_uq').on(t.publicTokenHash),
		uniqueIndex('reports_replaces_uq').on(t.replacesId),
		// New columns are added with ALTER TABLE (a CHECK on them would rebuild the table): `reports.ts` keeps their rules.
		check('reports_state_ck', sql`${t.state} IN ('draft','published','withdrawn')`),
		check('reports_frozen_ck', sql`${t.state} <> 'published' OR (${t.frozenData} IS NOT NULL AND json_valid(${t.frozenData}))`)
	]
);

/** Files made once from a report's snapshot at publication (the PDF), kept beside it. */
export const reportFiles = sqliteTable(
	'report_files',
	{
		reportId: integer('report_id')
			.notNull()
			.references(() => reports.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['pdf'] }).notNull(),
		locale: text('locale').notNull(),
		contentType: text('content_type').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		renderMs: integer('render_ms'),
		createdAt: text('created_at').notNull().default(now)
	},
	(t) => [primaryKey({ columns: [t.reportId, t.kind, t.locale] })]
);

/** Tokens for the open-data API, created and revoked by their owner; only a hash is kept. */
export const apiTokens = sqliteTable(
	'api_tokens',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** SHA-256 (hex) of the token: the token itself is shown once, at creation */
		tokenHash: text('token_hash').notNull(),
		/** the first characters, so the owner can tell tokens apart */
		prefix: text('prefix').notNull(),
		lastUsedAt: text('last_used_at'),
		revokedAt: text('revoked_at'),
		createdAt: text('created_at').notNull().default(now)
	},
	(t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)]
);
