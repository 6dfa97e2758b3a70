/**
 * Import and export of the plan's structure (axes, objectives, measures, indicators, and their links to
 * institutions, regions and recommendations) in one workbook, a sheet per level. The code identifies a
 * row: an existing code is updated, a new one created, nothing is deleted. The export is the same
 * workbook filled in, and every stored row is read back through the import's own schemas to compare, so
 * export → edit → import round-trips and an untouched export imports as "unchanged" everywhere.
 *
 * One module past 400 lines on purpose: the apply writes exactly what the dry run decided (create,
 * update, unchanged per row), sheet by sheet in the same parent-before-child order; apart, the two
 * halves would have to keep that order and the decided rows' shape in step across files.
 *
 * Relative imports only: the bench runs these modules under tsx.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import * as audit from './audit';
import { importRuns } from './db/schema';
import { readSheets, summarize, type CheckSummary, type ImportIssue, type Table } from './imports';
import { workbook, type SheetSpec } from './import-templates';
import { STRUCTURE_SHEETS, type AxisRow, type IndicatorRow, type MeasureRow, type ObjectiveRow, type StructureSheet } from '../schemas/structure';
import { nowIso } from './write-result';

const SHEETS = Object.keys(STRUCTURE_SHEETS) as StructureSheet[];
type Parsed = { axes: AxisRow; objectives: ObjectiveRow; measures: MeasureRow; indicators: IndicatorRow };
type Cell = string | number | null;
export type StructureRow<S extends StructureSheet = StructureSheet> = { sheet: S; row: number; action: 'create' | 'update' | 'unchanged'; data: Parsed[S] };
export type StructureDryRun = {
	ok: boolean;
	issues: ImportIssue[];
	rows: StructureRow[];
	counts: { create: number; update: number; unchanged: number };
	hash: string;
};

export const STRUCTURE_SPECS: SheetSpec[] = SHEETS.map((name) => ({
	name,
	columns: Object.entries(STRUCTURE_SHEETS[name].columns).map(([c, required]) => ({ name: c, required, help: `import_help_s_${c}` }))
}));
const INTRO = ['import_tpl_structure_1', 'import_tpl_structure_2', 'import_tpl_structure_3'];

const list = (v: string | null) => (v ? v.split(',').sort().join('; ') : '');

/** Every stored row of the structure, keyed by the workbook's columns: what the export writes. */
export function exportData(db: Db): Record<StructureSheet, Record<string, Cell>[]> {
	return {
		axes: db.all<Record<string, Cell>>(
			sql`SELECT p.code AS plan, a.code, a.title_fr, a.title_ar, a.title_en, a.pillar, a.sort_order AS "order" FROM axes a
				JOIN plans p ON p.id = a.plan_id ORDER BY p.sort_order, p.code, a.sort_order, a.code`
		),
		objectives: db.all<Record<string, Cell>>(
			sql`SELECT a.code AS axis, o.code, o.title_fr, o.title_ar, o.title_en, o.sort_order AS "order" FROM objectives o
				JOIN axes a ON a.id = o.axis_id ORDER BY a.code, o.sort_order, o.code`
		),
		measures: db
			.all<Record<string, Cell>>(
				sql`
				SELECT o.code AS objective, m.code, m.title_fr, m.title_ar, m.title_en, l.code AS lead,
					(SELECT group_concat(i.code) FROM measure_institutions mi JOIN institutions i ON i.id = mi.institution_id
						WHERE mi.measure_id = m.id) AS contributors,
					(SELECT group_concat(r.iso) FROM measure_regions mr JOIN regions r ON r.id = mr.region_id WHERE mr.measure_id = m.id) AS regions,
					m.start_date AS start, m.deadline, m.weight, m.pillar,
					(SELECT group_concat(rc.code) FROM recommendation_measures rm JOIN recommendations rc ON rc.id = rm.recommendation_id
						WHERE rm.measure_id = m.id) AS recommendations,
					m.sort_order AS "order"
				FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN institutions l ON l.id = m.lead_institution_id ORDER BY o.code,
					m.sort_order, m.code`
			)
			.map((r) => ({
				...r,
				contributors: list(r.contributors as string | null),
				regions: list(r.regions as string | null),
				recommendations: list(r.recommendations as string | null)
			})),
		indicators: db
			.all<Record<string, Cell>>(
				sql`
				SELECT m.code AS measure, i.code, i.name_fr, i.name_ar, i.name_en, i.kind, i.frequency, i.unit, i.unit_ar, i.unit_en,
					i.baseline_value AS baseline, i.baseline_year, i.target_value AS target, i.target_year, i.direction,
					(SELECT group_concat(value) FROM json_each(i.dimensions)) AS dimensions, i.sensitive, i.sdg_target AS sdg
				FROM indicators i JOIN measures m ON m.id = i.measure_id ORDER BY m.code, i.sort_order, i.code`
			)
			.map((r) => ({ ...r, dimensions: list(r.dimensions as string | null), sensitive: r.sensitive ? 'yes' : 'no' }))
	};
}

/** The structure workbook of what is stored: edit it in Excel and import it again. */
export async function exportWorkbook(db: Db): Promise<Buffer> {
	const data = exportData(db);
	const rows = Object.fromEntries(STRUCTURE_SPECS.map((s) => [s.name, data[s.name as StructureSheet].map((r) => s.columns.map((c) => r[c.name] ?? null))]));
	return workbook(STRUCTURE_SPECS, INTRO, rows);
}

/** The empty structure workbook, with the codes the references may use. */
export async function template(db: Db): Promise<Buffer> {
	const ref = (title: string, rows: Cell[][]) => ({ name: title, rows });
	return workbook(STRUCTURE_SPECS, INTRO, {}, [
		ref('plans', [
			['code', 'title_fr', 'start', 'end'],
			...db.all<Cell[]>(sql`SELECT code, title_fr, start_date, end_date FROM plans ORDER BY sort_order, code`).map((r) => Object.values(r))
		]),
		ref('institutions', [
			['code', 'name_fr'],
			...db.all<Cell[]>(sql`SELECT code, name_fr FROM institutions WHERE active = 1 ORDER BY code`).map((r) => Object.values(r))
		]),
		ref('regions', [['iso', 'name_fr'], ...db.all<Cell[]>(sql`SELECT iso, name_fr FROM regions ORDER BY iso`).map((r) => Object.values(r))]),
		ref('recommendations', [
			['code', 'title_fr'],
			...db.all<Cell[]>(sql`SELECT code, title_fr FROM recommendations ORDER BY code`).map((r) => Object.values(r))
		])
	]);
}

const asText = (v: Cell | undefined) => (v == null ? '' : String(v));

/** The items placed within their parent (move up / down), each with the column naming that parent. */
const PLACED = { measures: 'objective_id', indicators: 'measure_id' } as const;
type Placed = keyof typeof PLACED;
/** SQL of the place after the last item of `table` under `parent` (a bound parameter, such as `@objective` or `?`). */
const lastIn = (parent: string, table: Placed = 'measures') => `(SELECT coalesce(max(sort_order), 0) + 1 FROM ${table} WHERE ${PLACED[table]} = ${parent})`;
/**
 * SQL of a measure's (an indicator's) place once it is under the objective (measure) `parent`: its own where
 * it already is, last when it comes from another (the editor's move and the import place it the same way).
 */
export const placeIn = (parent: string, table: Placed = 'measures') =>
	`CASE WHEN ${PLACED[table]} = ${parent} THEN sort_order ELSE ${lastIn(parent, table)} END`;

/** Validates every row of every sheet present and says what applying would do. */
export function dryRunStructure(db: Db, tables: readonly Table[], bytes: Buffer): StructureDryRun {
	const hash = createHash('sha256').update(bytes).digest('hex');
	const issues: ImportIssue[] = [];
	const counts = { create: 0, update: 0, unchanged: 0 };
	const rows: StructureRow[] = [];

	// What is stored, read once and parsed through the same schemas, so equal means equal.
	const stored = exportData(db);
	const normal = (s: StructureSheet, r: Record<string, Cell>) => {
		const p = STRUCTURE_SHEETS[s].schema.safeParse(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asText(v)])));
		// A stored row the schema would refuse (older data) compares unequal: the file's row updates it.
		return p.success ? (p.data as Record<string, unknown>) : null;
	};
	const current = Object.fromEntries(SHEETS.map((s) => [s, new Map(stored[s].map((r) => [String(r.code), normal(s, r)]))])) as Record<
		StructureSheet,
		Map<string, Record<string, unknown> | null>
	>;
	/** Whether a row says what is stored; an empty (or absent) order column keeps the stored place, so it is no change. */
	const same = (row: Record<string, unknown>, was: Record<string, unknown> | null) =>
		was !== null && JSON.stringify(row.order === undefined ? { ...was, order: undefined } : was) === JSON.stringify(row);
	const plans = new Map(
		db.all<{ code: string; start: string; end: string }>(sql`SELECT code, start_date AS start, end_date AS "end" FROM plans`).map((p) => [p.code, p])
	);
	// What is archived: nothing is added under it (restored first, it takes new items again).
	const archived = Object.fromEntries(
		(['plans', 'axes', 'objectives', 'measures'] as const).map((t) => [
			t,
			new Set(db.all<{ code: string }>(sql`SELECT code FROM ${sql.raw(t)} WHERE archived_at IS NOT NULL`).map((r) => r.code))
		])
	) as Record<'plans' | 'axes' | 'objectives' | 'measures', Set<string>>;
	const institutions = new Map(db.all<{ code: string; active: number }>(sql`SELECT code, active FROM institutions`).map((i) => [i.code, i.active]));
	const regions = new Set(db.all<{ iso: string }>(sql`SELECT iso FROM regions`).map((r) => r.iso));
	const recommendations = new Set(db.all<{ code: string }>(sql`SELECT code FROM recommendations`).map((r) => r.code));
	// Parent of each code, stored or given by the file (the file wins: a row may move its item).
	const parentOf = {
		axes: new Map(stored.axes.map((r) => [String(r.code), String(r.plan)])),
		objectives: new Map(stored.objectives.map((r) => [String(r.code), String(r.axis)])),
		measures: new Map(stored.measures.map((r) => [String(r.code), String(r.objective)]))
	};
	const storedParent = {
		axes: new Map(parentOf.axes),
		objectives: new Map(parentOf.objectives),
		measures: new Map(parentOf.measures),
		indicators: new Map(stored.indicators.map((r) => [String(r.code), String(r.measure)]))
	};
	/** The first archived item from `code` (of `level`) up to its plan, through the parents stored or given by the file. */
	const archivedAbove = (level: 'plans' | 'axes' | 'objectives' | 'measures', code: string | undefined): string | null => {
		if (code === undefined) return null;
		if (archived[level].has(code)) return code;
		if (level === 'plans') return null;
		const up = { axes: 'plans', objectives: 'axes', measures: 'objectives' } as const;
		return archivedAbove(up[level], parentOf[level].get(code));
	};
	const PARENT = { axes: ['plan', 'plans'], objectives: ['axis', 'axes'], measures: ['objective', 'objectives'], indicators: ['measure', 'measures'] } as const;

	const byName = new Map(tables.map((t) => [t.sheet.toLowerCase(), t]));
	for (const sheet of SHEETS) {
		const table = byName.get(sheet);
		if (!table) continue;
		const spec = STRUCTURE_SHEETS[sheet];
		const missing = Object.entries(spec.columns)
			.filter(([c, required]) => required && !table.header.includes(c))
			.map(([c]) => c);
		if (missing.length) {
			for (const column of missing) issues.push({ sheet: table.sheet, row: 1, column, key: 'err_import_missing_column', params: { column } });
			continue;
		}
		const seen = new Map<string, number>();
		for (const { row, cells } of table.rows) {
			const at = (column: string, key: string, params?: Record<string, string | number>) => issues.push({ sheet: table.sheet, row, column, key, params });
			const parsed = spec.schema.safeParse(Object.fromEntries(Object.keys(spec.columns).map((c) => [c, cells[c] ?? ''])));
			if (!parsed.success) {
				const done = new Set<string>();
				for (const issue of parsed.error.issues) {
					const column = String(issue.path[0] ?? '');
					if (done.has(column)) continue;
					done.add(column);
					at(column, issue.message.startsWith('err_') ? issue.message : 'err_invalid');
				}
				continue;
			}
			const d = parsed.data as Parsed[typeof sheet];
			if (seen.has(d.code)) {
				at('code', 'err_import_duplicate_code', { code: d.code, first: seen.get(d.code)! });
				continue;
			}
			seen.set(d.code, row);
			let ok = true;
			const fail = (column: string, key: string, params?: Record<string, string | number>) => ((ok = false), at(column, key, params));
			if (sheet === 'axes') {
				const r = d as AxisRow;
				if (!plans.has(r.plan)) fail('plan', 'err_import_unknown_parent', { code: r.plan });
				else parentOf.axes.set(r.code, r.plan);
			} else if (sheet === 'objectives') {
				const r = d as ObjectiveRow;
				if (!parentOf.axes.has(r.axis)) fail('axis', 'err_import_unknown_parent', { code: r.axis });
				else parentOf.objectives.set(r.code, r.axis);
			} else if (sheet === 'measures') {
				const r = d as MeasureRow;
				const plan = plans.get(parentOf.axes.get(parentOf.objectives.get(r.objective) ?? '') ?? '');
				if (!parentOf.objectives.has(r.objective)) fail('objective', 'err_import_unknown_parent', { code: r.objective });
				if (!institutions.get(r.lead)) fail('lead', 'err_import_unknown_institution', { code: r.lead });
				const unknown = r.contributors.filter((c) => !institutions.get(c));
				if (unknown.length) fail('contributors', 'err_import_unknown_institution', { code: unknown.join(', ') });
				const badRegions = r.regions.filter((c) => !regions.has(c));
				if (badRegions.length) fail('regions', 'err_region_unknown');
				const badRecs = r.recommendations.filter((c) => !recommendations.has(c));
				if (badRecs.length) fail('recommendations', 'err_import_unknown_recommendation', { code: badRecs.join(', ') });
				if (plan) {
					for (const column of ['start', 'deadline'] as const)
						if (r[column] < plan.start || r[column] > plan.end) fail(column, 'err_import_date_outside_plan', { start: plan.start, end: plan.end });
				}
				if (ok) parentOf.measures.set(r.code, r.objective);
			} else {
				const r = d as IndicatorRow;
				if (!parentOf.measures.has(r.measure)) fail('measure', 'err_import_unknown_parent', { code: r.measure });
			}
			// A new item, or one moved, under an archived plan (or axis, objective, measure) would be live under what has left the live plan.
			const [parentColumn, parentLevel] = PARENT[sheet];
			const parentCode = (d as Record<string, unknown>)[parentColumn] as string;
			if (ok && storedParent[sheet].get(d.code) !== parentCode) {
				const stop = archivedAbove(parentLevel, parentCode);
				if (stop) fail(parentColumn, 'err_import_parent_archived', { code: stop });
			}
			if (!ok) continue;
			const before = current[sheet].get(d.code);
			const action = before === undefined ? 'create' : same(d, before) ? 'unchanged' : 'update';
			counts[action]++;
			rows.push({ sheet, row, action, data: d } as StructureRow);
		}
	}
	return { ok: issues.length === 0, issues, rows, counts, hash };
}

/** Reads and dry-runs an uploaded structure workbook, for the import page. */
export async function checkStructure(db: Db, bytes: Buffer, fileName: string): Promise<{ summary: CheckSummary; plan: StructureDryRun | null }> {
	const read = await readSheets(bytes, fileName, SHEETS);
	const hash = createHash('sha256').update(bytes).digest('hex');
	if (!read.ok) return { summary: summarize({ ok: false, hash, counts: { create: 0, update: 0, unchanged: 0 }, issues: read.issues }, []), plan: null };
	const plan = dryRunStructure(db, read.tables, bytes);
	const changes = plan.rows
		.filter((r) => r.action !== 'unchanged')
		.map((r) => ({
			sheet: r.sheet,
			row: r.row,
			action: r.action as 'create' | 'update',
			item: `${r.data.code} — ${'title_fr' in r.data ? r.data.title_fr : r.data.name_fr}`
		}));
	return { summary: summarize(plan, changes), plan };
}

/** Applies a clean dry run in one transaction, level by level (a new axis before its objectives), with one import run and one audit event. */
export function applyStructure(
	db: Db,
	actorId: number,
	plan: StructureDryRun,
	meta: { fileName: string; edit?: { entity: string; before: unknown } }
): { ok: true; runId: number } | { ok: false } {
	if (!plan.ok) return { ok: false };
	return transaction(db, (tx) => {
		const c = tx.$client;
		const at = nowIso();
		const ids = (table: string) => new Map((c.prepare(`SELECT code, id FROM ${table}`).all() as { code: string; id: number }[]).map((r) => [r.code, r.id]));
		const changed = <S extends StructureSheet>(sheet: S) => plan.rows.filter((r): r is StructureRow<S> => r.sheet === sheet && r.action !== 'unchanged');

		const planIds = ids('plans');
		for (const { action, data: r } of changed('axes')) {
			if (action === 'create')
				c.prepare(`INSERT INTO axes (plan_id, code, title_fr, title_ar, title_en, pillar, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
					planIds.get(r.plan),
					r.code,
					r.title_fr,
					r.title_ar ?? null,
					r.title_en ?? null,
					r.pillar ?? null,
					r.order ?? 0
				);
			else
				c.prepare(
					`UPDATE axes SET plan_id = ?, title_fr = ?, title_ar = ?, title_en = ?, pillar = ?, sort_order = coalesce(?, sort_order),
						version = version + 1, updated_at = ? WHERE code = ?`
				).run(planIds.get(r.plan), r.title_fr, r.title_ar ?? null, r.title_en ?? null, r.pillar ?? null, r.order ?? null, at, r.code);
		}
		const axisIds = ids('axes');
		for (const { action, data: r } of changed('objectives')) {
			if (action === 'create')
				c.prepare(`INSERT INTO objectives (axis_id, code, title_fr, title_ar, title_en, sort_order) VALUES (?, ?, ?, ?, ?, ?)`).run(
					axisIds.get(r.axis),
					r.code,
					r.title_fr,
					r.title_ar ?? null,
					r.title_en ?? null,
					r.order ?? 0
				);
			else
				c.prepare(
					`UPDATE objectives SET axis_id = ?, title_fr = ?, title_ar = ?, title_en = ?, sort_order = coalesce(?, sort_order),
						version = version + 1, updated_at = ? WHERE code = ?`
				).run(axisIds.get(r.axis), r.title_fr, r.title_ar ?? null, r.title_en ?? null, r.order ?? null, at, r.code);
		}
		const objectiveIds = ids('objectives');
		const instIds = ids('institutions');
		const regionIds = new Map((c.prepare(`SELECT iso, id FROM regions`).all() as { iso: string; id: number }[]).map((r) => [r.iso, r.id]));
		const recIds = ids('recommendations');
		for (const { action, data: r } of changed('measures')) {
			const fields = {
				objective: objectiveIds.get(r.objective),
				code: r.code,
				title_fr: r.title_fr,
				title_ar: r.title_ar ?? null,
				title_en: r.title_en ?? null,
				lead: instIds.get(r.lead),
				start: r.start,
				deadline: r.deadline,
				pillar: r.pillar ?? null,
				order: r.order ?? null
			};
			if (action === 'create')
				c.prepare(
					// A new measure takes the row's order, or comes last in its objective.
					`INSERT INTO measures (objective_id, code, title_fr, title_ar, title_en, lead_institution_id, start_date, deadline, weight,
						pillar, sort_order)
					VALUES (@objective, @code, @title_fr, @title_ar, @title_en, @lead, @start, @deadline, @weight, @pillar, coalesce(@order,
						${lastIn('@objective')}))`
				).run({ ...fields, weight: r.weight ?? 1 });
			else
				c.prepare(
					// The row's order, or its place: kept in its objective, last in another (rows in file order, so several moved keep the file's order).
					`UPDATE measures SET sort_order = coalesce(@order, ${placeIn('@objective')}), objective_id = @objective, title_fr = @title_fr,
						title_ar = @title_ar, title_en = @title_en,
						lead_institution_id = @lead, start_date = @start, deadline = @deadline, weight = coalesce(@weight, weight), pillar = @pillar,
							version = version + 1, updated_at = @at WHERE code = @code`
				).run({ ...fields, weight: r.weight ?? null, at });
			const id = (c.prepare(`SELECT id FROM measures WHERE code = ?`).get(r.code) as { id: number }).id;
			// The links are the row's lists: replaced as a whole.
			c.prepare(`DELETE FROM measure_institutions WHERE measure_id = ?`).run(id);
			for (const code of r.contributors)
				if (code !== r.lead) c.prepare(`INSERT INTO measure_institutions (measure_id, institution_id) VALUES (?, ?)`).run(id, instIds.get(code));
			c.prepare(`DELETE FROM measure_regions WHERE measure_id = ?`).run(id);
			for (const iso of r.regions) c.prepare(`INSERT INTO measure_regions (measure_id, region_id) VALUES (?, ?)`).run(id, regionIds.get(iso));
			c.prepare(`DELETE FROM recommendation_measures WHERE measure_id = ?`).run(id);
			for (const code of r.recommendations)
				c.prepare(`INSERT INTO recommendation_measures (recommendation_id, measure_id) VALUES (?, ?)`).run(recIds.get(code), id);
		}
		const measureIds = ids('measures');
		for (const { action, data: r } of changed('indicators')) {
			const v = [
				measureIds.get(r.measure),
				r.name_fr,
				r.name_ar ?? null,
				r.name_en ?? null,
				r.kind,
				r.frequency,
				r.unit ?? null,
				r.unit_ar ?? null,
				r.unit_en ?? null,
				r.baseline ?? null,
				r.baseline_year ?? null,
				r.target ?? null,
				r.target_year ?? null,
				r.direction,
				JSON.stringify(r.dimensions),
				r.sensitive ? 1 : 0,
				r.sdg ?? null
			];
			// A new indicator comes last in its measure, and so does one moved to another measure (as measures do).
			if (action === 'create')
				c.prepare(
					`INSERT INTO indicators (measure_id, name_fr, name_ar, name_en, kind, frequency, unit, unit_ar, unit_en, baseline_value,
						baseline_year, target_value, target_year, direction, dimensions, sensitive, sdg_target, code,
						sort_order) VALUES (${v.map(() => '?').join(', ')}, ?, ${lastIn('?', 'indicators')})`
				).run(...v, r.code, v[0]);
			else
				c.prepare(
					`UPDATE indicators SET measure_id = ?, name_fr = ?, name_ar = ?, name_en = ?, kind = ?, frequency = ?, unit = ?, unit_ar = ?,
						unit_en = ?, baseline_value = ?, baseline_year = ?, target_value = ?, target_year = ?, direction = ?, dimensions = ?,
						sensitive = ?, sdg_target = ?, version = version + 1, updated_at = ?, sort_order = ${placeIn('?', 'indicators')} WHERE code = ?`
				).run(...v, at, v[0], v[0], r.code);
		}
		// One item edited by hand (the plan editor): audited as that item's change, not as an import run.
		if (meta.edit) {
			const r = plan.rows[0];
			if (r && r.action !== 'unchanged') {
				const id = (c.prepare(`SELECT id FROM ${r.sheet} WHERE code = ?`).get(r.data.code) as { id: number }).id;
				audit.record(tx, { userId: actorId, action: r.action, entity: meta.edit.entity, entityId: id, before: meta.edit.before ?? undefined, after: r.data });
			}
			return { ok: true, runId: 0 } as const;
		}
		const run = tx
			.insert(importRuns)
			.values({ kind: 'structure', fileName: meta.fileName, fileHash: plan.hash, userId: actorId, counts: plan.counts })
			.returning({ id: importRuns.id })
			.get();
		const bySheet = Object.fromEntries(
			SHEETS.map((s) => [s, plan.rows.filter((r) => r.sheet === s && r.action !== 'unchanged').map((r) => `${r.action}:${r.data.code}`)])
		);
		audit.record(tx, {
			userId: actorId,
			action: 'import',
			entity: 'import_run',
			entityId: run.id,
			after: { kind: 'structure', fileName: meta.fileName, hash: plan.hash, counts: plan.counts, changed: bySheet }
		});
		return { ok: true, runId: run.id } as const;
	});
}
