/**
 * Deterministic demonstration data for the PN 2023-2030, generated from the catalogue
 * `seed/demo-catalogue.json` (families of measures, their indicators and narratives, objectives and
 * measures per axis, partner projects, the MNR stages): objectives, measures, indicators and their
 * values, progress-update histories, the MNR regional roll-out, reporting periods, partner-project
 * links, recommendation links and the demo accounts.
 *
 * Rules:
 * - Every generated row is `isDemo: true`. The public figures of `public-values.json` are attached to the
 *   statistics measure but stay `isDemo: false` with their sources.
 * - No platform randomness and no clock: a fixed seed (`DEMO_SEED`, mulberry32, one stream per measure so editing
 *   one template does not reshuffle the others) and a fixed "today" (`DEMO_TODAY`) for every timestamp
 *   and for which periods are already reported. Two databases seeded from the same files are identical.
 * - Coherence: a measure's status / progress / last_validated_at are those of its last validated update;
 *   completed ⇒ 100; national values are the sum (counts, money) or the mean (percents) of the regional ones.
 *
 * The steps, in the order they write: `accounts`, `structure` (reporting periods, objectives, measures,
 * links; each measure's history decided by `histories`), `histories` (progress updates), `rollout` (MNR
 * stages), `indicators` (indicators and values), `partners`; then, once the seed has the public
 * record and all this, `reports` publishes the demonstration's reports.
 *
 * Runs inside the caller's transaction (synchronous). Relative imports only (tsx CLI).
 */
import type { Db } from '../../db/client';
import * as s from '../../db/schema';
import type { SeedFiles } from '../../../schemas/seed';
import { codeIds, regionIds } from '../public';
import { insertAccounts, type DemoHashes } from './accounts';
import { at, DEMO_PLAN, type DemoContext } from './common';
import { drawPending, insertProgressUpdates, planMeasure } from './histories';
import { insertIndicatorsAndValues } from './indicators';
import { insertPartnerProjects } from './partners';
import { insertMnrStages } from './rollout';
import { catalogueEntries, insertReportingPeriods, insertStructure } from './structure';

export { DEMO_PLAN, DEMO_SEED, DEMO_SEMESTERS, DEMO_TODAY, DEMO_YEARS, REPORTING_PERIOD_CODES } from './common';
export type { DemoHashes } from './accounts';
export { publishDemoReports } from './reports';

export interface DemoCounts {
	objectives: number;
	measures: number;
	indicators: number;
	indicatorValues: number;
	progressUpdates: number;
	regionStages: number;
	reportingPeriods: number;
	partnerProjects: number;
	users: number;
	recommendationLinks: number;
}

/**
 * Inserts the demonstration data. Expects the public record (`insertPublic`) to be there already and the
 * password hashes computed beforehand (better-sqlite3 transactions are synchronous).
 */
export function insertDemo(db: Db, files: SeedFiles, hashes: DemoHashes, log: (line: string) => void = () => {}): DemoCounts {
	const need = <T>(map: Map<string, T>, key: string, what: string): T => {
		const v = map.get(key);
		if (v === undefined) throw new Error(`Seed (demo): unknown ${what} "${key}"`);
		return v;
	};
	if (!codeIds(db, s.plans).has(DEMO_PLAN)) throw new Error(`Seed (demo): plan ${DEMO_PLAN} is missing`);
	const ctx: DemoContext = {
		db,
		files,
		catalogue: files.demoCatalogue,
		need,
		regionId: regionIds(db),
		instId: codeIds(db, s.institutions),
		created: at('2023-03-20', 9)
	};

	const people = insertAccounts(ctx, hashes);
	const reportingPeriods = insertReportingPeriods(ctx);
	const { objectiveRows, entries } = catalogueEntries(ctx);
	const pending = drawPending(ctx.catalogue, entries);
	const plans = entries.map((e) => planMeasure(ctx.catalogue, e, pending.get(e.code) ?? null));
	const { measureId, measureRows, recLinks } = insertStructure(ctx, objectiveRows, plans);
	const updateRows = insertProgressUpdates(ctx, people, plans, measureId);
	const stageRows = insertMnrStages(ctx, people, plans, measureId);
	const { indicatorRows, valueRows } = insertIndicatorsAndValues(ctx, people, plans, measureId);
	const partnerProjects = insertPartnerProjects(ctx, measureId);

	const counts: DemoCounts = {
		objectives: objectiveRows.length,
		measures: measureRows.length,
		indicators: indicatorRows.length,
		indicatorValues: valueRows.length,
		progressUpdates: updateRows.length,
		regionStages: stageRows.length,
		reportingPeriods,
		partnerProjects,
		users: people.usersInserted,
		recommendationLinks: recLinks.length
	};
	log(
		`demonstration: ${counts.objectives} objectives, ${counts.measures} measures, ${counts.indicators} indicators, ${counts.indicatorValues} values, ` +
			`${counts.progressUpdates} progress updates, ${counts.regionStages} MNR stages, ${counts.users} users`
	);
	return counts;
}
