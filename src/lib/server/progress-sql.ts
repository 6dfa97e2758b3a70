/**
 * The weighted progress of `$lib/domain/progress` (`weightedProgress`) as SQL aggregates, so roll-ups are
 * computed in the query: the mean of progress weighted by `weight`, cancelled measures left out, NULL (not
 * 0 %) when no weight counts, rounded to one decimal as the pages show it. The SQL twin of the domain
 * function, as `flags-sql` is of `domain/status`; tests/integration/progress-sql.test.ts checks they agree.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** The columns of a measure (or a snapshot row) the mean reads. */
export interface ProgressColumns {
	status: SQLWrapper;
	progress: SQLWrapper;
	weight: SQLWrapper;
}

/** `alias` is the table's alias in the query (`s` for the snapshot); or the columns themselves. */
function columnsOf(c: string | ProgressColumns): ProgressColumns {
	if (typeof c !== 'string') return c;
	return { status: sql.raw(`${c}.status`), progress: sql.raw(`${c}.progress`), weight: sql.raw(`${c}.weight`) };
}

/** The two sums the mean is made of (Σ progress × weight, Σ weight over non-cancelled rows), for roll-ups that regroup partial sums. */
export function progressSumsSql(c: string | ProgressColumns): { pw: SQL<number | null>; w: SQL<number | null> } {
	const { status, progress, weight } = columnsOf(c);
	return {
		pw: sql<number | null>`sum(CASE WHEN ${status} <> 'cancelled' THEN ${progress} * ${weight} END)`,
		w: sql<number | null>`sum(CASE WHEN ${status} <> 'cancelled' THEN ${weight} END)`
	};
}

/** The weighted mean progress 0..100 of a group, one decimal; NULL when no weight counts. */
export function weightedProgressSql(c: string | ProgressColumns): SQL<number | null> {
	const { pw, w } = progressSumsSql(c);
	return sql<number | null>`round(${pw} / nullif(${w}, 0), 1)`;
}
