/**
 * Values that reach a label map as data (an enum value read from a text column, a field error an
 * action returned) are not type-checked; these tests check them against the catalogue instead, so a
 * missing message fails here rather than showing its key to a user. The maps themselves
 * ($lib/labels, $lib/labels-admin, $lib/error-text) name each message once: each entry must be the
 * message its key names (`STATUS.planned` is `m.status_planned`), and each enum must be covered.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as enums from '../../src/lib/domain/enums';
import { m } from '../../src/lib/paraglide/messages';
import * as core from '../../src/lib/labels/core';
import * as indicator from '../../src/lib/labels/indicator';
import * as entity from '../../src/lib/labels/entity';
import * as form from '../../src/lib/labels/form';
import { label } from '../../src/lib/labels/label';

const labels = { ...core, ...indicator, ...entity, ...form, label };
import * as adminLabels from '../../src/lib/labels-admin';
import { ERRORS, errorText } from '../../src/lib/error-text';
import { PROJECT_STATUSES } from '../../src/lib/domain/money';
import { REPORT_SCOPES, REPORT_SECTIONS } from '../../src/lib/domain/report';
import { IMPORT_KINDS } from '../../src/lib/schemas/import';

const messages = m as unknown as Record<string, unknown>;

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

describe('label maps', () => {
	type Map = Readonly<Record<string, unknown>>;
	// map, message prefix, the values it must cover (exactly)
	const maps: [string, Map, string, readonly string[]][] = [
		['STATUS', labels.STATUS, 'status_', enums.MEASURE_STATUSES],
		['STATE', labels.STATE, 'state_', enums.WORKFLOW_STATES],
		['PILLAR', labels.PILLAR, 'pillar_', enums.PILLARS],
		['STAGE', labels.STAGE, 'stage_', enums.ROLLOUT_STAGES],
		['ROLE', labels.ROLE, 'role_', enums.ROLES],
		['DIMENSION', labels.DIMENSION, 'dimension_', enums.DIMENSIONS],
		['FREQUENCY', labels.FREQUENCY, 'frequency_', enums.FREQUENCIES],
		['DIRECTION', labels.DIRECTION, 'direction_', enums.DIRECTIONS],
		['VISIBILITY', labels.VISIBILITY, 'visibility_', enums.VISIBILITIES],
		['INSTITUTION_KIND', labels.INSTITUTION_KIND, 'institution_kind_', enums.INSTITUTION_KINDS],
		['PLAN_KIND', labels.PLAN_KIND, 'plan_kind_', enums.PLAN_KINDS],
		['INDICATOR_KIND', labels.INDICATOR_KIND, 'indicator_kind_', enums.INDICATOR_KINDS],
		['PROJECT_STATUS', labels.PROJECT_STATUS, 'project_status_', PROJECT_STATUSES],
		['LANGUAGE_NAME', labels.LANGUAGE_NAME, 'language_name_', enums.LOCALES],
		[
			'CATEGORY',
			labels.CATEGORY,
			'',
			[
				...enums.SEXES.map((v) => `cat_sex_${v}`),
				...enums.AGE_GROUPS.map((v) => `cat_age_group_${v}`),
				...enums.EXPLOITATION_FORMS.map((v) => `cat_exploitation_${v}`),
				...enums.NATIONALITIES.map((v) => `cat_nationality_${v}`)
			]
		],
		['FIELD', labels.FIELD, 'field_', Object.keys(labels.FIELD)],
		['IMPORT_KIND', adminLabels.IMPORT_KIND, 'import_kind_', IMPORT_KINDS],
		['IMPORT_ACTION', adminLabels.IMPORT_ACTION, 'import_action_', Object.keys(adminLabels.IMPORT_ACTION)],
		['REVIEW_KIND', adminLabels.REVIEW_KIND, 'review_kind_', ['update', 'value', 'stage']],
		['REPORT_SCOPE', adminLabels.REPORT_SCOPE, 'report_scope_', REPORT_SCOPES],
		['REPORT_SECTION', adminLabels.REPORT_SECTION, 'report_section_', REPORT_SECTIONS],
		['PLAN_LEVEL', adminLabels.PLAN_LEVEL, 'plan_level_', Object.keys(adminLabels.PLAN_LEVEL)],
		['PLAN_NEW', adminLabels.PLAN_NEW, 'plan_new_', Object.keys(adminLabels.PLAN_NEW)],
		['PLAN_FIELD', adminLabels.PLAN_FIELD, 'plan_f_', Object.keys(adminLabels.PLAN_FIELD)],
		['INSTITUTION_FIELD', adminLabels.INSTITUTION_FIELD, 'admin_inst_', ['name', 'acronym', 'shortName']]
	];

	it.each(maps)('%s covers its values, each entry the message its key names', (_, map, prefix, values) => {
		expect(Object.keys(map).sort()).toEqual([...values].sort());
		for (const [k, fn] of Object.entries(map)) expect(fn, prefix + k).toBe(messages[prefix + k]);
	});

	it('SDG and the report history name their messages', () => {
		for (const [code, fn] of Object.entries(labels.SDG)) expect(fn).toBe(messages[`sdg_${code.replace(/\./g, '_')}`]);
		for (const [action, fn] of Object.entries(adminLabels.REPORT_ACTION)) expect(fn).toBe(messages[`audit_${action.replace('.', '_')}`]);
	});

	it('ERRORS is every err_ message of the catalogue, each under its own key', () => {
		const all = Object.keys(messages).filter((k) => k.startsWith('err_'));
		expect(Object.keys(ERRORS).sort()).toEqual(all.sort());
		for (const [k, fn] of Object.entries(ERRORS)) expect(fn, k).toBe(messages[k]);
	});

	it('an unknown value shows as itself', () => {
		expect(labels.label(labels.STATUS, 'bogus')).toBe('bogus');
		expect(labels.label(labels.STATUS, 'toString')).toBe('toString');
		expect(errorText('err_bogus_key')).toBe('err_bogus_key');
		expect(errorText('err_invalid', {})).toBe(m.err_invalid());
	});
});
