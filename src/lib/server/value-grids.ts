/**
 * Value grids: one indicator's total for a period and region with its breakdowns (sex, age group,
 * form of exploitation, nationality and the countries of foreign victims), entered on one screen
 * and carried through the reporting loop as one figure. The total row is the grid's head: it holds
 * the version, is what the review queue shows, and validating or returning it does the same to
 * the grid's breakdown rows in the same transaction (`indicator-values.review`).
 */
import { and, eq, inArray, isNull, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { indicatorValues, indicators, regions } from './db/schema';
import * as audit from './audit';
import { BREAKDOWN_DIMENSIONS, CATEGORIES, checkGrid, type BreakdownDimension, type Grid, type GridError } from '../domain/breakdown';
import { matchesFrequency, parsePeriod } from '../domain/period';
import { conflict, notFound, nowIso, wrongState, type WriteResult } from './write-result';
import type { GridInput } from '../schemas/grid';
import { refuseClosedPeriod, refuseOutsidePlan } from './workflow';
import { parseDimensions } from '../schemas/json-columns';

const OPEN = ['draft', 'submitted', 'returned'] as const;

/** Whether an indicator's values have breakdowns to enter on a grid (anything besides region). */
export function hasBreakdowns(dimensionsJson: string): boolean {
	return parseDimensions(dimensionsJson).some((d) => (BREAKDOWN_DIMENSIONS as readonly string[]).includes(d));
}

/** The rows of a grid: indicator × period × region, any categories. */
function gridRows(indicatorId: number, period: string, regionId: number | null) {
	return and(
		eq(indicatorValues.indicatorId, indicatorId),
		eq(indicatorValues.period, period),
		regionId == null ? isNull(indicatorValues.regionId) : eq(indicatorValues.regionId, regionId)
	);
}
const isBreakdown = or(
	isNotNull(indicatorValues.sex),
	isNotNull(indicatorValues.ageGroup),
	isNotNull(indicatorValues.exploitation),
	isNotNull(indicatorValues.nationality)
);

type Row = typeof indicatorValues.$inferSelect;

/** The single category a one-dimension breakdown row is for; null for a total or a cross (sex × age) row. */
export function categoryOf(r: Pick<Row, 'sex' | 'ageGroup' | 'exploitation' | 'nationality'>): { dimension: BreakdownDimension; category: string } | null {
	const set = (
		[
			['sex', r.sex],
			['age_group', r.ageGroup],
			['exploitation', r.exploitation],
			['nationality', r.nationality]
		] as const
	).filter(([, v]) => v != null);
	if (set.length !== 1) return null;
	return { dimension: set[0]![0], category: set[0]![1]! };
}

/** The grid a set of rows makes: the total and one-dimension parts; countries are nationalities other than moroccan/foreign. */
export function gridOf(rows: Row[]): Grid {
	const grid: Grid = { total: null, parts: {}, countries: {} };
	for (const r of rows) {
		const c = categoryOf(r);
		if (!c) {
			if (!r.sex && !r.ageGroup && !r.exploitation && !r.nationality) grid.total = r.value;
			continue;
		}
		if (c.dimension === 'nationality' && !CATEGORIES.nationality.includes(c.category)) grid.countries![c.category] = r.value;
		else (grid.parts[c.dimension] ??= {})[c.category] = r.value;
	}
	return grid;
}

export interface OpenGrid {
	head: Row;
	regionIso: string | null;
	grid: Grid;
}

/** The open grids (draft, submitted, returned) of an indicator, for the entry form. */
export function openGrids(db: Db, indicatorId: number): OpenGrid[] {
	const rows = db
		.select({ v: indicatorValues, iso: regions.iso })
		.from(indicatorValues)
		.leftJoin(regions, eq(regions.id, indicatorValues.regionId))
		.where(and(eq(indicatorValues.indicatorId, indicatorId), inArray(indicatorValues.state, [...OPEN])))
		.orderBy(indicatorValues.periodStart, regions.iso)
		.all();
	const byCell = new Map<string, { iso: string | null; rows: Row[] }>();
	for (const { v, iso } of rows) {
		const k = `${v.period}|${v.regionId ?? ''}`;
		if (!byCell.has(k)) byCell.set(k, { iso, rows: [] });
		byCell.get(k)!.rows.push(v);
	}
	const out: OpenGrid[] = [];
	for (const { iso, rows: rs } of byCell.values()) {
		const head = rs.find((r) => !categoryOf(r) && !r.sex && !r.ageGroup && !r.exploitation && !r.nationality);
		if (head) out.push({ head, regionIso: iso, grid: gridOf(rs) });
	}
	return out;
}

/** The validated grid of a cell (its current rows), to start a correction from. */
export function currentGrid(db: Db, indicatorId: number, period: string, regionIso: string | null): Grid | null {
	const regionId = regionIso ? (db.select({ id: regions.id }).from(regions).where(eq(regions.iso, regionIso)).get()?.id ?? -1) : null;
	const rows = db
		.select()
		.from(indicatorValues)
		.where(and(gridRows(indicatorId, period, regionId), eq(indicatorValues.isCurrent, true)))
		.all();
	return rows.length ? gridOf(rows) : null;
}

export type GridResult = WriteResult<{ id: number; version: number; state: string }> | { ok: false; kind: 'grid'; errors: GridError[] };

/** The breakdown cells of a grid as (column values, value) pairs. */
function breakdownCells(grid: Grid): { cats: Partial<Record<BreakdownDimension, string>>; value: number }[] {
	const out: { cats: Partial<Record<BreakdownDimension, string>>; value: number }[] = [];
	for (const dim of BREAKDOWN_DIMENSIONS)
		for (const [cat, v] of Object.entries(grid.parts[dim] ?? {})) if (v != null) out.push({ cats: { [dim]: cat }, value: v });
	for (const [code, v] of Object.entries(grid.countries ?? {})) if (v != null) out.push({ cats: { nationality: code }, value: v });
	return out;
}

/**
 * Saves a grid as a draft or submits it: checks it against the indicator's dimensions
 * ({@link checkGrid}), then writes the total and every breakdown row in one transaction with one
 * audit event. The total row's version guards the whole grid; a submitted grid cannot be edited.
 */
export function save(db: Db, actor: { id: number }, input: GridInput): GridResult {
	return transaction(db, (tx): GridResult => {
		const ind = tx.select().from(indicators).where(eq(indicators.id, input.indicatorId)).get();
		if (!ind) return notFound();
		const dims = parseDimensions(ind.dimensions);
		const errors: GridError[] = [];
		if (!matchesFrequency(input.period, ind.frequency)) errors.push({ field: 'period', key: 'err_period_frequency' });
		let regionId: number | null = null;
		if (input.region) {
			if (!dims.includes('region')) errors.push({ field: 'region', key: 'err_region_not_disaggregated' });
			else {
				regionId = tx.select({ id: regions.id }).from(regions).where(eq(regions.iso, input.region)).get()?.id ?? null;
				if (regionId == null) errors.push({ field: 'region', key: 'err_region_unknown' });
			}
		}
		errors.push(...checkGrid(input.grid, dims));
		if (input.grid.total == null && !errors.some((e) => e.field === 'total')) errors.push({ field: 'total', key: 'err_grid_total_missing' });
		if (errors.length) return { ok: false, kind: 'grid', errors };

		const open = tx
			.select()
			.from(indicatorValues)
			.where(and(gridRows(ind.id, input.period, regionId), inArray(indicatorValues.state, [...OPEN])))
			.all();
		const head = open.find((r) => !r.sex && !r.ageGroup && !r.exploitation && !r.nationality);
		if (head && (head.id !== input.valueId || head.version !== input.version)) return conflict(head);
		// The row the form was opened on, shown only when it is this indicator's (an id is no way to read another's).
		if (!head && input.valueId !== undefined)
			return conflict(
				tx
					.select()
					.from(indicatorValues)
					.where(and(eq(indicatorValues.id, input.valueId), eq(indicatorValues.indicatorId, ind.id)))
					.get() ?? null
			);
		if (head?.state === 'submitted') return wrongState('submitted');
		if (refuseClosedPeriod(tx, input.period)) return { ok: false, kind: 'grid', errors: [{ field: 'period', key: 'err_period_closed' }] };

		const p = parsePeriod(input.period)!;
		if (refuseOutsidePlan(tx, ind.measureId, 'period', p.start, p.end))
			return { ok: false, kind: 'grid', errors: [{ field: 'period', key: 'err_outside_plan' }] };
		const submitting = input.intent === 'submit';
		const at = nowIso();
		const fields = {
			source: input.source ?? null,
			note: input.note ?? null,
			state: submitting ? ('submitted' as const) : ('draft' as const),
			submittedAt: submitting ? at : null,
			reportedBy: actor.id,
			updatedAt: at
		};
		const before = head ? { head, grid: gridOf(open) } : undefined;
		const key = { indicatorId: ind.id, period: input.period, periodStart: p.start, periodEnd: p.end, regionId };
		const row = head
			? tx
					.update(indicatorValues)
					.set({ ...fields, value: input.grid.total!, version: head.version + 1 })
					.where(eq(indicatorValues.id, head.id))
					.returning()
					.get()
			: tx
					.insert(indicatorValues)
					.values({ ...fields, ...key, value: input.grid.total! })
					.returning()
					.get();
		// The open breakdown rows are replaced wholesale: a part left empty is no longer reported.
		const oldParts = open.filter((r) => r !== head).map((r) => r.id);
		if (oldParts.length) tx.delete(indicatorValues).where(inArray(indicatorValues.id, oldParts)).run();
		const cells = breakdownCells(input.grid);
		if (cells.length)
			tx.insert(indicatorValues)
				.values(
					cells.map((c) => ({
						...fields,
						...key,
						value: c.value,
						sex: c.cats.sex as never,
						ageGroup: c.cats.age_group as never,
						exploitation: c.cats.exploitation as never,
						nationality: c.cats.nationality ?? null
					}))
				)
				.run();
		audit.record(tx, {
			userId: actor.id,
			action: submitting ? 'submit' : 'save_draft',
			entity: 'indicator_value',
			entityId: row.id,
			before,
			after: { head: row, grid: input.grid }
		});
		return { ok: true, value: { id: row.id, version: row.version, state: row.state } };
	});
}

/**
 * Inside a review of a grid's total (same transaction): the grid's submitted breakdown rows follow
 * it. On validation the cell's previous breakdown rows all step down — the new grid replaces the
 * old one whole, so a part it no longer gives does not linger beside figures it does not add up to.
 */
export function reviewBreakdowns(tx: Db, head: Row, decision: 'validate' | 'return', reviewerId: number, comment: string | null, at: string): number {
	const cell = and(gridRows(head.indicatorId, head.period, head.regionId), isBreakdown);
	const submitted = tx
		.select({ id: indicatorValues.id })
		.from(indicatorValues)
		.where(and(cell, eq(indicatorValues.state, 'submitted')))
		.all()
		.map((r) => r.id);
	if (decision === 'return') {
		if (submitted.length)
			tx.update(indicatorValues)
				.set({ state: 'returned', validatedBy: reviewerId, reviewComment: comment, updatedAt: at, version: sql`${indicatorValues.version} + 1` })
				.where(inArray(indicatorValues.id, submitted))
				.run();
		return submitted.length;
	}
	tx.update(indicatorValues)
		.set({ isCurrent: false })
		.where(and(cell, eq(indicatorValues.isCurrent, true)))
		.run();
	if (submitted.length)
		tx.update(indicatorValues)
			.set({
				state: 'validated',
				isCurrent: true,
				validatedBy: reviewerId,
				validatedAt: at,
				reviewComment: comment,
				updatedAt: at,
				version: sql`${indicatorValues.version} + 1`
			})
			.where(inArray(indicatorValues.id, submitted))
			.run();
	return submitted.length;
}
