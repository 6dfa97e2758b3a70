/**
 * Each demonstration measure's history: start, deadline, weight, final state on DEMO_TODAY and the
 * validated progress updates that lead to it (with their narratives), a few reports still pending on
 * 2026-S1, and their insertion as `progress_updates`.
 */
import * as s from '../../db/schema';
import type { Locale, MeasureStatus, Pillar } from '../../../domain/enums';
import { formatPeriod } from '../../../domain/period';
import { countOf } from '../../../domain/units';
import { fnv1a } from '../../../domain/random';
import type { DemoCatalogueFile } from '../../../schemas/seed';
import {
	addDays,
	DEMO_SEMESTERS,
	DEMO_TODAY,
	dayMs,
	fill,
	insertChunked,
	reportTimes,
	Rng,
	semesterEnd,
	template,
	type DemoContext,
	type DemoPeople,
	type MeasurePlan,
	type MeasureTpl,
	type Narrative,
	type PlannedUpdate
} from './common';
import { mnrCounts, mnrProgress } from './rollout';

function narrativeFor(
	catalogue: DemoCatalogueFile,
	rng: Rng,
	tpl: MeasureTpl,
	period: string,
	status: MeasureStatus,
	progress: number,
	late: boolean,
	k = 0
): Narrative {
	const fam = catalogue.families[tpl.family]!;
	const texts = catalogue.narratives;
	const each = (text: (locale: Locale) => string): Narrative => ({ fr: text('fr'), ar: text('ar'), en: text('en') });
	let n: Narrative;
	if (tpl.special === 'mnr') {
		const c = mnrCounts(catalogue, semesterEnd(period));
		n = each((l) =>
			template(texts.mnr[l], { period: formatPeriod(period, l), operational: countOf(c.operational, 'régions', l), pilot: c.pilot, preparation: c.preparation })
		);
	} else if (status === 'planned' || status === 'suspended' || status === 'cancelled') n = { ...texts[status] };
	else if (status === 'completed') n = each((l) => template(texts.completed[l], { done: fill(fam.done[l], tpl.target, l) }));
	else {
		// successive reports of a measure alternate between the family's activities
		const act = fam.activities[(k + (fnv1a(tpl.title.fr) & 1)) % 2]!;
		n = each((l) => template(texts.progress[l], { period: formatPeriod(period, l), activity: fill(act[l], tpl.target, l), progress }));
		if (late) n = { fr: n.fr + texts.late.fr, ar: n.ar + texts.late.ar, en: n.en + texts.late.en };
	}
	// Every narrative in the three languages, like the rest of the generator's text. The two draws
	// that once left a translation out stay, so the rest of this stream (every later figure) is unchanged.
	rng.chance(0.72);
	rng.chance(0.6);
	return n;
}

export type PendingKind = 'submitted' | 'returned' | 'draft' | 'stale';
/** How many measures in progress have a pending report on 2026-S1, or no validated update since 2025-S1. */
const PENDING_QUOTAS: readonly (readonly [PendingKind, number])[] = [
	['submitted', 5],
	['returned', 2],
	['draft', 2],
	['stale', 5]
];

export interface MeasureEntry {
	code: string;
	objectiveCode: string;
	tpl: MeasureTpl;
	pillar: Pillar;
}

/**
 * Which measures in progress have a report on 2026-S1 not validated yet (submitted, returned, draft), and
 * which went stale (nothing validated since 2025-S1): a fixed number of each, drawn deterministically.
 */
export function drawPending(catalogue: DemoCatalogueFile, entries: readonly MeasureEntry[]): Map<string, PendingKind> {
	const eligible = entries.filter((e) => !e.tpl.special && planMeasure(catalogue, e, null).final.status === 'in_progress');
	const drawRng = new Rng('pending');
	const drawn = eligible
		.map((e) => ({ e, key: drawRng.float() }))
		.sort((a, b) => a.key - b.key)
		.map((x) => x.e.code);
	const pendingKinds = new Map<string, PendingKind>();
	for (const [kind, n] of PENDING_QUOTAS) for (let i = 0; i < n && drawn.length > 0; i++) pendingKinds.set(drawn.shift()!, kind);
	return pendingKinds;
}

/** Decides start, deadline, final status and the validated update history of one measure. */
export function planMeasure(catalogue: DemoCatalogueFile, entry: MeasureEntry, pendingKind: PendingKind | null): MeasurePlan {
	const { code, objectiveCode, tpl, pillar } = entry;
	const rng = new Rng(`measure:${code}`);
	const start = tpl.start ?? addDays(rng.chance(0.6) ? '2023-04-03' : '2024-01-08', rng.int(0, 250));
	let deadline = tpl.deadline;
	if (!deadline) {
		const bucket = rng.float();
		const year = bucket < 0.22 ? rng.int(2024, 2025) : bucket < 0.55 ? rng.int(2026, 2027) : rng.int(2028, 2030);
		deadline = rng.chance(0.5) ? `${year}-06-30` : `${year}-12-31`;
		if (deadline <= addDays(start, 300)) deadline = `${Number(start.slice(0, 4)) + 2}-12-31`;
	}
	const weight = rng.int(1, 3);
	const active = DEMO_SEMESTERS.filter((p) => semesterEnd(p) > start);
	const span = dayMs(deadline) - dayMs(start);
	const expected = (date: string) => Math.min(1, Math.max(0, (dayMs(date) - dayMs(start)) / span));

	// The final state on DEMO_TODAY, and the last period a validated update exists for.
	let status: MeasureStatus;
	let progress: number;
	let lastPeriod = active[active.length - 1]!;
	let late = false;
	if (tpl.special === 'mnr') {
		status = 'in_progress';
		progress = mnrProgress(catalogue, semesterEnd(lastPeriod));
	} else if (tpl.status === 'planned') {
		status = 'planned';
		progress = 0;
	} else if (tpl.status === 'suspended' || tpl.status === 'cancelled') {
		status = tpl.status;
		lastPeriod = rng.pick(['2025-S1', '2025-S2']);
		progress = Math.round(100 * expected(semesterEnd(lastPeriod)) * rng.range(0.3, 0.7));
	} else if (deadline < DEMO_TODAY) {
		if (rng.chance(0.6)) {
			status = 'completed';
			progress = 100;
			const doneBy = addDays(deadline, -rng.int(0, 170));
			// at least two reports before completion
			const found = active.findIndex((p) => semesterEnd(p) >= doneBy);
			lastPeriod = active[found < 0 ? active.length - 1 : Math.min(Math.max(1, found), active.length - 1)]!;
		} else {
			status = 'in_progress';
			progress = rng.int(55, 88);
			late = true;
		}
	} else if (rng.chance(0.08)) {
		status = 'completed';
		progress = 100;
		lastPeriod = rng.pick(active.slice(Math.max(2, active.length - 3)));
	} else {
		status = 'in_progress';
		progress = Math.min(95, Math.max(5, Math.round(100 * expected(DEMO_TODAY) * rng.range(0.45, 1.3))));
	}
	if (tpl.cap) {
		// what is public bounds the demonstration: in progress, never done before it really is
		status = 'in_progress';
		progress = rng.int(tpl.cap[0], tpl.cap[1]);
		late = false;
	}
	if (pendingKind === 'stale' && status === 'in_progress' && tpl.special !== 'mnr') lastPeriod = '2025-S1';
	if (pendingKind && pendingKind !== 'stale' && status === 'in_progress') lastPeriod = '2025-S2';

	const upTo = active.filter((p) => p <= lastPeriod);
	const n = Math.max(1, Math.min(upTo.length, tpl.special === 'mnr' ? 6 : rng.int(2, 6)));
	// n periods evenly spread over the active ones, always ending with lastPeriod.
	const periods = [...new Set(Array.from({ length: n }, (_, k) => upTo[Math.round(((k + 1) * (upTo.length - 1)) / n)]!))];
	if (periods[periods.length - 1] !== lastPeriod) periods.push(lastPeriod);
	if (periods.length < 2 && upTo.length >= 2) periods.unshift(upTo[0]!);

	const finalProgress = progress;
	const path: number[] = periods.map((p, k) => {
		if (status === 'planned') return 0;
		if (tpl.special === 'mnr') return mnrProgress(catalogue, semesterEnd(p));
		if (k === periods.length - 1) return finalProgress;
		const share = (k + 1) / periods.length;
		const v = Math.round(finalProgress * share * rng.range(0.75, 1.1));
		return status === 'completed' ? Math.min(95, v) : v;
	});
	for (let k = 1; k < path.length; k++) if (path[k]! < path[k - 1]!) path[k] = path[k - 1]!;
	if (status === 'completed') path[path.length - 1] = 100;
	const stopped = status === 'suspended' || status === 'cancelled';
	if (stopped && path.length >= 2) path[path.length - 1] = path[path.length - 2]!;
	if (stopped) progress = path[path.length - 1]!;
	const dropAt = tpl.drop && path.length >= 3 ? path.length - 1 : -1;
	if (dropAt > 0) path[dropAt - 1] = Math.min(95, path[dropAt]! + rng.int(12, 20));

	const updates: PlannedUpdate[] = periods.map((period, k) => {
		const p = path[k]!;
		const isLast = k === periods.length - 1;
		const st: MeasureStatus = isLast ? status : p === 0 ? 'planned' : 'in_progress';
		const narrative = k === dropAt ? { ...catalogue.narratives.drop } : narrativeFor(catalogue, rng, tpl, period, st, p, isLast && late, k);
		return { period, status: st, progress: p, state: 'validated', narrative, reviewComment: null };
	});

	// One more report on the latest period, not (yet) validated.
	if (pendingKind && pendingKind !== 'stale' && status === 'in_progress') {
		const p = Math.min(99, progress + rng.int(3, 10));
		const comments = catalogue.returnComments;
		updates.push({
			period: '2026-S1',
			status: 'in_progress',
			progress: p,
			state: pendingKind,
			narrative: narrativeFor(catalogue, rng, tpl, '2026-S1', 'in_progress', p, false, updates.length),
			reviewComment: pendingKind === 'returned' ? comments[fnv1a(code) % comments.length]! : null
		});
	}

	const validatedPoints = updates.filter((u) => u.state === 'validated').map((u) => [dayMs(semesterEnd(u.period)), u.progress] as [number, number]);
	const points: [number, number][] = [[dayMs(start), 0], ...validatedPoints];
	const progressAt = (date: string): number => {
		const t = dayMs(date);
		if (t <= points[0]![0]) return 0;
		for (let k = 1; k < points.length; k++) {
			const [t1, v1] = points[k]!;
			const [t0, v0] = points[k - 1]!;
			if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
		}
		return points[points.length - 1]![1];
	};

	return {
		code,
		objectiveCode,
		tpl,
		pillar,
		start,
		deadline,
		weight,
		updates,
		progressAt,
		lastReportedPeriod: stopped ? lastPeriod : '2026-S1',
		final: { status, progress }
	};
}

/** Inserts every planned update of every measure as `progress_updates`; returns the rows. */
export function insertProgressUpdates(ctx: DemoContext, people: DemoPeople, plans: readonly MeasurePlan[], measureId: Map<string, number>) {
	const { need } = ctx;
	const updateRows: (typeof s.progressUpdates.$inferInsert)[] = [];
	for (const p of plans) {
		const authors = people.focalPoints(p.tpl.lead);
		const validatedCount = p.updates.filter((x) => x.state === 'validated').length;
		p.updates.forEach((u, k) => {
			const t = reportTimes(new Rng(`times:${p.code}:${u.period}`), u.period);
			const draft = u.state === 'draft';
			const reviewed = u.state === 'validated' || u.state === 'returned';
			updateRows.push({
				measureId: need(measureId, p.code, 'measure'),
				period: u.period,
				status: u.status,
				progress: u.progress,
				narrativeFr: u.narrative.fr,
				narrativeAr: u.narrative.ar,
				narrativeEn: u.narrative.en,
				state: u.state,
				baseVersion: Math.min(k + 1, validatedCount + 1),
				authorId: authors[k % authors.length]!,
				institutionId: need(ctx.instId, p.tpl.lead, 'institution'),
				reviewerId: reviewed ? people.reviewer : null,
				reviewComment: u.reviewComment,
				submittedAt: draft ? null : t.submittedAt,
				reviewedAt: reviewed ? t.reviewedAt : null,
				isDemo: true,
				createdAt: t.createdAt,
				updatedAt: draft ? t.createdAt : u.state === 'submitted' ? t.submittedAt : t.reviewedAt
			});
		});
	}
	insertChunked(ctx.db, s.progressUpdates, updateRows);
	return updateRows;
}
