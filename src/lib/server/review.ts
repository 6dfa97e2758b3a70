/**
 * The validation queue: everything focal points submitted, oldest first, each with the last validated
 * state it would replace, in one query (UNION ALL of the three kinds of submission).
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { sqlJson, sqlJsonOrNull } from './db/json';
import * as updates from './progress-updates';
import * as values from './indicator-values';
import * as rollout from './rollout';
import type { ReviewInput } from '../schemas/reporting';

export interface QueueItem {
	kind: 'update' | 'value' | 'stage';
	id: number;
	version: number;
	submittedAt: string;
	measureCode: string;
	measureTitleFr: string;
	measureTitleAr: string | null;
	measureTitleEn: string | null;
	authorName: string | null;
	institutionCode: string | null;
	/** what is proposed, and what is validated now (JSON objects; `current` null when nothing yet) */
	proposed: Record<string, unknown>;
	current: Record<string, unknown> | null;
	isDemo: boolean;
}

type Row = Omit<QueueItem, 'proposed' | 'current' | 'isDemo'> & { proposed: string; current: string | null; isDemo: number };

export const QUEUE_KINDS = ['update', 'value', 'stage'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
type Key = { kind: QueueKind; id: number };

export interface QueueFilters {
	kind?: QueueKind;
	/** code of the submitting institution (the update's institution, the author's for values and stages) */
	institution?: string;
	/** reporting period code; a roll-out stage counts in the semester of its date */
	period?: string;
	order: 'oldest' | 'newest';
	page: number;
	pageSize: number;
}

export interface QueuePage {
	items: QueueItem[];
	total: number;
	page: number;
	pages: number;
	/** how many submissions each filter value would show, the other filters kept (a faceted count) */
	facets: { kind: Record<string, number>; institution: Record<string, number>; period: Record<string, number> };
}

// Every submission as a light key row: what the filters and the order need, nothing else.
// Each branch reads its (state, submitted_at) index; the cards are built for one page of keys only.
const KEYS = sql`
	SELECT 'update' AS kind, u.id AS id, u.submitted_at AS submittedAt, i.code AS institution, u.period AS period
	FROM progress_updates u LEFT JOIN institutions i ON i.id = u.institution_id
	WHERE u.state = 'submitted'
	UNION ALL
	SELECT 'value', v.id, v.submitted_at, ai.code, v.period
	FROM indicator_values v LEFT JOIN users a ON a.id = v.reported_by LEFT JOIN institutions ai ON ai.id = a.institution_id
	WHERE v.state = 'submitted' AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
	UNION ALL
	SELECT 'stage', s.id, s.submitted_at, ai.code,
		substr(s.since, 1, 4) || CASE WHEN substr(s.since, 6, 2) <= '06' THEN '-S1' ELSE '-S2' END
	FROM measure_region_stages s LEFT JOIN users a ON a.id = s.author_id LEFT JOIN institutions ai ON ai.id = a.institution_id
	WHERE s.state = 'submitted'`;

type Facet = 'kind' | 'institution' | 'period';

/**
 * One page of the queue with its filters (kind, institution, period), oldest first unless asked otherwise,
 * and the count each filter value would give. Two grouped/limited queries whatever the queue's size,
 * then the cards of the page's submissions only.
 */
export function page(db: Db, filters: Partial<QueueFilters> = {}): QueuePage {
	const f: QueueFilters = { order: 'oldest', page: 1, pageSize: 20, ...filters };
	const groups = db.all<{ kind: string; institution: string | null; period: string | null; n: number }>(
		sql`SELECT kind, institution, period, count(*) AS n FROM (${KEYS}) GROUP BY 1, 2, 3`
	);
	const chosen: Record<Facet, string | undefined> = { kind: f.kind, institution: f.institution, period: f.period };
	const facets: QueuePage['facets'] = { kind: {}, institution: {}, period: {} };
	let total = 0;
	for (const g of groups) {
		const value: Record<Facet, string> = { kind: g.kind, institution: g.institution ?? '', period: g.period ?? '' };
		const fails = (Object.keys(chosen) as Facet[]).filter((k) => chosen[k] !== undefined && chosen[k] !== value[k]);
		if (fails.length === 0) total += g.n;
		// a value's count keeps every other filter: it says what choosing that value would show
		for (const k of Object.keys(facets) as Facet[]) {
			if (fails.length === 0 || (fails.length === 1 && fails[0] === k)) facets[k][value[k]] = (facets[k][value[k]] ?? 0) + g.n;
		}
	}
	const pages = Math.max(1, Math.ceil(total / f.pageSize));
	const current = Math.min(Math.max(1, f.page), pages);
	const dir = f.order === 'newest' ? sql`DESC` : sql`ASC`;
	const keys = db.all<Key>(sql`
		SELECT kind, id FROM (${KEYS})
		WHERE (${f.kind ?? null} IS NULL OR kind = ${f.kind ?? null})
			AND (${f.institution ?? null} IS NULL OR institution = ${f.institution ?? null})
			AND (${f.period ?? null} IS NULL OR period = ${f.period ?? null})
		ORDER BY submittedAt ${dir}, kind ${dir}, id ${dir}
		LIMIT ${f.pageSize} OFFSET ${(current - 1) * f.pageSize}`);
	return { items: cards(db, keys), total, page: current, pages, facets };
}

/** The oldest submissions first (the whole queue up to `limit`). */
export function queue(db: Db, limit = 200): QueueItem[] {
	return page(db, { pageSize: limit }).items;
}

/** A submission's evidence, every item: the reviewer (who may read all evidence) opens each before deciding. */
const EVIDENCE_OF = (where: string) =>
	sql.raw(`(SELECT json_group_array(json_object('id', e.id, 'kind', e.kind, 'fileName', e.file_name, 'label', e.label,
		'url', e.url, 'visibility', e.visibility, 'institution', ei.code) ORDER BY e.id)
	FROM evidence e LEFT JOIN institutions ei ON ei.id = e.institution_id WHERE ${where})`);

/** The cards of the given submissions (a page of keys from `page`), in the order of the keys. */
function cards(db: Db, keys: readonly Key[]): QueueItem[] {
	if (keys.length === 0) return [];
	const ids = (kind: Key['kind']) => {
		const list = keys.filter((k) => k.kind === kind).map((k) => k.id);
		return list.length
			? sql.join(
					list.map((id) => sql`${id}`),
					sql`, `
				)
			: sql`NULL`;
	};
	const rows = db.all<Row>(sql`
		SELECT 'update' AS kind, u.id, u.version, u.submitted_at AS submittedAt,
			m.code AS measureCode, m.title_fr AS measureTitleFr, m.title_ar AS measureTitleAr, m.title_en AS measureTitleEn,
			a.name AS authorName, i.code AS institutionCode, u.is_demo AS isDemo,
			json_object('period', u.period, 'status', u.status, 'progress', u.progress,
				'narrativeFr', u.narrative_fr, 'narrativeAr', u.narrative_ar, 'narrativeEn', u.narrative_en,
				'evidence', json(${EVIDENCE_OF('e.progress_update_id = u.id')})) AS proposed,
			json_object('status', m.status, 'progress', m.progress, 'lastValidatedAt', m.last_validated_at) AS current
		FROM progress_updates u
		JOIN measures m ON m.id = u.measure_id
		LEFT JOIN users a ON a.id = u.author_id
		LEFT JOIN institutions i ON i.id = u.institution_id
		WHERE u.state = 'submitted' AND u.id IN (${ids('update')})
		UNION ALL
		SELECT 'value', v.id, v.version, v.submitted_at,
			m.code, m.title_fr, m.title_ar, m.title_en,
			a.name, ai.code, v.is_demo,
			json_object('indicator', ind.code, 'indicatorNameFr', ind.name_fr, 'indicatorNameAr', ind.name_ar, 'indicatorNameEn', ind.name_en,
				'unit', ind.unit, 'unitAr', ind.unit_ar, 'unitEn', ind.unit_en, 'period', v.period, 'region', r.iso, 'value', v.value, 'source', v.source,
				'breakdowns', json((SELECT json_group_array(
					json_object('sex', b.sex, 'ageGroup', b.age_group, 'exploitation', b.exploitation, 'nationality', b.nationality, 'value', b.value))
					FROM indicator_values b WHERE b.indicator_id = v.indicator_id AND b.period = v.period AND b.region_id IS v.region_id AND b.state = 'submitted'
						AND (b.sex IS NOT NULL OR b.age_group IS NOT NULL OR b.exploitation IS NOT NULL OR b.nationality IS NOT NULL))),
				'evidence', json(${EVIDENCE_OF('e.indicator_value_id = v.id')})),
			(SELECT json_object('value', c.value, 'source', c.source, 'validatedAt', c.validated_at) FROM indicator_values c
				WHERE c.indicator_id = v.indicator_id AND c.period = v.period AND c.region_id IS v.region_id
					AND c.sex IS NULL AND c.age_group IS NULL AND c.exploitation IS NULL AND c.nationality IS NULL AND c.is_current = 1)
		FROM indicator_values v
		JOIN indicators ind ON ind.id = v.indicator_id
		JOIN measures m ON m.id = ind.measure_id
		LEFT JOIN regions r ON r.id = v.region_id
		LEFT JOIN users a ON a.id = v.reported_by
		LEFT JOIN institutions ai ON ai.id = a.institution_id
		WHERE v.state = 'submitted' AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL AND v.id IN (${ids('value')})
		UNION ALL
		SELECT 'stage', s.id, s.version, s.submitted_at,
			m.code, m.title_fr, m.title_ar, m.title_en,
			a.name, ai.code, s.is_demo,
			json_object('region', r.iso, 'stage', s.stage, 'since', s.since),
			(SELECT json_object('stage', c.stage, 'since', c.since) FROM measure_region_stages c
				WHERE c.measure_id = s.measure_id AND c.region_id = s.region_id AND c.state = 'validated'
				ORDER BY c.since DESC, c.id DESC LIMIT 1)
		FROM measure_region_stages s
		JOIN measures m ON m.id = s.measure_id
		JOIN regions r ON r.id = s.region_id
		LEFT JOIN users a ON a.id = s.author_id
		LEFT JOIN institutions ai ON ai.id = a.institution_id
		WHERE s.state = 'submitted' AND s.id IN (${ids('stage')})
	`);
	const at = new Map(keys.map((k, i) => [`${k.kind}-${k.id}`, i]));
	rows.sort((a, b) => at.get(`${a.kind}-${a.id}`)! - at.get(`${b.kind}-${b.id}`)!);
	return rows.map((r) => ({
		...r,
		isDemo: !!r.isDemo,
		proposed: sqlJson<QueueItem['proposed']>(r.proposed),
		current: sqlJsonOrNull<Record<string, unknown>>(r.current)
	}));
}

export function count(db: Db): number {
	return (
		db.get<{ n: number }>(
			sql`SELECT (SELECT count(*) FROM progress_updates WHERE state = 'submitted')
				+ (SELECT count(*) FROM indicator_values WHERE state = 'submitted' AND sex IS NULL AND age_group IS NULL AND exploitation IS NULL AND nationality IS NULL)
				+ (SELECT count(*) FROM measure_region_stages WHERE state = 'submitted') AS n`
		)?.n ?? 0
	);
}

/** Validates or returns one submission of any kind. */
export function decide(db: Db, reviewerId: number, input: ReviewInput) {
	switch (input.kind) {
		case 'update':
			return updates.review(db, reviewerId, input);
		case 'value':
			return values.review(db, reviewerId, input);
		case 'stage':
			return rollout.review(db, reviewerId, input);
	}
}
