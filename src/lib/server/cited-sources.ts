/**
 * A row's `sources` column as a page gets it: parsed on the server through the one reader
 * (schemas/json-columns `citedSources`), so `Sources.svelte` receives `CitedSource[]` and no
 * client code reads JSON.
 */
import { citedSources, type CitedSource } from '../schemas/json-columns';

export function withSources<T extends { sources?: string | null }>(row: T): WithSources<T> {
	return { ...row, sources: citedSources(row.sources) };
}

/** A row type with its `sources` parsed (what `withSources` returns). */
export type WithSources<T> = Omit<T, 'sources'> & { sources: CitedSource[] };
