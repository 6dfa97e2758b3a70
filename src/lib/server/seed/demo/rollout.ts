/**
 * The MNR regional roll-out of the demonstration: each region's stage history from the catalogue
 * (the real calendar is not public), validated, and one stage change still waiting for review.
 */
import * as s from '../../db/schema';
import type { RolloutStage } from '../../../domain/enums';
import type { DemoCatalogueFile } from '../../../schemas/seed';
import { addDays, at, insertChunked, LAST_DAY, minDate, type DemoContext, type DemoPeople, type MeasurePlan } from './common';

type StageHistory = DemoCatalogueFile['mnr']['stages'][string];

export function stageAt(history: StageHistory, date: string): RolloutStage {
	let stage: RolloutStage = 'not_started';
	for (const { stage: st, since } of history) if (since <= date) stage = st;
	return stage;
}

/** How many regions are at each stage on `date`. */
export function mnrCounts(catalogue: DemoCatalogueFile, date: string): { operational: number; pilot: number; preparation: number } {
	const c = { operational: 0, pilot: 0, preparation: 0 };
	for (const history of Object.values(catalogue.mnr.stages)) {
		const stage = stageAt(history, date);
		if (stage !== 'not_started') c[stage]++;
	}
	return c;
}

/** The MNR measure's progress on `date`: operational regions count whole, piloting half, preparing a fifth. */
export function mnrProgress(catalogue: DemoCatalogueFile, date: string): number {
	const c = mnrCounts(catalogue, date);
	return Math.round((100 * (c.operational + 0.5 * c.pilot + 0.2 * c.preparation)) / 12);
}

/** Inserts the stage rows of the measure that rolls the MNR out, if there is one; returns them. */
export function insertMnrStages(ctx: DemoContext, people: DemoPeople, plans: readonly MeasurePlan[], measureId: Map<string, number>) {
	const { db, need, catalogue } = ctx;
	const mnr = plans.find((p) => p.tpl.special === 'mnr');
	const stageRows: (typeof s.measureRegionStages.$inferInsert)[] = [];
	if (!mnr) return stageRows;
	const author = people.focalPoints(mnr.tpl.lead)[0]!;
	const pending = catalogue.mnr.pending;
	for (const r of ctx.files.regions.regions) {
		const history = catalogue.mnr.stages[r.iso] ?? [];
		const entries: StageHistory = history.length ? history : [{ stage: 'not_started', since: mnr.start }];
		for (const { stage, since } of entries) {
			stageRows.push({
				measureId: need(measureId, mnr.code, 'measure'),
				regionId: need(ctx.regionId, r.iso, 'region'),
				stage,
				since,
				note: stage === 'not_started' ? catalogue.mnr.notStartedNote : null,
				state: 'validated',
				authorId: author,
				reviewerId: people.reviewer,
				submittedAt: at(minDate(addDays(since, 3), addDays(LAST_DAY, -1)), 10),
				reviewedAt: at(minDate(addDays(since, 8), LAST_DAY), 16),
				isDemo: true,
				createdAt: at(since, 9),
				updatedAt: at(minDate(addDays(since, 8), LAST_DAY), 16)
			});
		}
	}
	stageRows.push({
		measureId: need(measureId, mnr.code, 'measure'),
		regionId: need(ctx.regionId, pending.region, 'region'),
		stage: pending.stage,
		since: pending.since,
		note: pending.note,
		state: 'submitted',
		authorId: author,
		submittedAt: at(addDays(pending.since, 5), 11),
		isDemo: true,
		createdAt: at(addDays(pending.since, 4), 9),
		updatedAt: at(addDays(pending.since, 5), 11)
	});
	insertChunked(db, s.measureRegionStages, stageRows);
	return stageRows;
}
