/**
 * What the conflict notice says is there now, in the words the forms use: a period as the form
 * names it ("S2 2026", "الأسدس الثاني 2026"), progress as a percent, a status, stage, state or role
 * by its translated label, a date as a date. Raw values ("2026-S2", "54") would read as another figure.
 */
import type { Locale } from './enums';
import { formatDate, formatNumber, formatPercent } from './format';
import { formatPeriod, isIsoDate } from './period';

export interface ConflictFact {
	field: string;
	label: string;
	text: string;
}

/** Fields shown by their label (message `${prefix}_${value}`). */
const LABELLED: Record<string, string> = { status: 'status', stage: 'stage', state: 'state', role: 'role' };

/** The filled `fields` of the row saved first, labelled and formatted; `translate` looks a message key up. */
export function conflictFacts(
	row: Record<string, unknown> | null,
	fields: readonly string[],
	locale: Locale,
	translate: (key: string) => string
): ConflictFact[] {
	if (!row) return [];
	return fields
		.filter((f) => row[f] != null && row[f] !== '')
		.map((f) => ({ field: f, label: translate(`field_${f}`), text: formatFact(f, row[f], locale, translate) }));
}

function formatFact(field: string, v: unknown, locale: Locale, translate: (key: string) => string): string {
	if (LABELLED[field]) return translate(`${LABELLED[field]}_${String(v)}`);
	if (field === 'period' && typeof v === 'string') return formatPeriod(v, locale);
	if (field === 'progress' && Number.isFinite(Number(v))) return formatPercent(Number(v), locale);
	if (typeof v === 'number') return formatNumber(v, locale);
	if (typeof v === 'string' && isIsoDate(v.slice(0, 10)) && /^\d{4}-\d{2}-\d{2}($|T)/.test(v)) return formatDate(v.slice(0, 10), locale);
	return String(v);
}
