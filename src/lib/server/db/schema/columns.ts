/**
 * Helpers shared by the table modules: CHECK builders and the column groups most tables carry.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, primaryKey, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

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

/** One side of a many-to-many link: the property name, the SQL column and what it references. */
export interface LinkEnd<K extends string> {
	key: K;
	column: string;
	references: () => AnySQLiteColumn;
	/** `cascade`: the link goes with the row; `restrict`: the row cannot go while linked. */
	onDelete: 'cascade' | 'restrict';
}

const linkColumn = (end: LinkEnd<string>) => integer(end.column).notNull().references(end.references, { onDelete: end.onDelete });
type LinkColumn = ReturnType<typeof linkColumn>;

/**
 * A many-to-many link table: the two id columns (not null, foreign keys), their pair as the
 * primary key (which also serves reads from the left side), and one index for reads from the
 * right side, on `(right, left)` or, with `rightOnly`, on `right` alone.
 */
export function linkTable<N extends string, L extends string, R extends string>(
	name: N,
	left: LinkEnd<L>,
	right: LinkEnd<R>,
	reverseIndex: { name: string; rightOnly?: boolean }
) {
	const columns = { [left.key]: linkColumn(left), [right.key]: linkColumn(right) } as Record<L | R, LinkColumn>;
	return sqliteTable(name, columns, (t) => {
		const l = t[left.key];
		const r = t[right.key];
		return [primaryKey({ columns: [l, r] }), reverseIndex.rightOnly ? index(reverseIndex.name).on(r) : index(reverseIndex.name).on(r, l)];
	});
}
