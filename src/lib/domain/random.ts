/**
 * Deterministic pseudo-randomness for demonstration and benchmark data: a fixed seed gives the same
 * data on every machine (Math.random never is used for generated data).
 */

/** mulberry32: a small, fast 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a hash of a string, to derive one independent stream per key from one seed. */
export function fnv1a(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** A stream for `key` under `seed`: editing one key's use does not reshuffle the others. */
export function stream(seed: number, key: string): () => number {
	return mulberry32((seed ^ fnv1a(key)) >>> 0);
}
