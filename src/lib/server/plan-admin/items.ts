/** Creating and editing one item or one plan from a form: the structure import's row checks, one row at a time. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { transaction } from '../db/client';
import * as audit from '../audit';
import { applyStructure, dryRunStructure } from '../structure-import';
import { planCode, planFormSchema, STRUCTURE_SHEETS, type PlanForm } from '../../schemas/structure';
import { fieldErrors } from '../../schemas/common';
import type { ImportIssue } from '../imports';
import { conflict, invalid, notFound, nowIso, type WriteResult } from '../write-result';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../domain/enums';
import { ENTITY, type Level } from './levels';
import { get } from './read';
import { usage } from './removal';

type Say = (params: Record<string, string | number>, options: { locale: Locale }) => string;
/** A row's issues as a form's field errors: a message key, or, where it names something (a code), the message said in the user's language. */
const toErrors = (issues: ImportIssue[], locale: Locale) =>
	Object.fromEntries(
		issues.map((i) => {
			const say = (m as unknown as Record<string, Say | undefined>)[i.key];
			return [i.column || '_form', i.params && say ? say(i.params, { locale }) : i.key];
		})
	);

/**
 * Creates (`version` absent) or updates one item from form fields named as the workbook's columns.
 * The row goes through the structure import's checks; the write is audited as an edit, not an import.
 */
export function save(
	db: Db,
	actorId: number,
	level: Level,
	fields: Record<string, string>,
	version?: number,
	locale: Locale = 'fr'
): WriteResult<{ code: string }> {
	const columns = Object.keys(STRUCTURE_SHEETS[level].columns);
	const code = planCode.safeParse(fields.code ?? '');
	if (!code.success) return invalid({ code: 'err_code_invalid' });
	const existing = get(db, level, code.data);
	if (version === undefined && existing) return invalid({ code: 'err_code_taken' });
	if (version !== undefined) {
		if (!existing) return notFound();
		if (existing.version !== version) return conflict(existing);
	}
	const cells = Object.fromEntries(columns.map((c) => [c, (fields[c] ?? '').trim()]));
	// at national scale an indicator's measure is typed, not picked: an unknown code is said as such, in the user's language
	if (level === 'indicators' && cells.measure && !db.get(sql`SELECT 1 FROM measures WHERE code = ${cells.measure}`))
		return invalid({ measure: m.err_plan_measure_unknown({ code: cells.measure }, { locale }) });
	if (level === 'indicators' && existing) {
		const locked = lockedChanges(db, code.data, existing.values, cells, locale);
		if (locked) return invalid(locked);
	}
	const plan = dryRunStructure(db, [{ sheet: level, header: columns, rows: [{ row: 1, cells }] }], Buffer.from(JSON.stringify(cells)));
	if (!plan.ok) return invalid(toErrors(plan.issues, locale));
	const applied = applyStructure(db, actorId, plan, { fileName: '', edit: { entity: ENTITY[level], before: existing?.values ?? null } });
	return applied.ok ? { ok: true, value: { code: code.data } } : invalid({ _form: 'err_invalid' });
}

/**
 * An indicator's kind and frequency say what its values mean (a count, a rate; per year, per semester): once
 * it has values, changing either would make them lie, so it is refused with the number of values, said in the
 * user's language.
 */
function lockedChanges(db: Db, code: string, before: Record<string, string>, cells: Record<string, string>, locale: Locale): Record<string, string> | null {
	const changed = (['kind', 'frequency'] as const).filter((f) => cells[f] !== before[f]);
	if (!changed.length) return null;
	const count = usage(db, 'indicators', code).values;
	if (!count) return null;
	const say = { kind: m.err_indicator_kind_has_values, frequency: m.err_indicator_frequency_has_values };
	return Object.fromEntries(changed.map((f) => [f, say[f]({ count }, { locale })]));
}

/** A plan as its form shows it, with its version and archive mark. */
export function getPlan(db: Db, code: string) {
	const row = db.get<{
		id: number;
		version: number;
		archivedAt: string | null;
		code: string;
		kind: string;
		title_fr: string;
		title_ar: string | null;
		title_en: string | null;
		start: string;
		end: string;
		description_fr: string | null;
		description_ar: string | null;
		description_en: string | null;
		adopted_on: string | null;
		parent: string | null;
		note: string | null;
	}>(
		sql`SELECT p.id, p.version, p.archived_at AS archivedAt, p.code, p.kind, p.title_fr, p.title_ar, p.title_en, p.start_date AS start, p.end_date AS "end",
			p.description_fr, p.description_ar, p.description_en, p.adopted_on, (SELECT x.code FROM plans x WHERE x.id = p.parent_id) AS parent, p.note
		FROM plans p WHERE p.code = ${code}`
	);
	if (!row) return null;
	const { id, version, archivedAt, ...rest } = row;
	return { id, version, archivedAt, values: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v ?? ''])) as Record<string, string> };
}

/**
 * Creates (`version` absent) or updates a plan. Its dates must still frame its measures' (the import refuses
 * a measure outside its plan's dates, so a plan must not shrink around one): refused on the date that would
 * leave a measure out, naming it, in the user's language. The plan it implements must exist and be neither
 * itself nor a plan that implements it (the public pages walk that chain).
 */
export function savePlan(db: Db, actorId: number, fields: Record<string, string>, version?: number, locale: Locale = 'fr'): WriteResult<{ code: string }> {
	const parsed = planFormSchema.safeParse(fields);
	if (!parsed.success) return invalid(fieldErrors(parsed.error));
	const p = parsed.data;
	const existing = getPlan(db, p.code);
	if (version === undefined && existing) return invalid({ code: 'err_code_taken' });
	if (version !== undefined) {
		if (!existing) return notFound();
		if (existing.version !== version) return conflict(existing);
	}
	const errors: Record<string, string> = {};
	if (existing) {
		const outside = measuresOutside(db, existing.id, p.start, p.end);
		if (outside.early) errors.start = m.err_plan_dates_exclude_measure({ code: outside.early.code, date: outside.early.date }, { locale });
		if (outside.late) errors.end = m.err_plan_dates_exclude_measure({ code: outside.late.code, date: outside.late.date }, { locale });
	}
	const parentId = p.parent ? (db.get<{ id: number }>(sql`SELECT id FROM plans WHERE code = ${p.parent}`)?.id ?? null) : null;
	if (p.parent && parentId === null) errors.parent = m.err_import_unknown_parent({ code: p.parent }, { locale });
	else if (p.parent === p.code || (existing && parentId !== null && implementsPlan(db, parentId, existing.id))) errors.parent = 'err_plan_parent_cycle';
	if (Object.keys(errors).length) return invalid(errors);
	return transaction(db, (tx) => {
		const c = tx.$client;
		// every field of the form, an empty one as NULL; the parent stored by its id
		const values = Object.fromEntries(PLAN_FIELDS.map((f) => [f, p[f] ?? null]));
		const row = { ...values, parent: parentId };
		let id: number;
		if (existing) {
			c.prepare(
				`UPDATE plans SET kind = @kind, title_fr = @title_fr, title_ar = @title_ar, title_en = @title_en, start_date = @start, end_date = @end,
					description_fr = @description_fr, description_ar = @description_ar, description_en = @description_en, adopted_on = @adopted_on,
					parent_id = @parent, note = @note, version = version + 1, updated_at = @at WHERE id = @id`
			).run({ ...row, at: nowIso(), id: existing.id });
			id = existing.id;
		} else {
			// A new plan comes last.
			const r = c
				.prepare(
					`INSERT INTO plans (code, kind, title_fr, title_ar, title_en, start_date, end_date, description_fr, description_ar,
						description_en, adopted_on, parent_id, note, sort_order)
					VALUES (@code, @kind, @title_fr, @title_ar, @title_en, @start, @end, @description_fr, @description_ar, @description_en,
						@adopted_on, @parent, @note,
						(SELECT coalesce(max(sort_order), 0) + 1 FROM plans))`
				)
				.run(row);
			id = Number(r.lastInsertRowid);
		}
		audit.record(tx, {
			userId: actorId,
			action: existing ? 'update' : 'create',
			entity: 'plan',
			entityId: id,
			before: existing?.values ?? null,
			after: values
		});
		return { ok: true, value: { code: p.code } } as const;
	});
}

/** The plan form's fields, as `savePlan` writes and audits them. */
const PLAN_FIELDS = [
	'code',
	'kind',
	'title_fr',
	'title_ar',
	'title_en',
	'start',
	'end',
	'description_fr',
	'description_ar',
	'description_en',
	'adopted_on',
	'parent',
	'note'
] as const satisfies readonly (keyof PlanForm)[];

/** Whether plan `planId` is plan `ancestorId` or implements it, directly or through other plans. */
function implementsPlan(db: Db, planId: number, ancestorId: number): boolean {
	return !!db.get(sql`
		WITH RECURSIVE up(id) AS (SELECT ${planId} UNION SELECT p.parent_id FROM plans p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL)
		SELECT 1 FROM up WHERE id = ${ancestorId}`);
}

/** The measure starting first before `start` and the one due last after `end`, if any, among the plan's. */
function measuresOutside(db: Db, planId: number, start: string, end: string) {
	const under = sql`FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id WHERE a.plan_id = ${planId}`;
	return {
		early: db.get<{ code: string; date: string }>(
			sql`SELECT m.code, m.start_date AS date ${under} AND m.start_date < ${start} ORDER BY m.start_date, m.code LIMIT 1`
		),
		late: db.get<{ code: string; date: string }>(
			sql`SELECT m.code, m.deadline AS date ${under} AND m.deadline > ${end} ORDER BY m.deadline DESC, m.code LIMIT 1`
		)
	};
}

const LISTS = new Set(['contributors', 'regions', 'recommendations', 'dimensions']);
/** A form's fields as a workbook row: multi-valued fields (selects, checkboxes) joined with ";". */
export function fieldsOf(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data) {
		if (typeof v !== 'string') continue;
		out[k] = LISTS.has(k)
			? data
					.getAll(k)
					.filter((x): x is string => typeof x === 'string')
					.join(';')
			: v;
	}
	return out;
}
