/**
 * Published reports: the shape of a report's frozen snapshot, its title, and what two snapshots
 * say side by side. A snapshot is data: everything a reader, an export or the API shows of a
 * published report comes from it, never recomputed, so a report published in June shows June's
 * figures forever. Small counts are already masked in it (see `./confidentiality`).
 */
import type { Locale } from './enums';
import { formatPeriod, parsePeriod } from './period';
import { localized } from './localize';
import type { IndicatorBreakdowns } from './breakdown';

/** Bumped when the snapshot's shape changes; readers keep reading older versions. */
export const SNAPSHOT_SCHEMA = 1;

export const REPORT_SCOPES = ['plan', 'axis', 'recommendations'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

/** The sections of a report, in reading order; each may carry a narrative the commission writes. */
export const REPORT_SECTIONS = ['summary', 'kpis', 'axes', 'institutions', 'regions', 'recommendations', 'indicators'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export interface Texts {
	fr: string;
	ar: string | null;
	en: string | null;
}
export interface TitleCols {
	titleFr: string;
	titleAr: string | null;
	titleEn: string | null;
}
export interface NameCols {
	nameFr: string;
	nameAr: string | null;
	nameEn: string | null;
}

export interface SnapRollup {
	measures: number;
	completed: number;
	progress: number | null;
	overdue: number;
	demo: number;
}

export interface SnapKpis extends SnapRollup {
	byStatus: Record<string, number>;
	completionRate: number | null;
	atRisk: number;
	dueSoon: number;
	recommendationsInProgress: number;
	recommendationsLinked: number;
}

export interface SnapIndicator extends NameCols {
	code: string;
	measureCode: string;
	axisCode: string | null;
	/** French plural forms ("réunion|réunions"); the Arabic and English ones since they were stored per language */
	unit: string | null;
	unitAr?: string | null;
	unitEn?: string | null;
	kind: string;
	baselineValue: number | null;
	baselineYear: number | null;
	targetValue: number | null;
	targetYear: number | null;
	direction: 'up' | 'down';
	sensitive: boolean;
	isDemo: boolean;
	/** latest validated national value for a period ended by the report's period end; null when masked or none */
	value: number | null;
	/** hidden by the confidentiality rule (shown "< 5") */
	masked: boolean;
	valuePeriod: string | null;
	valueIsDemo: boolean;
	source: string | null;
}

export interface ReportSnapshot {
	schema: typeof SNAPSHOT_SCHEMA;
	plan: TitleCols & { code: string };
	period: { code: string; start: string; end: string };
	scope: { kind: ReportScope; axis: (TitleCols & { code: string }) | null };
	/** the day overdue / at risk / due soon are computed against */
	referenceDay: string;
	/** when the figures were taken (ISO instant) */
	takenAt: string;
	/** the confidentiality threshold applied, and how many cells it hid */
	confidentiality: { threshold: number; maskedCells: number };
	kpis: SnapKpis;
	byAxis: (SnapRollup & TitleCols & { code: string })[];
	/** progress per pillar (3P+P, governance last); absent in reports published before pillars were frozen */
	byPillar?: (SnapRollup & { pillar: string | null })[];
	byInstitution: (NameCols & { code: string; acronymFr: string | null; acronymEn: string | null; lead: SnapRollup; contributes: SnapRollup })[];
	byRegion: (SnapRollup & NameCols & { iso: string })[];
	/** one indicator's value per region (the map), masked as the indicator tables are */
	map: {
		indicator: (NameCols & { code: string; unit: string | null; sensitive: boolean; isDemo: boolean }) | null;
		period: string | null;
		byRegion: (NameCols & { iso: string; value: number | null; masked: boolean })[];
	};
	recommendations: (TitleCols & SnapRollup & { code: string; rank: number; pillar: string | null; isDemo: boolean; inProgress: number })[];
	indicators: { rows: SnapIndicator[]; total: number };
	/**
	 * The validated national breakdowns of the listed indicators (by sex, age group, form of
	 * exploitation, nationality), each for its latest period ended by the report's end, masked as
	 * partners see them: a masked cell is stored as `value: null`, never its number. Absent in
	 * reports published before breakdowns were frozen.
	 */
	breakdowns?: IndicatorBreakdowns[];
	narratives: Partial<Record<ReportSection, Texts>>;
	/** where the figures come from, and whether any is demonstration data */
	sources: { label: string; url: string | null }[];
	demo: boolean;
}

/** The text of a per-language value in `locale`, French when missing. */
export function textIn(t: Texts | undefined | null, locale: Locale): { text: string; fallback: boolean } {
	if (!t) return { text: '', fallback: false };
	return localized({ textFr: t.fr, textAr: t.ar, textEn: t.en }, 'text', locale);
}

const SCOPE_LABEL: Record<ReportScope, Record<Locale, string>> = {
	plan: { fr: 'ensemble du plan', ar: 'مجموع الخطة', en: 'whole plan' },
	axis: { fr: 'axe', ar: 'المحور', en: 'axis' },
	recommendations: { fr: 'recommandations prioritaires', ar: 'التوصيات ذات الأولوية', en: 'priority recommendations' }
};
const REPORT_WORD: Record<Locale, string> = { fr: 'Rapport de suivi', ar: 'تقرير التتبع', en: 'Monitoring report' };

/** A report's title in the three languages: "Rapport de suivi · <plan> · <period> (<scope>)". */
export function reportTitles(plan: TitleCols & { code: string }, period: string, scope: ReportScope, axis: (TitleCols & { code: string }) | null): Texts {
	const one = (l: Locale) => {
		const planTitle = localized(plan, 'title', l).text || plan.code;
		const scopeText = scope === 'axis' && axis ? `${SCOPE_LABEL.axis[l]} ${axis.code}` : SCOPE_LABEL[scope][l];
		return `${REPORT_WORD[l]} · ${planTitle} · ${formatPeriod(period, l)} (${scopeText})`;
	};
	return { fr: one('fr'), ar: one('ar'), en: one('en') };
}

/** Periods a report may cover: a semester or a year (TIP years once that issue lands). */
export function isReportPeriod(code: string): boolean {
	const p = parsePeriod(code);
	return !!p && (p.kind === 'semester' || p.kind === 'year');
}

// ─── Comparing two periods ──────────────────────────────────────────────────────────────────────

export interface Delta {
	a: number | null;
	b: number | null;
	/** b − a, null when either side is missing or masked */
	delta: number | null;
}

function delta(a: number | null | undefined, b: number | null | undefined): Delta {
	const x = a ?? null;
	const y = b ?? null;
	return { a: x, b: y, delta: x == null || y == null ? null : Math.round((y - x) * 10) / 10 };
}

export interface Comparison {
	kpis: Record<'measures' | 'completed' | 'progress' | 'completionRate' | 'overdue' | 'atRisk', Delta>;
	axes: (TitleCols & { code: string; progress: Delta; completed: Delta; measures: Delta })[];
	indicators: (NameCols & { code: string; unit: string | null; value: Delta & { maskedA: boolean; maskedB: boolean }; isDemo: boolean })[];
}

/**
 * What moved between report `a` (the earlier) and `b`: key figures, progress per axis and each
 * indicator's value. An axis or indicator present in only one of them shows with the other side
 * missing. A masked value stays masked: no difference is computed from it (it could reveal it).
 */
export function compareSnapshots(a: ReportSnapshot, b: ReportSnapshot): Comparison {
	const k = (key: keyof Comparison['kpis']) => delta(a.kpis[key] as number | null, b.kpis[key] as number | null);
	const axisCodes = [...new Set([...a.byAxis.map((x) => x.code), ...b.byAxis.map((x) => x.code)])].sort();
	const axes = axisCodes.map((code) => {
		const x = a.byAxis.find((r) => r.code === code);
		const y = b.byAxis.find((r) => r.code === code);
		const t = (y ?? x)!;
		return {
			code,
			titleFr: t.titleFr,
			titleAr: t.titleAr,
			titleEn: t.titleEn,
			progress: delta(x?.progress, y?.progress),
			completed: delta(x?.completed, y?.completed),
			measures: delta(x?.measures, y?.measures)
		};
	});
	const byCode = (s: ReportSnapshot) => new Map(s.indicators.rows.map((r) => [r.code, r]));
	const ia = byCode(a);
	const ib = byCode(b);
	const codes = [...new Set([...ia.keys(), ...ib.keys()])].sort();
	const indicators = codes.map((code) => {
		const x = ia.get(code);
		const y = ib.get(code);
		const t = (y ?? x)!;
		const maskedA = !!x?.masked;
		const maskedB = !!y?.masked;
		const d = delta(maskedA ? null : x?.value, maskedB ? null : y?.value);
		return { code, nameFr: t.nameFr, nameAr: t.nameAr, nameEn: t.nameEn, unit: t.unit, isDemo: t.isDemo, value: { ...d, maskedA, maskedB } };
	});
	return {
		kpis: {
			measures: k('measures'),
			completed: k('completed'),
			progress: k('progress'),
			completionRate: k('completionRate'),
			overdue: k('overdue'),
			atRisk: k('atRisk')
		},
		axes,
		indicators
	};
}

// ─── CSV ────────────────────────────────────────────────────────────────────────────────────────

/** The byte-order mark that makes Excel read a CSV file as UTF-8 (Arabic intact). */
export const UTF8_BOM = '\uFEFF';

function csvCell(v: string | number | boolean | null | undefined): string {
	if (v == null) return '';
	const s = typeof v === 'number' ? String(v) : String(v);
	return /[",\r\n;]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 CSV (comma, CRLF, quoted where needed), UTF-8 with a BOM. Numbers are written with a dot. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
	return UTF8_BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
