/**
 * The demonstration's published reports: one for the whole national plan per semester that ended
 * before `today` and whose reporting is over (`reporting_periods.closed_at`), published by the demo
 * commission account 40 days after the semester, flagged demonstration, with the catalogue's summary.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { DEFAULT_PLAN } from '../../dashboard';
import { publish } from '../../reports';
import { parsePeriod } from '../../../domain/period';
import type { DemoCatalogueFile } from '../../../schemas/seed';

/** Publishes the reports; returns how many were published. */
export function publishDemoReports(db: Db, catalogue: DemoCatalogueFile, today: string, planCode = DEFAULT_PLAN): number {
	const by = db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'commission' AND is_demo = 1 ORDER BY id LIMIT 1`)?.id ?? null;
	const periods = db
		.all<{ code: string }>(sql`SELECT code FROM reporting_periods WHERE closed_at IS NOT NULL AND code GLOB '[0-9][0-9][0-9][0-9]-S[12]' ORDER BY opens_on`)
		.map((r) => r.code);
	const summary = catalogue.reportSummary;
	let n = 0;
	for (const period of periods) {
		const p = parsePeriod(period)!;
		const d = new Date(`${p.end}T10:00:00.000Z`);
		d.setUTCDate(d.getUTCDate() + 40);
		const at = d.toISOString();
		if (at.slice(0, 10) >= today) continue;
		const result = publish(db, by, { planCode, period, scope: 'plan', narratives: { summary }, isDemo: true }, { today, now: at });
		if (result.ok) n++;
	}
	return n;
}
