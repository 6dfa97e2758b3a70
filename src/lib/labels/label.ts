/** A map from an enum's values to their messages. */
export type Labels<K extends string> = Readonly<Record<K, () => string>>;

/** The label of `value` in `labels`, or the value itself when it has none (a text column holding something unexpected). */
export function label(labels: Readonly<Record<string, () => string>>, value: string): string {
	return Object.hasOwn(labels, value) ? labels[value]!() : value;
}
