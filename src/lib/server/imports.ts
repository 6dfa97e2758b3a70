/**
 * Spreadsheet imports of indicator values: read an .xlsx or a .csv (`import-read`), validate every
 * row with the project's zod schema, compare with what is stored (a dry run: create / update / unchanged, or errors with sheet, row and column),
 * then apply in one transaction — nothing is written if any row is in error. The same file applied
 * twice changes nothing the second time: every row is then unchanged.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import * as audit from './audit';
import { importRuns, users } from './db/schema';
import { indicatorValueSchema } from '../schemas/reporting';
import { checkPlausible } from '../domain/indicator';
import { matchesFrequency, parsePeriod } from '../domain/period';
import { closedCodes } from './reporting-periods';
import type { Frequency, IndicatorKind } from '../domain/enums';
import { nowIso } from './write-result';
import { hasDimension } from '../schemas/json-columns';

export const VALUE_COLUMNS = ['indicator', 'period', 'region', 'value', 'source', 'note'] as const;
const REQUIRED = ['indicator', 'period', 'value'] as const;

import { readTable, type ImportIssue, type Table } from './import-read';

export { MAX_IMPORT_BYTES, readSheets, readTable, type ImportIssue, type ReadResult, type Table } from './import-read';

export type RowPlan = {
	row: number;
	action: 'create' | 'update' | 'unchanged';
	indicatorId: number;
	code: string;
	period: string;
	regionId: number | null;
	value: number;
	source: string | null;
	note: string | null;
	openId: number | null;
	openVersion: number | null;
};
export type DryRun = { ok: boolean; issues: ImportIssue[]; rows: RowPlan[]; counts: { create: number; update: number; unchanged: number }; hash: string };

/** The row schema is the entry form's, keyed by indicator code instead of id. */
const rowSchema = indicatorValueSchema.pick({ period: true, region: true, value: true, source: true, note: true });

/**
 * Validates every row and says what applying would do. `publicRecord`: the values are the public
 * record (validated at once), and then every row needs its source.
 */
export function dryRunValues(db: Db, table: Table, bytes: Buffer, opts: { publicRecord: boolean }): DryRun {
	const hash = createHash('sha256').update(bytes).digest('hex');
	const issues: ImportIssue[] = [];
	const counts = { create: 0, update: 0, unchanged: 0 };
	const missing = REQUIRED.filter((c) => !table.header.includes(c));
	if (opts.publicRecord && !table.header.includes('source')) missing.push('source' as never);
	if (missing.length)
		return {
			ok: false,
			issues: missing.map((column) => ({ sheet: table.sheet, row: 1, column, key: 'err_import_missing_column', params: { column } })),
			rows: [],
			counts,
			hash
		};

	// Everything the rows are checked against, read once (no query per row).
	const inds = new Map(
		db
			.all<{
				id: number;
				code: string;
				kind: IndicatorKind;
				frequency: Frequency;
				dimensions: string;
				min: number | null;
				max: number | null;
				planStart: string;
				planEnd: string;
			}>(
				sql`
			SELECT i.id, i.code, i.kind, i.frequency, i.dimensions, i.plausible_min AS min, i.plausible_max AS max, p.start_date AS planStart, p.end_date AS planEnd
			FROM indicators i JOIN measures m ON m.id = i.measure_id JOIN objectives o ON o.id = m.objective_id
			JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id`
			)
			.map((r) => [r.code, r])
	);
	const regions = new Map(db.all<{ id: number; iso: string }>(sql`SELECT id, iso FROM regions`).map((r) => [r.iso, r.id]));
	// Like the entry form: a closed period takes no new submission. The public record (the admin's correction, with its source) may still be set.
	const closed = new Set(opts.publicRecord ? [] : closedCodes(db));
	const cellKey = (indicatorId: number, period: string, regionId: number | null) => `${indicatorId}|${period}|${regionId ?? ''}`;
	const current = new Map<string, { value: number; source: string | null }>();
	const open = new Map<string, { id: number; version: number; value: number; state: string; source: string | null }>();
	for (const v of db.all<{
		id: number;
		indicatorId: number;
		period: string;
		regionId: number | null;
		value: number;
		state: string;
		isCurrent: number;
		version: number;
		source: string | null;
	}>(sql`
		SELECT id, indicator_id AS indicatorId, period, region_id AS regionId, value, state, is_current AS isCurrent, version, source FROM indicator_values
		WHERE sex IS NULL AND age_group IS NULL AND exploitation IS NULL AND nationality IS NULL
			AND (is_current = 1 OR state IN ('draft','submitted','returned'))`)) {
		const k = cellKey(v.indicatorId, v.period, v.regionId);
		if (v.isCurrent) current.set(k, v);
		else open.set(k, v);
	}

	const seen = new Map<string, number>();
	const rows: RowPlan[] = [];
	for (const { row, cells } of table.rows) {
		const at = (column: string, key: string, params?: Record<string, string | number>) => issues.push({ sheet: table.sheet, row, column, key, params });
		const parsed = rowSchema.safeParse({
			period: cells.period ?? '',
			region: cells.region,
			value: (cells.value ?? '').replace(/\s/g, '').replace(',', '.'),
			source: cells.source,
			note: cells.note
		});
		const ind = inds.get((cells.indicator ?? '').trim());
		if (!ind) at('indicator', 'err_import_unknown_indicator', { code: cells.indicator ?? '' });
		if (!parsed.success) {
			for (const issue of parsed.error.issues) at(String(issue.path[0] ?? ''), issue.message.startsWith('err_') ? issue.message : 'err_invalid');
			continue;
		}
		if (!ind) continue;
		const d = parsed.data;
		let ok = true;
		const refuse = (column: string, key: string, params?: Record<string, string | number>) => {
			ok = false;
			at(column, key, params);
		};
		const p = parsePeriod(d.period)!;
		if (!matchesFrequency(d.period, ind.frequency)) refuse('period', 'err_period_frequency');
		else if (p.start > ind.planEnd || p.end < ind.planStart) refuse('period', 'err_import_period_outside_plan', { start: ind.planStart, end: ind.planEnd });
		else if (closed.has(d.period)) refuse('period', 'err_period_closed');
		let regionId: number | null = null;
		if (d.region) {
			if (!hasDimension(ind.dimensions, 'region')) refuse('region', 'err_region_not_disaggregated');
			else {
				regionId = regions.get(d.region) ?? null;
				if (regionId === null) refuse('region', 'err_region_unknown');
			}
		}
		const plausible = checkPlausible(ind.kind, d.value, ind.min, ind.max);
		if (!plausible.ok) refuse('value', `err_value_${plausible.reason}`);
		if (opts.publicRecord && !d.source) refuse('source', 'err_import_source_required');
		const k = cellKey(ind.id, d.period, regionId);
		if (!ok) continue;
		if (seen.has(k)) {
			at('indicator', 'err_import_duplicate_row', { first: seen.get(k)! });
			continue;
		}
		seen.set(k, row);
		const cur = current.get(k);
		const op = open.get(k);
		const same = (x: { value: number; source: string | null } | undefined) => !!x && x.value === d.value && (x.source ?? null) === (d.source ?? null);
		// Unchanged when the record already says it: validated, or (for a workflow import) already submitted.
		const action = (opts.publicRecord ? same(cur) && !op : same(cur) || (op?.state === 'submitted' && same(op))) ? 'unchanged' : op ? 'update' : 'create';
		counts[action]++;
		rows.push({
			row,
			action,
			indicatorId: ind.id,
			code: ind.code,
			period: d.period,
			regionId,
			value: d.value,
			source: d.source ?? null,
			note: d.note ?? null,
			openId: op?.id ?? null,
			openVersion: op?.version ?? null
		});
	}
	return { ok: issues.length === 0, issues, rows, counts, hash };
}

/**
 * Applies a clean dry run in one transaction: workflow values arrive as submitted (the commission
 * validates them); public-record values are validated and become current at once. One import run
 * and one audit event with the counts.
 */
export function applyValues(
	db: Db,
	actorId: number,
	plan: DryRun,
	meta: { fileName: string; publicRecord: boolean }
): { ok: true; runId: number } | { ok: false } {
	if (!plan.ok) return { ok: false };
	return transaction(db, (tx) => {
		// a period closed since the dry run: nothing is written
		const closed = new Set(meta.publicRecord ? [] : closedCodes(tx));
		if (plan.rows.some((r) => r.action !== 'unchanged' && closed.has(r.period))) return { ok: false } as const;
		const at = nowIso();
		const state = meta.publicRecord ? 'validated' : 'submitted';
		const client = tx.$client;
		const insert =
			client.prepare(`INSERT INTO indicator_values (indicator_id, period, period_start, period_end, region_id, value, source, note, state, is_current,
				reported_by, validated_by, submitted_at, validated_at, sources, public_record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
		const updateOpen = client.prepare(
			`UPDATE indicator_values SET value = ?, source = ?, note = ?, state = ?, is_current = ?, reported_by = ?, validated_by = ?, submitted_at = ?,
				validated_at = ?, public_record = ?, version = version + 1, updated_at = ? WHERE id = ?`
		);
		const stepDown = client.prepare(
			`UPDATE indicator_values SET is_current = 0 WHERE indicator_id = ? AND period = ? AND region_id IS ? AND is_current = 1
				AND sex IS NULL AND age_group IS NULL AND exploitation IS NULL AND nationality IS NULL`
		);
		const pub = meta.publicRecord;
		for (const r of plan.rows) {
			if (r.action === 'unchanged') continue;
			if (pub) stepDown.run(r.indicatorId, r.period, r.regionId);
			const sources = pub && r.source ? JSON.stringify([{ title: r.source }]) : '[]';
			if (r.openId != null)
				updateOpen.run(r.value, r.source, r.note, state, pub ? 1 : 0, actorId, pub ? actorId : null, at, pub ? at : null, pub ? 1 : 0, at, r.openId);
			else {
				const p = parsePeriod(r.period)!;
				insert.run(
					r.indicatorId,
					r.period,
					p.start,
					p.end,
					r.regionId,
					r.value,
					r.source,
					r.note,
					state,
					pub ? 1 : 0,
					actorId,
					pub ? actorId : null,
					at,
					pub ? at : null,
					sources,
					pub ? 1 : 0
				);
			}
		}
		const run = tx
			.insert(importRuns)
			.values({ kind: 'values', fileName: meta.fileName, fileHash: plan.hash, userId: actorId, counts: plan.counts })
			.returning({ id: importRuns.id })
			.get();
		audit.record(tx, {
			userId: actorId,
			action: 'import',
			entity: 'import_run',
			entityId: run.id,
			after: { kind: 'values', fileName: meta.fileName, hash: plan.hash, counts: plan.counts, publicRecord: meta.publicRecord }
		});
		return { ok: true, runId: run.id } as const;
	});
}

// ---- the upload between the dry run and the apply ----

/**
 * Where an uploaded file waits between its dry run and its apply, under its SHA-256: a form without
 * JavaScript cannot send the same file twice, and every server worker sees the same folder.
 */
export function pendingDir(): string {
	const db = (process.env.DATABASE_URL ?? 'data/rasd.db').replace(/^file:/, '');
	return db === ':memory:' ? join(tmpdir(), 'rasd-import-pending') : join(dirname(resolve(db)), 'import-pending');
}

/** Keeps the bytes under their hash (and drops files left more than a day). */
export function keepPending(bytes: Buffer): string {
	const dir = pendingDir();
	mkdirSync(dir, { recursive: true });
	const hash = createHash('sha256').update(bytes).digest('hex');
	const dayAgo = Date.now() - 86_400_000;
	for (const name of readdirSync(dir)) {
		try {
			if (statSync(join(dir, name)).mtimeMs < dayAgo) rmSync(join(dir, name), { force: true });
		} catch {
			/* removed by another worker meanwhile */
		}
	}
	writeFileSync(join(dir, hash), bytes);
	return hash;
}

/** The pending file of `hash`, or null once applied or expired. `hash` is checked by the form schema. */
export function readPending(hash: string): Buffer | null {
	if (!/^[0-9a-f]{64}$/.test(hash)) return null;
	try {
		return readFileSync(join(pendingDir(), hash));
	} catch {
		return null;
	}
}

export function dropPending(hash: string): void {
	if (/^[0-9a-f]{64}$/.test(hash)) rmSync(join(pendingDir(), hash), { force: true });
}

/** The recorded imports, newest first, with who ran them. */
export function listRuns(db: Db, limit = 20) {
	// `counts` is a JSON column: drizzle parses it.
	return db
		.select({
			id: importRuns.id,
			kind: importRuns.kind,
			fileName: importRuns.fileName,
			fileHash: importRuns.fileHash,
			counts: importRuns.counts,
			createdAt: importRuns.createdAt,
			userName: users.name
		})
		.from(importRuns)
		.leftJoin(users, eq(users.id, importRuns.userId))
		.orderBy(desc(importRuns.id))
		.limit(limit)
		.all();
}

// ---- one entry for the page: check a file of either kind, apply it ----

/** What the page shows of a dry run: capped lists, so a file of 10,000 bad rows still renders. */
export type CheckSummary = {
	ok: boolean;
	hash: string;
	counts: DryRun['counts'];
	issues: ImportIssue[];
	issueCount: number;
	changes: { sheet: string; row: number; action: 'create' | 'update'; item: string }[];
	changeCount: number;
};
export const SHOWN_ISSUES = 300;
export const SHOWN_CHANGES = 100;

type Checked = { summary: CheckSummary; plan: DryRun | null };

/** Reads and dry-runs an uploaded file of indicator values. */
export async function checkValues(db: Db, bytes: Buffer, fileName: string, opts: { publicRecord: boolean }): Promise<Checked> {
	const read = await readTable(bytes, fileName);
	const hash = createHash('sha256').update(bytes).digest('hex');
	if (!read.ok) return { summary: summarize({ ok: false, hash, counts: { create: 0, update: 0, unchanged: 0 }, issues: read.issues }, []), plan: null };
	const plan = dryRunValues(db, read.table, bytes, opts);
	const iso = new Map(db.all<{ id: number; iso: string }>(sql`SELECT id, iso FROM regions`).map((r) => [r.id, r.iso]));
	const changes = plan.rows
		.filter((r) => r.action !== 'unchanged')
		.map((r) => ({
			sheet: read.table.sheet,
			row: r.row,
			action: r.action as 'create' | 'update',
			item: `${r.code} · ${r.period}${r.regionId ? ` · ${iso.get(r.regionId)}` : ''} = ${r.value}`
		}));
	return { summary: summarize(plan, changes), plan };
}

export function summarize(
	plan: { ok: boolean; hash: string; counts: DryRun['counts']; issues: ImportIssue[] },
	changes: CheckSummary['changes']
): CheckSummary {
	return {
		ok: plan.ok,
		hash: plan.hash,
		counts: plan.counts,
		issues: plan.issues.slice(0, SHOWN_ISSUES),
		issueCount: plan.issues.length,
		changes: changes.slice(0, SHOWN_CHANGES),
		changeCount: changes.length
	};
}
