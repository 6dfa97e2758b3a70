/**
 * A page's data as one viewer reads it: plan content is stored once per language (`titleFr`,
 * `titleAr`, `titleEn`), and a read-only page shows it through `tr()` / `localized()`, which read the
 * viewer's language and fall back to French (marked). The third language is never read there, yet
 * SvelteKit serializes it into the page for hydration — at national scale a third of the overview's
 * data script. `forLocale` keeps the viewer's field, and the French one only where the viewer's is
 * missing (the fallback), and leaves the rest out (a missing key reads as a missing translation
 * everywhere: `localized`, the institution labels), so the page renders the same text and fallback
 * marks with less to send.
 *
 * Only for pages that display plan content; never for a form that edits the three languages (the
 * measure page, the admin), which needs them all.
 */
import type { Locale } from '../domain/enums';

const SUFFIXES = ['Fr', 'Ar', 'En'] as const;
const OWN: Record<Locale, string> = { fr: 'Fr', ar: 'Ar', en: 'En' };

function isPlain(v: unknown): v is Record<string, unknown> {
	if (v === null || typeof v !== 'object') return false;
	const proto = Object.getPrototypeOf(v);
	return proto === Object.prototype || proto === null;
}

/** The suffix of a per-language key of `row` (`'Ar'` for `titleAr` beside a `titleFr`), or null. */
function languageOf(row: Record<string, unknown>, key: string): string | null {
	const suffix = key.slice(-2);
	if (key.length < 3 || !(SUFFIXES as readonly string[]).includes(suffix)) return null;
	return `${key.slice(0, -2)}Fr` in row ? suffix : null;
}

const present = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** Whether `key` (of language `suffix`) is a text `keep`'s reader never reads. */
function unread(row: Record<string, unknown>, key: string, suffix: string, keep: string): boolean {
	const value = row[key];
	if (value !== null && typeof value !== 'string') return false;
	if (suffix === keep) return false;
	// French is the fallback: needed only where the reader's own text is missing or blank.
	if (suffix === 'Fr') return keep !== 'Fr' && present(row[`${key.slice(0, -2)}${keep}`]);
	return true;
}

// A read model's cached result is frozen and shared by every request until the data changes: its
// projection per language is kept beside it, so a served page does not walk it again.
const projected = new WeakMap<object, Map<string, unknown>>();

function project(v: unknown, keep: string): unknown {
	if (v === null || typeof v !== 'object' || !Object.isFrozen(v)) return projectNow(v, keep);
	let byKeep = projected.get(v);
	if (!byKeep) projected.set(v, (byKeep = new Map()));
	if (!byKeep.has(keep)) byKeep.set(keep, Object.freeze(projectNow(v, keep)));
	return byKeep.get(keep);
}

function projectNow(v: unknown, keep: string): unknown {
	if (Array.isArray(v)) return v.map((x) => project(x, keep));
	if (!isPlain(v)) return v;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(v)) {
		const suffix = languageOf(v, key);
		if (suffix !== null && unread(v, key, suffix, keep)) continue;
		out[key] = project(value, keep);
	}
	return out;
}

/**
 * `data` without the per-language texts that `locale` does not read: of each `xFr`/`xAr`/`xEn`
 * family in a plain object, the locale's own stays, French too where the locale's own is missing or
 * blank, the other keys are left out (the type
 * still lists it: those fields are optional translations, `string | null`). A new object (the
 * read models' cached results are shared between viewers and never changed); values other than
 * plain objects and arrays (dates, maps) are passed as they are.
 * @example forLocale({ titleFr: 'Prévention', titleAr: 'الوقاية', titleEn: 'Prevention' }, 'ar') // { titleAr: 'الوقاية' }
 */
export function forLocale<T>(data: T, locale: Locale): T {
	return project(data, OWN[locale]) as T;
}
