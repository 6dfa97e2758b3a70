/**
 * Helpers shared by the table modules: CHECK builders and the column groups most tables carry.
 */
import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** `col IN ('a','b',…)` for a CHECK constraint. */
export function oneOf(column: string, values: readonly string[]) {
	return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}
export function nullOrOneOf(column: string, values: readonly string[]) {
	return sql.raw(`${column} IS NULL OR ${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}

export const isoDate = (column: string) => sql.raw(`${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

export const timestamps = {
	createdAt: text('created_at').notNull().default(now),
	updatedAt: text('updated_at').notNull().default(now)
};
export const sources = {
	/** JSON array of `{ title, url, date }`; empty for demonstration rows. */
	sources: text('sources').notNull().default('[]'),
	isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false)
};
export const version = { version: integer('version').notNull().default(1) };
