/**
 * The indicator search (trigram index, or LIKE when the query is too short).
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { likePattern } from '../sql-like';
import { type Json, str, type Titles, type Names, titlesOf, namesOf } from './blocks';

// ─── Indicator explorer ─────────────────────────────────────────────────────────────────────────

export interface IndicatorChoice extends Names {
	code: string;
	measureCode: string;
	/** the measure's title, for the list's headings (indicators grouped by measure) */
	measure: Titles;
	isDemo: boolean;
}

/** `q` as a substring of the code, the measure's code or a name, with LIKE (ASCII letters case-insensitive, `%` and `_` literal). */
function likeWhere(q: string): SQL {
	const p = likePattern(q);
	return sql`(i.code LIKE ${p} ESCAPE '\\' OR m.code LIKE ${p} ESCAPE '\\'
		OR i.name_fr LIKE ${p} ESCAPE '\\' OR i.name_ar LIKE ${p} ESCAPE '\\' OR i.name_en LIKE ${p} ESCAPE '\\')`;
}

/**
 * `q` as an FTS5 phrase over `indicator_search` (migration 0002): with its trigram tokenizer a phrase
 * is a substring of one of the indexed columns, case-folded (every letter with a case, not only ASCII;
 * accents kept). Everything between the double quotes is literal (`%`, `_`, `*`, `\`…): only `"` is doubled.
 */
function ftsPhrase(q: string): string {
	return `"${q.replaceAll('"', '""')}"`;
}

/** The trigram index answers substrings of 3 characters or more (code points, as the tokenizer counts them); shorter ones match nothing through it. */
const FTS_MIN_CHARS = 3;

/** LIKE folds ASCII letters only: it finds what the index finds when `q` has no other letter with a case (Arabic has none). */
function likeFoldsAsIndex(q: string): boolean {
	return [...q].every((c) => c <= '\x7f' || c.toLowerCase() === c.toUpperCase());
}

/** A common substring's first matches are looked for with LIKE among this many × `limit` indicators, in code order. */
const COMMON_PREFIX_FACTOR = 20;

/** A search counts its matches up to this many ("500+"). */
export const SEARCH_COUNT_CAP = 500;

const CHOICE_COLUMNS = sql`i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.is_demo AS isDemo, m.code AS measureCode,
	m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn`;

/** The explorer's list shows this many indicators a page. */
export const EXPLORER_PAGE_SIZE = 50;

/**
 * Indicators whose code, measure code or name (in any language) contains `q`, by code, at most `limit` after the first `offset`;
 * and how many match (capped). Case-insensitive (for ASCII letters at least: through the index, for every letter with a case);
 * `%` and `_` are literal.
 */
export function searchIndicators(
	db: Db,
	q: string | undefined,
	limit = EXPLORER_PAGE_SIZE,
	offset = 0
): { rows: IndicatorChoice[]; total: number; capped: boolean } {
	const { rows, total } = q && [...q].length >= FTS_MIN_CHARS ? searchIndex(db, q, limit, offset) : searchScan(db, q, limit, offset);
	return {
		total,
		capped: total >= SEARCH_COUNT_CAP,
		rows: rows.map((r) => ({ code: str(r.code), ...namesOf(r), isDemo: !!r.isDemo, measureCode: str(r.measureCode), measure: titlesOf(r) }))
	};
}

/**
 * Through the trigram index (`q` of 3 characters or more). The live matches are counted up to the cap (index
 * first, then each match's row). Under the cap, those few indicators are fetched by rowid and sorted by code (`CROSS JOIN`:
 * the index first, never probed once per indicator). At the cap the substring is common, up to every
 * indicator, and sorting them all would cost more than finding the first ones in code order: LIKE over
 * the first `limit × COMMON_PREFIX_FACTOR` indicators by code finds them when they are not rare there;
 * otherwise the narrow code index is walked in order (`INDEXED BY`), keeping the rowids the index matched.
 */
function searchIndex(db: Db, q: string, limit: number, offset: number): { rows: Json[]; total: number } {
	const phrase = ftsPhrase(q);
	// counted as shown: an archived indicator (or one of an archived measure) is in the index but not in the list
	const total =
		db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM indicator_search s CROSS JOIN indicators i ON i.id = s.rowid
			JOIN measures m ON m.id = i.measure_id AND i.archived_at IS NULL AND m.archived_at IS NULL
			WHERE s.indicator_search MATCH ${phrase} LIMIT ${SEARCH_COUNT_CAP})`)?.n ?? 0;
	if (total === 0) return { rows: [], total };
	if (total < SEARCH_COUNT_CAP) {
		const rows = db.all<Json>(sql`
			SELECT ${CHOICE_COLUMNS}
			FROM indicator_search s CROSS JOIN indicators i ON i.id = s.rowid JOIN measures m ON m.id = i.measure_id AND i.archived_at IS NULL AND m.archived_at IS NULL
			WHERE s.indicator_search MATCH ${phrase} ORDER BY i.code LIMIT ${limit} OFFSET ${offset}`);
		return { rows, total };
	}
	if (likeFoldsAsIndex(q)) {
		// `offset + limit` matches among the first indicators by code are the first `offset + limit` matches of all.
		const first = db.all<Json>(sql`
			SELECT ${CHOICE_COLUMNS}
			FROM (SELECT id FROM indicators INDEXED BY indicators_code_uq ORDER BY code LIMIT ${(offset + limit) * COMMON_PREFIX_FACTOR}) w
			CROSS JOIN indicators i ON i.id = w.id JOIN measures m ON m.id = i.measure_id AND i.archived_at IS NULL AND m.archived_at IS NULL
			WHERE ${likeWhere(q)} ORDER BY i.code LIMIT ${limit} OFFSET ${offset}`);
		if (first.length === limit) return { rows: first, total };
	}
	const rows = db.all<Json>(sql`
		SELECT ${CHOICE_COLUMNS}
		FROM (SELECT id FROM indicators INDEXED BY indicators_code_uq
			WHERE id IN (SELECT rowid FROM indicator_search WHERE indicator_search MATCH ${phrase}) ORDER BY code LIMIT ${limit} OFFSET ${offset}) p
		CROSS JOIN indicators i ON i.id = p.id JOIN measures m ON m.id = i.measure_id AND i.archived_at IS NULL AND m.archived_at IS NULL
		ORDER BY i.code`);
	return { rows, total };
}

/** Without the index: no `q` (every indicator), or one too short for it (LIKE over every indicator in code order, counted up to the cap). */
function searchScan(db: Db, q: string | undefined, limit: number, offset: number): { rows: Json[]; total: number } {
	const where = q ? likeWhere(q) : sql`1`;
	const rows = db.all<Json>(
		sql`SELECT ${CHOICE_COLUMNS} FROM indicators i JOIN measures m ON m.id = i.measure_id AND i.archived_at IS NULL AND m.archived_at IS NULL
			WHERE ${where} ORDER BY i.code LIMIT ${limit} OFFSET ${offset}`
	);
	const total =
		db.get<{ n: number }>(
			sql`SELECT count(*) AS n FROM (SELECT 1 FROM indicators i JOIN measures m ON m.id = i.measure_id AND i.archived_at IS NULL AND m.archived_at IS NULL
				WHERE ${where} LIMIT ${SEARCH_COUNT_CAP})`
		)?.n ?? 0;
	return { rows, total };
}
