import { describe, it, expect } from 'vitest';
import { checkUpdate, sniffEvidenceType, EVIDENCE_TYPES } from '../../src/lib/domain/reporting';

describe('progress update rules', () => {
	it('refuses "completed" below 100 %', () => {
		expect(checkUpdate({ status: 'completed', progress: 90, narrativeFr: 'ok' }, 50, true)).toEqual({ progress: 'err_completed_needs_100' });
		expect(checkUpdate({ status: 'completed', progress: 100, narrativeFr: 'ok' }, 50, true)).toEqual({});
	});
	it('refuses a decrease without a narrative, even in a draft', () => {
		expect(checkUpdate({ status: 'in_progress', progress: 40 }, 50, false)).toEqual({ narrativeFr: 'err_progress_decrease_needs_narrative' });
		expect(checkUpdate({ status: 'in_progress', progress: 40, narrativeAr: 'تأخر بسبب…' }, 50, false)).toEqual({});
	});
	it('lets a draft go without a narrative but not a submission', () => {
		expect(checkUpdate({ status: 'in_progress', progress: 60 }, 50, false)).toEqual({});
		expect(checkUpdate({ status: 'in_progress', progress: 60, narrativeEn: '  ' }, 50, true)).toEqual({ narrativeFr: 'err_narrative_required' });
	});
});

describe('evidence file types', () => {
	const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);
	it('recognises PDF, images and office files from their content', () => {
		expect(sniffEvidenceType(new TextEncoder().encode('%PDF-1.7\n'), 'rapport.pdf')).toBe(EVIDENCE_TYPES.pdf);
		expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'x.png')).toBe(EVIDENCE_TYPES.png);
		expect(sniffEvidenceType(bytes(0xff, 0xd8, 0xff, 0xe0), 'photo.jpg')).toBe(EVIDENCE_TYPES.jpeg);
		expect(sniffEvidenceType(bytes(0x50, 0x4b, 0x03, 0x04), 'bilan.XLSX')).toBe(EVIDENCE_TYPES.xlsx);
		expect(sniffEvidenceType(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'old.doc')).toBe(EVIDENCE_TYPES.doc);
	});
	it('refuses a file whose name lies about its content', () => {
		expect(sniffEvidenceType(new TextEncoder().encode('<html><script>'), 'rapport.pdf')).toBeNull();
		expect(sniffEvidenceType(new TextEncoder().encode('MZ\x90\x00'), 'setup.pdf')).toBeNull();
		// a zip that is not an office document
		expect(sniffEvidenceType(bytes(0x50, 0x4b, 0x03, 0x04), 'archive.zip')).toBeNull();
	});
});
