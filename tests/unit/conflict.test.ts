import { describe, expect, it } from 'vitest';
import { conflictFacts } from '../../src/lib/domain/conflict';
import fr from '../../messages/fr.json';
import ar from '../../messages/ar.json';

const lookup = (messages: object) => (k: string) => {
	const v = (messages as Record<string, unknown>)[k];
	return typeof v === 'string' ? v : k;
};
const tFr = lookup(fr);
const tAr = lookup(ar);
const text = (facts: { field: string; text: string }[]) => Object.fromEntries(facts.map((f) => [f.field, f.text]));

describe('conflict notice facts', () => {
	const saved = { state: 'submitted', period: '2026-S2', status: 'in_progress', progress: 54, narrativeFr: '', value: 1234.5, since: '2026-03-17' };
	const fields = ['state', 'period', 'status', 'progress', 'narrativeFr', 'value', 'since'];

	it('shows what was saved first in the form’s words, not raw codes (French)', () => {
		const facts = conflictFacts(saved, fields, 'fr', tFr);
		expect(text(facts)).toEqual({
			state: 'Soumis',
			period: 'S2 2026',
			status: 'En cours',
			progress: '54\u00A0%',
			value: '1.234,5',
			since: '17 mars 2026'
		});
		// labelled with the form's field names; empty fields left out
		expect(facts.find((f) => f.field === 'period')!.label).toBe('Période');
		expect(facts.some((f) => f.field === 'narrativeFr')).toBe(false);
	});

	it('in Arabic, the semester by its Arabic name and the status translated', () => {
		const t = text(conflictFacts(saved, fields, 'ar', tAr));
		expect(t.period).toBe('الأسدس الثاني 2026');
		expect(t.status).toBe(tAr('status_in_progress'));
		expect(t.status).not.toBe('in_progress');
		expect(t.progress).toContain('54');
		expect(t.progress).toContain('%');
	});

	it('nothing to show without a current row', () => {
		expect(conflictFacts(null, fields, 'fr', tFr)).toEqual([]);
	});
});
