/**
 * Keys that reach `tData` as data (an enum value read from a text column, a field error an action
 * returned) are not type-checked; these tests check them against the catalogue instead, so a
 * missing message fails here rather than showing its key to a user.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as enums from '../../src/lib/domain/enums';

const catalogue = (locale: string) => new Set(Object.keys(JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'))));

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (path.includes('paraglide')) return [];
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

describe('message keys built from data', () => {
	const prefixed: [string, readonly string[]][] = [
		['status_', enums.MEASURE_STATUSES],
		['state_', enums.WORKFLOW_STATES],
		['pillar_', enums.PILLARS],
		['institution_kind_', enums.INSTITUTION_KINDS],
		['frequency_', enums.FREQUENCIES],
		['dimension_', enums.DIMENSIONS],
		['stage_', enums.ROLLOUT_STAGES],
		['visibility_', enums.VISIBILITIES],
		['cat_sex_', enums.SEXES],
		['cat_age_group_', enums.AGE_GROUPS],
		['cat_exploitation_', enums.EXPLOITATION_FORMS],
		['cat_nationality_', enums.NATIONALITIES]
	];

	it.each(['fr', 'ar', 'en'])('every enum value has its label in %s', (locale) => {
		const keys = catalogue(locale);
		const missing = prefixed.flatMap(([prefix, values]) => values.map((v) => prefix + v)).filter((k) => !keys.has(k));
		expect(missing).toEqual([]);
	});

	it.each(['fr', 'ar', 'en'])('every error key written in the code has its message in %s', (locale) => {
		const keys = catalogue(locale);
		const written = new Set<string>();
		for (const file of sources('src')) for (const m of readFileSync(file, 'utf8').matchAll(/['"](err_[a-z0-9_]+)['"]/g)) written.add(m[1]!);
		expect(written.size).toBeGreaterThan(50);
		expect([...written].filter((k) => !keys.has(k)).sort()).toEqual([]);
	});
});
