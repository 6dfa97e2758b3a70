/**
 * Reads and validates every file under `seed/` before anything is written, and says exactly what is
 * wrong: the file, the row (index and code) and the field, e.g.
 * `seed/regions.json: row 3 (MA-04): field "population": Expected number, received string`.
 *
 * Relative imports only: the seed CLI runs under tsx, outside Vite's `$lib` alias.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
	demoAccountsFileSchema,
	demoCatalogueFileSchema,
	institutionsFileSchema,
	partnerProjectsFileSchema,
	plansFileSchema,
	publicValuesFileSchema,
	recommendationsFileSchema,
	regionsFileSchema,
	type SeedFiles
} from '../../schemas/seed';

export class SeedFileError extends Error {
	constructor(
		message: string,
		readonly file: string,
		readonly row?: number,
		readonly field?: string
	) {
		super(message);
		this.name = 'SeedFileError';
	}
}

/** The seed files, with the schema and the name of the array that holds each file's rows. */
const FILES = {
	regions: { file: 'regions.json', schema: regionsFileSchema, rows: 'regions' },
	institutions: { file: 'institutions.json', schema: institutionsFileSchema, rows: 'institutions' },
	plans: { file: 'plans.json', schema: plansFileSchema, rows: 'plans' },
	recommendations: { file: 'recommendations.json', schema: recommendationsFileSchema, rows: 'recommendations' },
	publicValues: { file: 'public-values.json', schema: publicValuesFileSchema, rows: 'values' },
	partnerProjects: { file: 'partner-projects.json', schema: partnerProjectsFileSchema, rows: 'projects' },
	demoAccounts: { file: 'demo-accounts.json', schema: demoAccountsFileSchema, rows: 'accounts' },
	demoCatalogue: { file: 'demo-catalogue.json', schema: demoCatalogueFileSchema, rows: 'axes' }
} as const;

export const SEED_FILE_NAMES = Object.values(FILES).map((f) => f.file);

/** What identifies a row to a reader: its code, ISO code, e-mail or indicator × period. */
function rowLabel(row: unknown): string | undefined {
	if (!row || typeof row !== 'object') return undefined;
	const r = row as Record<string, unknown>;
	for (const key of ['code', 'iso', 'email']) {
		if (typeof r[key] === 'string' && r[key]) return r[key] as string;
	}
	if (typeof r.indicator === 'string' && typeof r.period === 'string') return `${r.indicator} ${r.period}`;
	return undefined;
}

/** zod v4 says "Invalid input: expected number, received string"; readers get "Expected number, received string". */
function issueMessage(issue: z.core.$ZodIssue): string {
	const m = issue.message.replace(/^Invalid input: expected/, 'Expected');
	return m.charAt(0).toUpperCase() + m.slice(1);
}

function located(display: string, data: unknown, path: readonly PropertyKey[], mainRows: string, message: string): SeedFileError {
	const parts: string[] = [display];
	let rest = path;
	let rowIndex: number | undefined;
	if (path.length >= 2 && typeof path[0] === 'string' && typeof path[1] === 'number') {
		const collection = path[0];
		rowIndex = path[1];
		const rows = (data as Record<string, unknown>)?.[collection];
		const label = Array.isArray(rows) ? rowLabel(rows[rowIndex]) : undefined;
		parts.push(`${collection === mainRows ? '' : `${collection} `}row ${rowIndex}${label ? ` (${label})` : ''}`);
		rest = path.slice(2);
	}
	const field = rest.map(String).join('.');
	if (field) parts.push(`field "${field}"`);
	parts.push(message);
	return new SeedFileError(parts.join(': '), display, rowIndex, field || undefined);
}

function readJson(dir: string, file: string): { display: string; data: unknown } {
	const path = join(dir, file);
	const display = path;
	if (!existsSync(path)) throw new SeedFileError(`${display}: file not found`, display);
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (e) {
		throw new SeedFileError(`${display}: cannot be read: ${(e as Error).message}`, display);
	}
	try {
		return { display, data: JSON.parse(text) };
	} catch (e) {
		throw new SeedFileError(`${display}: invalid JSON: ${(e as Error).message}`, display);
	}
}

function parseFile<K extends keyof typeof FILES>(dir: string, key: K): SeedFiles[K] {
	const { file, schema, rows } = FILES[key];
	const { display, data } = readJson(dir, file);
	const result = (schema as z.ZodType).safeParse(data);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		throw located(display, data, issue.path, rows, issueMessage(issue));
	}
	return result.data as SeedFiles[K];
}

/** Cross-file checks: codes unique, every reference resolves, the public figures have an indicator. */
function checkReferences(dir: string, files: SeedFiles): void {
	const fail = (key: keyof typeof FILES, collection: string, index: number, field: string, message: string): never => {
		const display = join(dir, FILES[key].file);
		const data = { [collection]: (files[key] as unknown as Record<string, unknown>)[collection] };
		throw located(display, data, [collection, index, ...field.split('.')], FILES[key].rows, message);
	};
	const unique = <T extends Record<F, string>, F extends string>(key: keyof typeof FILES, collection: string, rows: readonly T[], field: F) => {
		const seen = new Set<string>();
		rows.forEach((r, i) => {
			const v = r[field];
			if (seen.has(v)) fail(key, collection, i, field, `duplicate "${v}"`);
			seen.add(v);
		});
		return seen;
	};

	unique('regions', 'regions', files.regions.regions, 'iso');
	const institutions = unique('institutions', 'institutions', files.institutions.institutions, 'code');
	const plans = unique('plans', 'plans', files.plans.plans, 'code');
	unique('plans', 'axes', files.plans.axes, 'code');
	unique('recommendations', 'recommendations', files.recommendations.recommendations, 'code');
	const indicators = unique('publicValues', 'indicators', files.publicValues.indicators, 'code');
	unique('partnerProjects', 'projects', files.partnerProjects.projects, 'code');
	unique('demoAccounts', 'accounts', files.demoAccounts.accounts, 'email');

	files.plans.plans.forEach((p, i) => {
		if (p.parent !== null && !plans.has(p.parent)) fail('plans', 'plans', i, 'parent', `unknown plan "${p.parent}"`);
		if (p.startDate > p.endDate) fail('plans', 'plans', i, 'endDate', 'ends before it starts');
	});
	files.plans.axes.forEach((a, i) => {
		if (!plans.has(a.plan)) fail('plans', 'axes', i, 'plan', `unknown plan "${a.plan}"`);
	});
	if (!plans.has(files.recommendations.plan)) {
		throw new SeedFileError(`${join(dir, FILES.recommendations.file)}: field "plan": unknown plan "${files.recommendations.plan}"`, FILES.recommendations.file);
	}
	files.recommendations.recommendations.forEach((r, i) => {
		if (!r.isDemo && r.sources.length === 0) fail('recommendations', 'recommendations', i, 'sources', 'a public recommendation needs at least one source');
		if (r.officialTextStatus === 'not_retrieved' && r.officialText !== null)
			fail('recommendations', 'recommendations', i, 'officialText', 'must be null while the official text is not retrieved');
		if (r.officialTextStatus !== 'not_retrieved' && r.officialText === null)
			fail('recommendations', 'recommendations', i, 'officialText', `is required when officialTextStatus is ${r.officialTextStatus}`);
	});
	files.publicValues.values.forEach((v, i) => {
		if (!indicators.has(v.indicator)) fail('publicValues', 'values', i, 'indicator', `unknown indicator "${v.indicator}"`);
		if (v.value === null && !v.note) fail('publicValues', 'values', i, 'note', 'a figure kept out (value null) needs a note saying why');
	});
	files.partnerProjects.projects.forEach((p, i) => {
		if (!institutions.has(p.partner)) fail('partnerProjects', 'projects', i, 'partner', `unknown institution "${p.partner}"`);
		if (p.donor !== null && !institutions.has(p.donor)) fail('partnerProjects', 'projects', i, 'donor', `unknown institution "${p.donor}"`);
	});
	files.demoAccounts.accounts.forEach((a, i) => {
		if (a.institution !== null && !institutions.has(a.institution))
			fail('demoAccounts', 'accounts', i, 'institution', `unknown institution "${a.institution}"`);
	});
}

/**
 * Reads and validates every seed file in `dir` (relative to the working directory), then checks the
 * references between them. Throws a `SeedFileError` naming the file, row and field at the first problem.
 */
export function loadSeedFiles(dir = 'seed'): SeedFiles {
	const files: SeedFiles = {
		regions: parseFile(dir, 'regions'),
		institutions: parseFile(dir, 'institutions'),
		plans: parseFile(dir, 'plans'),
		recommendations: parseFile(dir, 'recommendations'),
		publicValues: parseFile(dir, 'publicValues'),
		partnerProjects: parseFile(dir, 'partnerProjects'),
		demoAccounts: parseFile(dir, 'demoAccounts'),
		demoCatalogue: parseFile(dir, 'demoCatalogue')
	};
	checkReferences(dir, files);
	return files;
}
