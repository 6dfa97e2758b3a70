/**
 * Rules of the reporting loop that do not need a database: what a progress update may say, and
 * what an evidence file really is. The server applies them; the unit tests pin them down.
 */
import type { MeasureStatus } from './enums';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface UpdateDraft {
	status: MeasureStatus;
	progress: number;
	narrativeFr?: string | null;
	narrativeAr?: string | null;
	narrativeEn?: string | null;
}

export function hasNarrative(u: UpdateDraft): boolean {
	return [u.narrativeFr, u.narrativeAr, u.narrativeEn].some((t) => !!t && t.trim().length > 0);
}

/**
 * Field → message key for what is wrong with an update, given the measure's validated progress.
 * `submitting` adds what a draft may still lack (a narrative).
 */
export function checkUpdate(u: UpdateDraft, currentProgress: number, submitting: boolean): Record<string, string> {
	const errors: Record<string, string> = {};
	if (u.status === 'completed' && u.progress !== 100) errors.progress = 'err_completed_needs_100';
	if (u.progress < currentProgress && !hasNarrative(u)) errors.narrativeFr = 'err_progress_decrease_needs_narrative';
	else if (submitting && !hasNarrative(u)) errors.narrativeFr = 'err_narrative_required';
	return errors;
}

/** What evidence files may be; the type is decided from the bytes, never from the name alone. */
export const EVIDENCE_TYPES = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	doc: 'application/msword',
	xls: 'application/vnd.ms-excel',
	ppt: 'application/vnd.ms-powerpoint'
} as const;

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
	return sig.every((b, i) => bytes[offset + i] === b);
}

/**
 * The MIME type of an evidence file from its first bytes (and, for zip- and OLE-based office files,
 * which share a signature, its extension). Null when it is not an accepted type.
 */
export function sniffEvidenceType(bytes: Uint8Array, fileName: string): string | null {
	const ext = fileName.toLowerCase().split('.').pop() ?? '';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return EVIDENCE_TYPES.pdf; // %PDF-
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return EVIDENCE_TYPES.png;
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return EVIDENCE_TYPES.jpeg;
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return EVIDENCE_TYPES.webp;
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		if (ext === 'docx' || ext === 'xlsx' || ext === 'pptx' || ext === 'odt' || ext === 'ods') return EVIDENCE_TYPES[ext];
		return null;
	}
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
		if (ext === 'doc' || ext === 'xls' || ext === 'ppt') return EVIDENCE_TYPES[ext];
		return null;
	}
	return null;
}
