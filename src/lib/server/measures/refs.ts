/**
 * Small look-ups by code that routes make before a write: where a measure moved, its id and version.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { indicators, measures } from '../db/schema';

/** The current code of a measure that had `code` before it moved, if any. */
export function movedTo(db: Db, code: string): string | null {
	const row = db.get<{ code: string }>(sql`SELECT m.code FROM measure_former_codes f JOIN measures m ON m.id = f.measure_id WHERE f.code = ${code}`);
	return row?.code ?? null;
}

/** Just enough of a measure to authorize and address a write. */
export function getMeasureRef(db: Db, code: string) {
	return db.select({ id: measures.id, code: measures.code, version: measures.version }).from(measures).where(eq(measures.code, code)).get() ?? null;
}

export function indicatorBelongs(db: Db, indicatorId: number, measureId: number): boolean {
	return !!db
		.select({ id: indicators.id })
		.from(indicators)
		.where(and(eq(indicators.id, indicatorId), eq(indicators.measureId, measureId)))
		.get();
}
