/**
 * The JSON text columns, read with one schema each. A malformed value (hand-edited database, old row)
 * reads as empty rather than breaking the page: the database's `json_valid` checks keep it rare.
 */
import { z } from 'zod';
import type { Dimension } from '../domain/enums';
import type { Source } from '../domain/breakdown';

function parseJson<T>(json: string | null | undefined, schema: z.ZodType<T>, empty: T): T {
	if (!json) return empty;
	let raw: unknown;
	try {
		raw = JSON.parse(json);
	} catch {
		return empty;
	}
	const r = schema.safeParse(raw);
	return r.success ? r.data : empty;
}

const dimensionsSchema = z.array(z.unknown()).transform((a) => a.map(String));

/** `indicators.dimensions`: what an indicator's values are broken down by (`["region","sex"]`). */
export function parseDimensions(json: string | null | undefined): string[] {
	return parseJson(json, dimensionsSchema, []);
}

/** Whether an indicator's `dimensions` column lists `dimension`. */
export function hasDimension(json: string | null | undefined, dimension: Dimension): boolean {
	return parseDimensions(json).includes(dimension);
}

/** One public source of a row: a title, and where known its address and date. */
export const sourceSchema = z.object({
	title: z.string().min(1),
	url: z.string().nullish().catch(null),
	date: z.string().nullish().catch(null)
});

/** The `sources` column (measures, indicators, values, partners): the entries without a title are left out. */
export function parseSources(json: string | null | undefined): Required<Source>[] {
	const list = parseJson(json, z.array(z.unknown()), []);
	const out: Required<Source>[] = [];
	for (const x of list) {
		const r = sourceSchema.safeParse(x);
		if (r.success) out.push({ title: r.data.title, url: r.data.url ?? null, date: r.data.date ?? null });
	}
	return out;
}

const objectSchema = z.record(z.string(), z.unknown());

/** A JSON object column (a notice's payload): anything else reads as `{}`. */
export function parseObject(json: string | null | undefined): Record<string, unknown> {
	return parseJson(json, objectSchema, {});
}
