/** Reference data: the 12 regions and the institutions. */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { INSTITUTION_KINDS } from '../../../domain/enums';
import { oneOf, timestamps, sources, version } from './columns';

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
		/** the caveat of the public record about this region (a figure sources disagree on), shown with it */
		note: text('note'),
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
		/** what Arabic writes where French and English use an acronym (المنظمة الدولية للهجرة for OIM/IOM); null where it writes the name */
		acronymAr: text('acronym_ar'),
		acronymEn: text('acronym_en'),
		/** the name as commonly written, per language ("Ministère de la Justice", "وزارة العدل"): labels, charts */
		shortNameFr: text('short_name_fr'),
		shortNameAr: text('short_name_ar'),
		shortNameEn: text('short_name_en'),
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
	(t) => [uniqueIndex('institutions_code_uq').on(t.code), check('institutions_kind_ck', oneOf('kind', INSTITUTION_KINDS))]
);
