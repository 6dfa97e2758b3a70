/**
 * The public record: regions, institutions, plans and their (reconstructed) axes, the ten priority
 * recommendations and the public partner projects, each row with its `sources`. Idempotent: every insert is
 * `ON CONFLICT (code | iso) DO NOTHING`, so running it twice (or on a database where an administrator
 * already edited a row) changes nothing.
 *
 * Runs inside the caller's transaction (better-sqlite3: synchronous). Relative imports only (tsx CLI).
 */
import { eq } from 'drizzle-orm';
import { majorToMinor } from '../../domain/money';
import type { Db } from '../db/client';
import * as s from '../db/schema';
import type { SeedFiles, SeedSource } from '../../schemas/seed';

export const sourcesJson = (sources: readonly SeedSource[]): string => JSON.stringify(sources);

/** The tables with a unique `code` column. */
type CodedTable =
	| typeof s.institutions
	| typeof s.plans
	| typeof s.axes
	| typeof s.objectives
	| typeof s.measures
	| typeof s.indicators
	| typeof s.recommendations
	| typeof s.partnerProjects;
/** code → id for a table with a unique `code` column. */
export function codeIds(db: Db, table: CodedTable): Map<string, number> {
	const rows = db.select({ id: table.id, code: table.code }).from(table).all();
	return new Map(rows.map((r) => [r.code, r.id]));
}

export function regionIds(db: Db): Map<string, number> {
	return new Map(db.select({ id: s.regions.id, iso: s.regions.iso }).from(s.regions).all().map((r) => [r.iso, r.id]));
}

function need<T>(map: Map<string, T>, key: string, what: string): T {
	const v = map.get(key);
	if (v === undefined) throw new Error(`Seed: unknown ${what} "${key}"`);
	return v;
}

export interface PublicCounts {
	regions: number;
	institutions: number;
	plans: number;
	axes: number;
	recommendations: number;
	partnerProjects: number;
}

/** Inserts the public record; returns how many rows were actually inserted per table. */
export function insertPublic(db: Db, files: SeedFiles, log: (line: string) => void = () => {}): PublicCounts {
	const counts: PublicCounts = { regions: 0, institutions: 0, plans: 0, axes: 0, recommendations: 0, partnerProjects: 0 };

	for (const r of files.regions.regions) {
		const res = db
			.insert(s.regions)
			.values({
				iso: r.iso,
				nameFr: r.name.fr,
				nameAr: r.name.ar ?? null,
				nameEn: r.name.en ?? null,
				capitalFr: r.capital.fr,
				capitalAr: r.capital.ar ?? null,
				population: r.population,
				households: r.households,
				foreigners: r.foreigners,
				sortOrder: r.sortOrder,
				note: r.note ?? null,
				sources: sourcesJson(r.sources),
				isDemo: false
			})
			.onConflictDoNothing({ target: s.regions.iso })
			.run();
		counts.regions += res.changes;
	}

	for (const i of files.institutions.institutions) {
		const res = db
			.insert(s.institutions)
			.values({
				code: i.code,
				acronymFr: i.acronym?.fr ?? null,
				acronymAr: i.acronym?.ar ?? null,
				acronymEn: i.acronym?.en ?? null,
				shortNameFr: i.shortName.fr,
				shortNameAr: i.shortName.ar,
				shortNameEn: i.shortName.en,
				nameFr: i.name.fr,
				nameAr: i.name.ar ?? null,
				nameEn: i.name.en ?? null,
				kind: i.kind,
				isMember: i.isMember,
				note: i.note ?? null,
				sources: sourcesJson(i.sources),
				isDemo: false
			})
			.onConflictDoNothing({ target: s.institutions.code })
			.run();
		counts.institutions += res.changes;
	}

	// Parents before children: a plan is inserted once its parent exists.
	const pending = [...files.plans.plans];
	while (pending.length > 0) {
		const ids = codeIds(db, s.plans);
		const ready = pending.filter((p) => p.parent === null || ids.has(p.parent));
		if (ready.length === 0) throw new Error(`Seed: plans with an unknown or circular parent: ${pending.map((p) => p.code).join(', ')}`);
		for (const p of ready) {
			const res = db
				.insert(s.plans)
				.values({
					code: p.code,
					kind: p.kind,
					titleFr: p.title.fr,
					titleAr: p.title.ar ?? null,
					titleEn: p.title.en ?? null,
					descriptionFr: p.description?.fr ?? null,
					descriptionAr: p.description?.ar ?? null,
					descriptionEn: p.description?.en ?? null,
					startDate: p.startDate,
					endDate: p.endDate,
					adoptedOn: p.adoptedOn,
					parentId: p.parent === null ? null : need(ids, p.parent, 'plan'),
					sortOrder: p.sortOrder,
					note: p.note ?? null,
					sources: sourcesJson(p.sources),
					isDemo: false
				})
				.onConflictDoNothing({ target: s.plans.code })
				.run();
			counts.plans += res.changes;
			pending.splice(pending.indexOf(p), 1);
		}
	}

	const planIds = codeIds(db, s.plans);
	for (const a of files.plans.axes) {
		const res = db
			.insert(s.axes)
			.values({
				planId: need(planIds, a.plan, 'plan'),
				code: a.code,
				titleFr: a.title.fr,
				titleAr: a.title.ar ?? null,
				titleEn: a.title.en ?? null,
				pillar: a.pillar,
				sortOrder: a.sortOrder,
				reconstructed: a.reconstructed,
				sources: sourcesJson(a.sources),
				isDemo: false
			})
			.onConflictDoNothing({ target: s.axes.code })
			.run();
		counts.axes += res.changes;
	}

	const rec = files.recommendations;
	const recPlanId = need(planIds, rec.plan, 'plan');
	for (const r of rec.recommendations) {
		const res = db
			.insert(s.recommendations)
			.values({
				planId: recPlanId,
				code: r.code,
				rank: r.rank,
				sourceReport: rec.sourceReport,
				sourceYear: rec.sourceYear,
				priorityPeriod: rec.priorityPeriod,
				pillar: r.pillar,
				titleFr: r.title.fr,
				titleAr: r.title.ar ?? null,
				titleEn: r.title.en ?? null,
				summaryFr: r.summary.fr,
				summaryAr: r.summary.ar ?? null,
				summaryEn: r.summary.en ?? null,
				officialText: r.officialText,
				officialTextStatus: r.officialTextStatus,
				note: r.note ?? null,
				officialUrl: r.officialUrl,
				sdgTargets: r.sdgTargets,
				sources: sourcesJson(r.sources),
				isDemo: r.isDemo
			})
			.onConflictDoNothing({ target: s.recommendations.code })
			.run();
		counts.recommendations += res.changes;
	}

	const instIds = codeIds(db, s.institutions);
	for (const p of files.partnerProjects.projects) {
		const res = db
			.insert(s.partnerProjects)
			.values({
				code: p.code,
				partnerInstitutionId: need(instIds, p.partner, 'institution'),
				donorInstitutionId: p.donor === null ? null : need(instIds, p.donor, 'institution'),
				donorName: p.donorName,
				titleFr: p.title.fr,
				titleAr: p.title.ar ?? null,
				titleEn: p.title.en ?? null,
				startDate: p.startDate,
				endDate: p.endDate,
				budgetMinor: p.budget === null || p.currency === null ? null : majorToMinor(p.budget, p.currency),
				currency: p.currency,
				status: p.status ?? (p.endDate !== null && p.endDate < new Date().toISOString().slice(0, 10) ? 'completed' : 'ongoing'),
				note: p.note ?? null,
				sources: sourcesJson(p.sources),
				isDemo: false
			})
			.onConflictDoNothing({ target: s.partnerProjects.code })
			.run();
		counts.partnerProjects += res.changes;
	}

	log(
		`public record: ${counts.regions} regions, ${counts.institutions} institutions, ${counts.plans} plans, ${counts.axes} axes, ` +
			`${counts.recommendations} recommendations, ${counts.partnerProjects} partner projects inserted`
	);
	return counts;
}

/** The id of the plan with this code, or throws. */
export function planId(db: Db, code: string): number {
	const row = db.select({ id: s.plans.id }).from(s.plans).where(eq(s.plans.code, code)).get();
	if (!row) throw new Error(`Seed: plan "${code}" is missing`);
	return row.id;
}
