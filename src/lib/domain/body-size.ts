/**
 * adapter-node's BODY_SIZE_LIMIT ("24M", "512K", "1048576", "Infinity") in bytes, read the way adapter-node
 * reads it (K, M, G are powers of 1024), so what a refusal says is the limit actually applied.
 */
export function parseBodySizeLimit(value: string | undefined): number | null {
	const v = value?.trim();
	if (!v) return null;
	if (v === 'Infinity') return Infinity;
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[v.at(-1)!.toUpperCase()];
	const n = Number(unit ? v.slice(0, -1) : v);
	return Number.isFinite(n) && n >= 0 ? n * (unit ?? 1) : null;
}

/** The limit as a user reads it: whole megabytes ("24"), adapter-node's 512 KB default when unset. */
export function bodySizeLimitMb(value: string | undefined): string {
	const bytes = parseBodySizeLimit(value) ?? 512 * 1024;
	const mb = bytes / 1024 ** 2;
	return Number.isFinite(mb) ? String(Math.round(mb * 10) / 10) : '∞';
}
