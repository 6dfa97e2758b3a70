/**
 * The confidentiality crawl. On the demonstration database, plant what partners and other
 * institutions must never see — a sensitive regional count of 2, restricted files, a returned
 * update with its draft narrative and the commission's comment, a draft value and stage — then read
 * every route of `src/routes` as the IOM partner and as the focal point of an institution that has
 * nothing to do with those measures: every page's server data (what `__data.json` carries and the
 * HTML renders), every GET endpoint, each route with the codes and ids found in the database (a new
 * route is read without editing this test). Nothing may contain a marker; the partner may see no
 * count of a sensitive indicator below the threshold, and none of the commission's workload figures.
 * A route a viewer may not open must refuse (401/403/404/redirect), not leak.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../helpers/db';
import { listRoutes, get, type RouteDir } from '../helpers/routes';
import { setDb, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { CONFIDENTIALITY_THRESHOLD } from '../../src/lib/domain/confidentiality';
import type { SessionUser } from '../../src/lib/server/auth/session';

const MARKERS = {
	narrative: 'MARQUEUR-RECIT-BROUILLON',
	returnComment: 'MARQUEUR-COMMENTAIRE-RETOUR',
	restrictedFile: 'MARQUEUR-RESTREINT.pdf',
	restrictedContent: 'MARQUEUR-CONTENU-RESTREINT',
	unvalidatedPublicFile: 'MARQUEUR-PUBLIC-NON-VALIDE.pdf',
	unvalidatedPublicContent: 'MARQUEUR-CONTENU-NON-VALIDE',
	validatedRestrictedFile: 'MARQUEUR-RESTREINT-VALIDE.pdf',
	validatedRestrictedContent: 'MARQUEUR-CONTENU-RESTREINT-VALIDE',
	draftValueSource: 'MARQUEUR-SOURCE-VALEUR-BROUILLON',
	draftValueComment: 'MARQUEUR-RETOUR-VALEUR',
	stageNote: 'MARQUEUR-NOTE-ETAPE',
	stageComment: 'MARQUEUR-RETOUR-ETAPE'
};

let db: Db;
let cleanup: () => void;
let evidenceDir: string;
let partner: SessionUser;
let outsider: SessionUser;
/** what the plant used, for the sample of each table */
const planted = { measures: [] as string[], regions: [] as string[], indicators: [] as string[], evidence: [] as number[] };
/** the period of the planted breakdown */
let breakdownPeriod = '';
/** the planted breakdown's small cell (women, nationally) */
const SMALL_BREAKDOWN = 2;
let sensitiveIds = new Set<number>();
let sensitiveCodes = new Set<string>();

function sessionUser(email: string): SessionUser {
	return db.$client.prepare('SELECT id, email, name, role, institution_id AS institutionId, locale FROM users WHERE email = ?').get(email) as SessionUser;
}

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	evidenceDir = mkdtempSync(join(tmpdir(), 'rasd-crawl-'));
	process.env.EVIDENCE_DIR = evidenceDir;
	mkdirSync(evidenceDir, { recursive: true });
	const c = db.$client;
	const one = <T>(q: string, ...a: unknown[]) => c.prepare(q).get(...a) as T;
	const run = (q: string, ...a: unknown[]) => c.prepare(q).run(...a);

	partner = sessionUser('oim@rasd.demo');
	// A sensitive indicator broken down by region, on a measure; the outsider's institution is not on it.
	const ind = one<{ id: number; code: string; measureId: number; measureCode: string; lead: number }>(`
		SELECT i.id, i.code, i.measure_id AS measureId, m.code AS measureCode, m.lead_institution_id AS lead
		FROM indicators i JOIN measures m ON m.id = i.measure_id
		WHERE i.sensitive = 1 AND i.dimensions LIKE '%"region"%'
			AND EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id AND v.region_id IS NOT NULL AND v.is_current = 1)
		ORDER BY i.code LIMIT 1`);
	const stageMeasure = one<{ id: number; code: string }>(`SELECT id, code FROM measures WHERE regional_rollout = 1 ORDER BY code LIMIT 1`);
	const involved = (mid: number) =>
		`(SELECT lead_institution_id FROM measures WHERE id = ${mid} UNION SELECT institution_id FROM measure_institutions WHERE measure_id = ${mid})`;
	outsider = sessionUser(
		one<{ email: string }>(
			`SELECT email FROM users WHERE role = 'focal_point' AND institution_id NOT IN ${involved(ind.measureId)} AND institution_id NOT IN ${involved(stageMeasure.id)} ORDER BY email = 'dgsn@rasd.demo' DESC, email LIMIT 1`
		).email
	);
	const author = one<{ id: number; institutionId: number }>(
		`SELECT id, institution_id AS institutionId FROM users WHERE role = 'focal_point' AND institution_id = ?`,
		ind.lead
	);
	const commission = one<{ id: number }>(`SELECT id FROM users WHERE role = 'commission' LIMIT 1`);
	sensitiveIds = new Set((c.prepare('SELECT id FROM indicators WHERE sensitive = 1').all() as { id: number }[]).map((r) => r.id));
	sensitiveCodes = new Set((c.prepare('SELECT code FROM indicators WHERE sensitive = 1').all() as { code: string }[]).map((r) => r.code));

	// 1. The sensitive count of 2: the latest regional value of the first region with one.
	const cell = one<{ id: number; iso: string }>(
		`
		SELECT v.id, r.iso FROM indicator_values v JOIN regions r ON r.id = v.region_id
		WHERE v.indicator_id = ? AND v.is_current = 1 AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
		ORDER BY v.period_start DESC, r.iso LIMIT 1`,
		ind.id
	);
	run('UPDATE indicator_values SET value = 2 WHERE id = ?', cell.id);

	// 2. A returned update on the measure: draft narrative, the commission's comment, three files.
	run(`DELETE FROM progress_updates WHERE measure_id = ? AND state IN ('draft','submitted','returned')`, ind.measureId);
	const upd = run(
		`INSERT INTO progress_updates (measure_id, period, status, progress, narrative_fr, narrative_ar, narrative_en, state, author_id, institution_id, reviewer_id, review_comment, submitted_at, reviewed_at)
		VALUES (?, '2026-S1', 'in_progress', 40, ?, ?, ?, 'returned', ?, ?, ?, ?, '2026-06-01T10:00:00Z', '2026-06-05T10:00:00Z')`,
		ind.measureId,
		MARKERS.narrative,
		MARKERS.narrative,
		MARKERS.narrative,
		author.id,
		author.institutionId,
		commission.id,
		MARKERS.returnComment
	).lastInsertRowid;
	const file = (updateId: number | bigint, name: string, content: string, visibility: string) => {
		const stored = (name.length.toString(16) + 'ab'.repeat(18)).slice(0, 36).replace(/^./, String(planted.evidence.length));
		writeFileSync(join(evidenceDir, stored), `%PDF-1.4\n${content}\n%%EOF\n`);
		const id = Number(
			run(
				`INSERT INTO evidence (progress_update_id, kind, file_name, stored_name, mime_type, size_bytes, visibility, uploaded_by) VALUES (?, 'file', ?, ?, 'application/pdf', 40, ?, ?)`,
				updateId,
				name,
				stored,
				visibility,
				author.id
			).lastInsertRowid
		);
		planted.evidence.push(id);
	};
	file(upd, MARKERS.restrictedFile, MARKERS.restrictedContent, 'restricted');
	file(upd, MARKERS.unvalidatedPublicFile, MARKERS.unvalidatedPublicContent, 'public');
	// A restricted file on a validated update of the same measure: still only its institution's and the commission's.
	const validated = one<{ id: number } | undefined>(
		`SELECT id FROM progress_updates WHERE measure_id = ? AND state = 'validated' ORDER BY id DESC LIMIT 1`,
		ind.measureId
	);
	if (validated) file(validated.id, MARKERS.validatedRestrictedFile, MARKERS.validatedRestrictedContent, 'restricted');

	// 3. A returned indicator value (national) and a returned roll-out stage with marker texts.
	run(
		`INSERT INTO indicator_values (indicator_id, period, period_start, period_end, value, source, state, reported_by, review_comment) VALUES (?, '2026-S1', '2026-01-01', '2026-06-30', 3, ?, 'returned', ?, ?)`,
		ind.id,
		MARKERS.draftValueSource,
		author.id,
		MARKERS.draftValueComment
	);
	run(`DELETE FROM measure_region_stages WHERE measure_id = ? AND state IN ('draft','submitted','returned')`, stageMeasure.id);
	run(
		`INSERT INTO measure_region_stages (measure_id, region_id, stage, since, note, state, author_id, review_comment) VALUES (?, (SELECT id FROM regions ORDER BY iso LIMIT 1), 'pilot', '2026-03-01', ?, 'returned', ?, ?)`,
		stageMeasure.id,
		MARKERS.stageNote,
		author.id,
		MARKERS.stageComment
	);
	// 4. A breakdown with a small cell: the latest national total of the indicator, of which 2 women.
	const total = one<{ period: string; periodStart: string; periodEnd: string; value: number }>(
		`
		SELECT period, period_start AS periodStart, period_end AS periodEnd, value FROM indicator_values
		WHERE indicator_id = ? AND is_current = 1 AND region_id IS NULL AND sex IS NULL AND age_group IS NULL AND exploitation IS NULL AND nationality IS NULL
		ORDER BY period_start DESC LIMIT 1`,
		ind.id
	);
	run(
		`UPDATE indicator_values SET value = max(value, 12) WHERE indicator_id = ? AND period = ? AND region_id IS NULL AND sex IS NULL AND age_group IS NULL AND exploitation IS NULL AND nationality IS NULL AND is_current = 1`,
		ind.id,
		total.period
	);
	const national = Math.max(total.value, 12);
	run(
		`DELETE FROM indicator_values WHERE indicator_id = ? AND period = ? AND region_id IS NULL AND (sex IS NOT NULL OR age_group IS NOT NULL OR exploitation IS NOT NULL OR nationality IS NOT NULL)`,
		ind.id,
		total.period
	);
	const part = c.prepare(
		`INSERT INTO indicator_values (indicator_id, period, period_start, period_end, sex, value, state, is_current, source) VALUES (?, ?, ?, ?, ?, ?, 'validated', 1, 'crawl')`
	);
	part.run(ind.id, total.period, total.periodStart, total.periodEnd, 'female', SMALL_BREAKDOWN);
	part.run(ind.id, total.period, total.periodStart, total.periodEnd, 'male', national - SMALL_BREAKDOWN);
	breakdownPeriod = total.period;

	planted.measures.push(ind.measureCode, stageMeasure.code);
	planted.regions.push(cell.iso);
	planted.indicators.push(ind.code);
}, 60_000);

afterAll(() => {
	setDb(undefined);
	cleanup();
	rmSync(evidenceDir, { recursive: true, force: true });
});

/** Tables with at most this many rows are read whole; larger ones: the planted rows and the first few. */
const SMALL_TABLE = 40;
const SAMPLE = 3;

/**
 * The values of a route parameter, from the database: the table is named by the segment before
 * it (`/measures/[code]` → measures.code, `/evidence/[id=id]` → evidence.id). A parameter no table
 * answers is tried with a value that exists nowhere (the route must then refuse or show nothing).
 */
/** A segment whose table has another name (`/partners/projects/[code]` → partner_projects.code, `/review/discipline/[code]` → institutions.code). */
const TABLE_OF: Record<string, string> = { projects: 'partner_projects', discipline: 'institutions' };

function paramValues(before: string | undefined, name: string): string[] {
	const table = TABLE_OF[before ?? ''] ?? (before ?? '').replace(/-/g, '_');
	const columns = table ? (db.$client.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name) : [];
	if (!columns.includes(name)) return ['0'];
	const count = (db.$client.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
	const all = (q: string) => (db.$client.prepare(q).pluck().all() as (string | number)[]).map(String);
	if (count <= SMALL_TABLE) return all(`SELECT "${name}" FROM "${table}" ORDER BY rowid`);
	const plantedHere = ((planted as Record<string, (string | number)[]>)[table] ?? []).map(String);
	return [...new Set([...plantedHere, ...all(`SELECT "${name}" FROM "${table}" ORDER BY rowid LIMIT ${SAMPLE}`)])];
}

/** Every concrete URL of a route, with its parameters. */
function urlsOf(route: RouteDir): { path: string; params: Record<string, string> }[] {
	let out: { path: string; params: Record<string, string> }[] = [{ path: '', params: {} }];
	route.segments.forEach((seg, i) => {
		if (seg.kind === 'static') {
			out = out.map((u) => ({ ...u, path: `${u.path}/${seg.text}` }));
			return;
		}
		const prev = route.segments[i - 1];
		const values = seg.optional ? [''] : paramValues(prev?.kind === 'static' ? prev.text : undefined, seg.name);
		out = out.flatMap((u) => values.map((v) => ({ path: v ? `${u.path}/${encodeURIComponent(v)}` : u.path, params: { ...u.params, [seg.name]: v } })));
	});
	return out.map((u) => ({ ...u, path: u.path || '/' }));
}

/** The URL queries of the dashboards that change what they show (the route's base URL is read anyway). */
function queries(path: string): string[] {
	const ind = planted.indicators[0]!;
	if (path === '/') return [`?layer=indicator&ind=${ind}`];
	if (path === '/indicators') return [`?i=${ind}`, `?i=${ind}&sub=1`, `?q=${ind.slice(0, 3)}`, `?i=${ind}&bp=${breakdownPeriod}`];
	if (path === `/measures/${planted.measures[0]}`) return [`?bp=${breakdownPeriod}`];
	return [];
}

interface Finding {
	viewer: string;
	url: string;
	what: string;
}

/** Unmasked counts below the threshold of a sensitive indicator, anywhere in a page's data. */
function smallSensitive(node: unknown, inSensitive = false, found: string[] = [], path = '$'): string[] {
	if (Array.isArray(node)) {
		node.forEach((n, i) => smallSensitive(n, inSensitive, found, `${path}[${i}]`));
		return found;
	}
	if (!node || typeof node !== 'object') return found;
	const o = node as Record<string, unknown>;
	const ind = o.indicator as Record<string, unknown> | undefined;
	const here =
		inSensitive ||
		o.sensitive === true ||
		(ind && typeof ind === 'object' && (ind.sensitive === true || sensitiveCodes.has(String(ind.code)))) ||
		(typeof o.indicatorId === 'number' && sensitiveIds.has(o.indicatorId)) ||
		(typeof o.code === 'string' && sensitiveCodes.has(o.code) && ('value' in o || 'view' in o));
	if (here && typeof o.value === 'number' && o.value < CONFIDENTIALITY_THRESHOLD && o.masked !== true) found.push(`${path}.value=${o.value}`);
	for (const [k, v] of Object.entries(o)) if (v && typeof v === 'object') smallSensitive(v, !!here, found, `${path}.${k}`);
	return found;
}

/** The planted indicator's cells by sex in a measure page's data (its `breakdowns`). */
function findMaskedBreakdown(data: unknown): unknown {
	const list = findKey(data, 'breakdowns') as { code: string; view: { dimensions: { dimension: string; cells: unknown[] }[] } | null }[] | undefined;
	const b = list?.find((x) => x.code === planted.indicators[0]);
	return b?.view?.dimensions.find((d) => d.dimension === 'sex')?.cells ?? null;
}
function findKey(node: unknown, key: string): unknown {
	if (!node || typeof node !== 'object') return undefined;
	if (!Array.isArray(node) && key in (node as object)) return (node as Record<string, unknown>)[key];
	for (const v of Object.values(node as object)) {
		const f = findKey(v, key);
		if (f !== undefined) return f;
	}
	return undefined;
}

/** The commission's workload figures, by the keys the read models give them. */
function workload(node: unknown, found: string[] = [], path = '$'): string[] {
	if (Array.isArray(node)) node.forEach((n, i) => workload(n, found, `${path}[${i}]`));
	else if (node && typeof node === 'object')
		for (const [k, v] of Object.entries(node)) {
			if (/^awaiting/i.test(k) && typeof v === 'number') found.push(`${path}.${k}`);
			workload(v, found, `${path}.${k}`);
		}
	return found;
}

describe('confidentiality crawl', () => {
	it('reads every route as a partner and as an unrelated focal point, and none leaks', async () => {
		const routes = listRoutes();
		const findings: Finding[] = [];
		const stats = { routes: routes.length, pages: 0, endpoints: 0, reads: 0, ok: 0, refused: 0 };
		const opened = new Set<string>();
		let maskedBreakdown: unknown = null;
		for (const [viewer, user] of [
			['partner', partner],
			['outsider', outsider]
		] as const) {
			for (const route of routes) {
				for (const kind of ['page', 'endpoint'] as const) {
					if (kind === 'page' ? !route.page : !route.endpoint) continue;
					for (const u of urlsOf(route)) {
						for (const q of ['', ...queries(u.path)]) {
							const url = u.path + q;
							const out = await get(route, url, u.params, user, kind);
							stats.reads++;
							if (viewer === 'partner') stats[kind === 'page' ? 'pages' : 'endpoints']++;
							if (out.kind === 'refused') {
								stats.refused++;
								if (![303, 307, 401, 403, 404, 405].includes(out.status)) findings.push({ viewer, url, what: `answered ${out.status}` });
								continue;
							}
							stats.ok++;
							opened.add(`${viewer} ${url}`);
							for (const [name, marker] of Object.entries(MARKERS)) if (out.body.includes(marker)) findings.push({ viewer, url, what: `marker ${name}` });
							if (viewer === 'partner' && kind === 'page') {
								const data = JSON.parse(out.body);
								if (url === `/measures/${planted.measures[0]}?bp=${breakdownPeriod}`) maskedBreakdown = findMaskedBreakdown(data);
								for (const f of smallSensitive(data)) findings.push({ viewer, url, what: `small count ${f}` });
								for (const f of workload(data)) findings.push({ viewer, url, what: `workload figure ${f}` });
							}
						}
					}
				}
			}
		}
		console.log('[crawl]', JSON.stringify(stats));
		if (findings.length) console.log('[crawl] findings:\n' + findings.map((f) => `${f.viewer} ${f.url}: ${f.what}`).join('\n'));
		// The crawl did read the pages where the planted rows would show.
		for (const viewer of ['partner', 'outsider']) {
			expect(opened.has(`${viewer} /measures/${planted.measures[0]}`), `${viewer} reads the measure page`).toBe(true);
			expect(opened.has(`${viewer} /regions/${planted.regions[0]}`), `${viewer} reads the region page`).toBe(true);
			expect(opened.has(`${viewer} /partners/projects/PP-DEMO-ONUDC`), `${viewer} reads a partner project's page`).toBe(true);
		}
		expect(stats.pages).toBeGreaterThan(20);
		// The planted breakdown did reach the partner, its small cell masked with the one beside it.
		expect(maskedBreakdown).toEqual([
			{ category: 'female', value: null, masked: true, small: true },
			{ category: 'male', value: null, masked: true, small: false }
		]);
		expect(findings).toEqual([]);
	}, 240_000);
});
