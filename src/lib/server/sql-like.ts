/**
 * `q` as a LIKE pattern matching it as a substring, with `\`, `%` and `_` taken literally:
 * use it with `ESCAPE '\'` (SQLite's LIKE folds ASCII letters only).
 */
export function likePattern(q: string): string {
	return `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}
