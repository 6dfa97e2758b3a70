/**
 * JSON read from SQL. A table's JSON column is declared `text(…, { mode: 'json' }).$type<T>()` and the
 * query builder parses it itself; what a raw `sql` select returns is text: a JSON column read there,
 * or a value SQLite built (`json_object`, `json_group_array`). That text is parsed here, in one place,
 * and the caller names its type. SQLite wrote it (or a `json_valid` CHECK guards it), so its shape is
 * the query's; a value from outside (a file, a form) is checked with zod before it is stored.
 *
 * Relative imports only: the bench scripts run the dashboard modules under tsx, outside Vite.
 */

/** A JSON value of a raw select, as `T`; a value the driver already parsed is passed on. */
export function sqlJson<T>(value: unknown): T {
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** The same, with SQL NULL (a LEFT JOIN that found nothing, a `CASE … ELSE NULL`) as null. */
export function sqlJsonOrNull<T>(value: unknown): T | null {
	return value == null ? null : sqlJson<T>(value);
}
