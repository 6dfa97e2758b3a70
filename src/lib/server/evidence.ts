/**
 * Evidence files and links. Files are checked from their content, stored outside the web root under
 * a random name, and only ever served through the authorised download route.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from './db/client';
import { resolveDatabasePath, transaction } from './db/client';
import { evidence, progressUpdates } from './db/schema';
import { can, type Actor, type Target } from './auth/permissions';
import * as audit from './audit';
import { MAX_EVIDENCE_BYTES, sniffEvidenceType } from '../domain/reporting';
import { notFound, wrongState, type WriteResult } from './write-result';
import { fileNameSchema } from '../schemas/common';

/** EVIDENCE_DIR, or an `evidence` folder beside the database file (data/evidence by default). */
export function evidenceDir(): string {
	if (process.env.EVIDENCE_DIR) return resolve(process.env.EVIDENCE_DIR);
	const db = resolveDatabasePath(process.env.DATABASE_URL);
	return db === ':memory:' ? resolve('data/evidence') : join(dirname(db), 'evidence');
}

export interface StoredFile {
	storedName: string;
	fileName: string;
	mimeType: string;
	sizeBytes: number;
}

/** Checks and writes an uploaded file; the caller records it (or calls `discard` if that fails). */
export async function storeUpload(file: File): Promise<{ ok: true; file: StoredFile } | { ok: false; error: string }> {
	if (file.size === 0) return { ok: false, error: 'err_file_empty' };
	if (file.size > MAX_EVIDENCE_BYTES) return { ok: false, error: 'err_file_too_large' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const mimeType = sniffEvidenceType(bytes, file.name);
	if (!mimeType) return { ok: false, error: 'err_file_type' };
	const dir = evidenceDir();
	mkdirSync(dir, { recursive: true });
	const storedName = randomBytes(18).toString('hex');
	writeFileSync(join(dir, storedName), bytes, { flag: 'wx' });
	// Keep only a harmless display name: no path, no control or bidi characters (report\u202Efdp.exe).
	const fileName = fileNameSchema.parse(file.name);
	return { ok: true, file: { storedName, fileName, mimeType, sizeBytes: bytes.length } };
}

export function discard(storedName: string): void {
	rmSync(join(evidenceDir(), storedName), { force: true });
}

export function readStored(storedName: string): Buffer | null {
	if (!/^[0-9a-f]{36}$/.test(storedName)) return null;
	const path = join(evidenceDir(), storedName);
	return existsSync(path) ? readFileSync(path) : null;
}

export interface NewEvidence {
	link?: { url: string; label?: string | null };
	file?: StoredFile;
	visibility: 'public' | 'restricted';
}

/**
 * Records new evidence of an update, inside the caller's transaction. Each item belongs to the
 * uploader's institution for good: that decides who sees it when restricted and who may remove it.
 */
export function insertEvidence(tx: Db, actor: { id: number; institutionId: number | null }, updateId: number, items: NewEvidence): void {
	const owner = { visibility: items.visibility, uploadedBy: actor.id, institutionId: actor.institutionId };
	if (items.link) {
		const row = tx
			.insert(evidence)
			.values({ progressUpdateId: updateId, kind: 'link', url: items.link.url, label: items.link.label ?? null, ...owner })
			.returning()
			.get();
		audit.record(tx, { userId: actor.id, action: 'add_evidence', entity: 'evidence', entityId: row.id, after: row });
	}
	if (items.file) {
		const row = tx
			.insert(evidence)
			.values({ progressUpdateId: updateId, kind: 'file', ...items.file, ...owner })
			.returning()
			.get();
		audit.record(tx, { userId: actor.id, action: 'add_evidence', entity: 'evidence', entityId: row.id, after: row });
	}
}

type EvidenceRow = typeof evidence.$inferSelect;

/** What the permission rules need to know of a piece of evidence: its measure's owners, visibility, uploader, validation. */
export function evidenceTarget(measure: Target, e: Pick<EvidenceRow, 'visibility' | 'institutionId'>, updateState: string | null): Target {
	return { ...measure, visibility: e.visibility, reportingInstitutionId: e.institutionId, validated: updateState === 'validated' };
}

/**
 * The evidence of an update as `viewer` may see it: only the items the rules let them read, each
 * saying whether they may remove it; never the stored name.
 */
export function forViewer(viewer: Actor | null | undefined, measure: Target, updateState: string, rows: readonly EvidenceRow[]) {
	return rows
		.filter((e) => can(viewer, 'evidence.read', evidenceTarget(measure, e, updateState)))
		.map(({ storedName: _stored, ...e }) => ({ ...e, removable: can(viewer, 'evidence.remove', evidenceTarget(measure, e, updateState)) }));
}

/** Removes a piece of evidence from an update still being written. */
export function remove(db: Db, actorId: number, evidenceId: number): WriteResult<{ storedName: string | null }> {
	const result = transaction(db, (tx) => {
		const row = tx
			.select({ e: evidence, u: progressUpdates })
			.from(evidence)
			.innerJoin(progressUpdates, eq(progressUpdates.id, evidence.progressUpdateId))
			.where(eq(evidence.id, evidenceId))
			.get();
		if (!row) return notFound();
		if (row.u.state !== 'draft' && row.u.state !== 'returned') return wrongState(row.u.state);
		tx.delete(evidence).where(eq(evidence.id, evidenceId)).run();
		tx.update(progressUpdates)
			.set({ version: row.u.version + 1 })
			.where(eq(progressUpdates.id, row.u.id))
			.run();
		audit.record(tx, { userId: actorId, action: 'remove_evidence', entity: 'evidence', entityId: evidenceId, before: row.e });
		return { ok: true as const, value: { storedName: row.e.storedName } };
	});
	if (result.ok && result.value.storedName) discard(result.value.storedName);
	return result;
}

/** An evidence row with what the permission check needs: its update's measure and state (the row has its owner). */
export function getWithOwner(db: Db, evidenceId: number) {
	return db
		.select({ e: evidence, measureId: progressUpdates.measureId, updateState: progressUpdates.state })
		.from(evidence)
		.leftJoin(progressUpdates, eq(progressUpdates.id, evidence.progressUpdateId))
		.where(eq(evidence.id, evidenceId))
		.get();
}
