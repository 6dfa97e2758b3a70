/**
 * A value grid as the measure page's form posts it: the cell (indicator, period, region), the
 * total, each breakdown as `dimension.category` fields (`sex.female`, `exploitation.begging`…) and
 * foreign victims' countries as `country_code_N` / `country_value_N` pairs. Any other dotted field
 * is kept, so an unknown category is refused by the domain check with its name, not dropped.
 */
import { z } from 'zod';
import { indicatorValueSchema } from './reporting';
import { blankToUndefined, decimal } from './common';
import type { Grid } from '../domain/breakdown';

// a plain decimal (no exponent, hex, or non-number type), as every number field (common.ts)
const count = z.preprocess(blankToUndefined, decimal('err_grid_count').optional());

/** The grid's cell and head: a value's fields, with the total in place of the value. */
export const gridHeadSchema = indicatorValueSchema.omit({ value: true }).extend({ total: count });

export type GridInput = z.infer<typeof gridHeadSchema> & { grid: Grid };

/** Parses the form; field errors are message keys (`parts.sex.female` → the field `sex.female`). */
export function parseGridForm(raw: Record<string, string>): { ok: true; value: GridInput } | { ok: false; errors: Record<string, string> } {
	const head = gridHeadSchema.safeParse(raw);
	const errors: Record<string, string> = {};
	if (!head.success)
		for (const i of head.error.issues) errors[i.path.map(String).join('.') || '_form'] ??= i.message.startsWith('err_') ? i.message : 'err_invalid';
	const parts: Grid['parts'] = {};
	for (const [k, v] of Object.entries(raw)) {
		const m = /^([a-z_]+)\.([A-Za-z_]+)$/.exec(k);
		if (!m) continue;
		const parsed = count.safeParse(v);
		if (!parsed.success) {
			errors[k] = 'err_grid_count';
			continue;
		}
		const dim = m[1] as keyof Grid['parts'];
		(parts[dim] ??= {})[m[2]!] = parsed.data ?? null;
	}
	const countries: Record<string, number | null> = {};
	for (const [k, v] of Object.entries(raw)) {
		const m = /^country_code_(\d+)$/.exec(k);
		const code = v.trim().toUpperCase();
		if (!m || !code) continue;
		const parsed = count.safeParse(raw[`country_value_${m[1]}`] ?? '');
		if (!parsed.success) errors[`countries.${code}`] = 'err_grid_count';
		else if (code in countries) errors[`countries.${code}`] = 'err_grid_country_twice';
		else countries[code] = parsed.data ?? null;
	}
	if (!head.success || Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, value: { ...head.data, grid: { total: head.data.total ?? null, parts, countries } } };
}
