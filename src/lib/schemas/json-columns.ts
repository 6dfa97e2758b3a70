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

/** One public source of a row: a title, and where known its address, date and a note on it. */
export const sourceSchema = z.object({
	title: z.string().min(1),
	url: z.string().nullish().catch(null),
	date: z.string().nullish().catch(null),
	note: z.string().nullish().catch(null)
});

/** A source as a page cites it (`Sources.svelte`): the note is shown under the title. */
export type CitedSource = Required<Source> & { note: string | null };

/**
 * The `sources` column (measures, indicators, values, partners, reference rows) as a page cites it,
 * with each entry's note: the entries without a title are left out.
 */
export function citedSources(json: string | null | undefined): CitedSource[] {
	const out: CitedSource[] = [];
	for (const x of parseJson(json, z.array(z.unknown()), [])) {
		const r = sourceSchema.safeParse(x);
		if (r.success) out.push({ title: r.data.title, url: r.data.url ?? null, date: r.data.date ?? null, note: r.data.note ?? null });
	}
	return out;
}

/** The same as `{ title, url, date }`, as the exports and breakdowns take them. */
export function parseSources(json: string | null | undefined): Required<Source>[] {
	return citedSources(json).map(({ title, url, date }) => ({ title, url, date }));
}

const objectSchema = z.record(z.string(), z.unknown());

/** A JSON object column (a notice's payload): anything else reads as `{}`. */
export function parseObject(json: string | null | undefined): Record<string, unknown> {
	return parseJson(json, objectSchema, {});
}
