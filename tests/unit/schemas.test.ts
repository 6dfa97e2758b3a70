/**
 * Strict input, in the shared zod schemas that forms, the JSON API, imports and the CLI all use: the inputs found
 * accepted by probing the app are refused, and fast-check properties hold for every schema.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import * as common from '../../src/lib/schemas/common';
import * as audit from '../../src/lib/schemas/audit';
import * as dashboard from '../../src/lib/schemas/dashboard';
import * as reporting from '../../src/lib/schemas/reporting';
import * as seed from '../../src/lib/schemas/seed';
import { checkPlausible } from '../../src/lib/domain/indicator';

const { decimal, wholeNumber, planDate, cleanName, fileNameSchema, fieldErrors, MAX_MAGNITUDE } = common;
const messages = JSON.parse(readFileSync('messages/fr.json', 'utf8')) as Record<string, string>;

const update = (over: Record<string, unknown>) =>
	reporting.progressUpdateSchema.safeParse({ period: '2026-S1', status: 'in_progress', progress: '50', ...over });
const value = (v: unknown) => reporting.indicatorValueSchema.safeParse({ indicatorId: '3', period: '2025', value: v });
const stage = (since: unknown) => reporting.stageSchema.safeParse({ region: 'MA-01', stage: 'pilot', since });

describe('what probing found accepted is refused', () => {
	it('impossible dates and dates outside the plan range', () => {
		for (const d of ['2026-02-30', '2026-04-31', '2025-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '20260105', '2026-01-01T00:00'])
			expect(stage(d).success, d).toBe(false);
		expect(fieldErrors(stage('2026-02-30').error!)).toEqual({ since: 'err_date_invalid' });
		expect(fieldErrors(stage('1900-01-01').error!)).toEqual({ since: 'err_date_out_of_range' });
		expect(fieldErrors(stage('9999-12-31').error!)).toEqual({ since: 'err_date_out_of_range' });
		expect(stage('2024-02-29').success).toBe(true);
		expect(audit.parseAuditFilters(new URLSearchParams('from=2026-04-31')).errors).toEqual({ from: 'err_date_invalid' });
		expect(dashboard.parseDashboardParams(new URLSearchParams('asOf=2026-02-30')).asOf).toBeUndefined();
		expect(seed.isoDateSchema.safeParse('2026-02-30').success).toBe(false);
	});

	it('numbers that are not plain decimals, not finite, or past what a double keeps', () => {
		for (const v of [
			'1e308',
			'1E3',
			'0x10',
			'0b1',
			'0o7',
			'Infinity',
			'-Infinity',
			'NaN',
			'9007199254740993',
			'1 000',
			'12.',
			'.',
			'--1',
			'1,2,3',
			'',
			' ',
			null,
			true,
			false,
			[],
			{},
			[5],
			Infinity,
			NaN,
			1e308,
			2 ** 53 + 2
		])
			expect(value(v).success, JSON.stringify(v) ?? String(v)).toBe(false);
		expect(fieldErrors(value('0x10').error!)).toEqual({ value: 'err_value_number' });
		expect(value('12,5').data?.value).toBe(12.5);
		expect(value(' -3.25 ').data?.value).toBe(-3.25);
		expect(value(42).data?.value).toBe(42);
		expect(value('007').data?.value).toBe(7);
		// a count of 1e15 passes the schema (it does not know the indicator) but not the indicator's range
		expect(checkPlausible('count', 1e15)).toMatchObject({ ok: false, reason: 'above_max' });
	});

	it('the JSON API refuses wrong types for progress instead of reading them as 0 or 1', () => {
		for (const p of [null, false, true, [], [50], {}, '', '50%', 58.5, '58,5', -1, 101, '1e2'])
			expect(fieldErrors(update({ progress: p }).error!), JSON.stringify(p)).toEqual({ progress: 'err_progress_range' });
		expect(update({ progress: 58 }).data?.progress).toBe(58);
		expect(update({ progress: '100' }).data?.progress).toBe(100);
		expect(update({ version: true }).success).toBe(false);
		expect(update({ updateId: '0x1' }).success).toBe(false);
		expect(reporting.reviewSchema.safeParse({ kind: 'update', id: true, version: 1, decision: 'validate' }).success).toBe(false);
	});

	it('bidi controls are stripped from names', () => {
		expect(fileNameSchema.parse('report\u202Efdp.exe')).toBe('reportfdp.exe');
		expect(fileNameSchema.parse('C:\\Users\\x\\\u2067rapport\u2069.pdf')).toBe('rapport.pdf');
		expect(fileNameSchema.parse('\u202E')).toBe('document');
		expect(update({ linkLabel: 'rapport \u202Bannuel\u202C' }).data?.linkLabel).toBe('rapport annuel');
		// the marks Arabic text relies on are kept
		expect(cleanName('تقرير\u200F 2025')).toBe('تقرير\u200F 2025');
	});
});

/** Every zod schema that every module of src/lib/schemas exports (read from the folder: a new one is covered). */
const MODULES: Record<string, unknown> = {};
for (const f of readdirSync('src/lib/schemas').filter((f) => f.endsWith('.ts'))) MODULES[f.replace(/\.ts$/, '')] = await import(`../../src/lib/schemas/${f}`);
const SCHEMAS = Object.entries(MODULES).flatMap(([mod, exports]) =>
	Object.entries(exports as Record<string, unknown>)
		.filter(([, v]) => v instanceof z.ZodType)
		.map(([name, v]) => ({ name: `${mod}.${name}`, schema: v as z.ZodType, fromUsers: mod !== 'seed' }))
);

/** Values people and programs send: tricky strings, numbers of every kind, wrong types. */
const anyValue = fc.oneof(
	fc.string(),
	fc.constantFrom(
		'',
		' ',
		'0',
		'-0',
		'1e308',
		'0x10',
		'9007199254740993',
		'2026-02-30',
		'2024-02-29',
		'1900-01-01',
		'NaN',
		'Infinity',
		'12,5',
		'report\u202Efdp.exe',
		'draft',
		'submit',
		'2026-S1',
		'MA-01',
		'in_progress'
	),
	fc.double(),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
	fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 })
);
function shapeOf(schema: z.ZodType): string[] {
	const s = schema as unknown as { shape?: Record<string, unknown> };
	return s.shape ? Object.keys(s.shape) : [];
}
const inputFor = (schema: z.ZodType) => {
	const keys = shapeOf(schema);
	return keys.length ? fc.oneof(fc.dictionary(fc.constantFrom(...keys), anyValue), anyValue, fc.anything()) : fc.oneof(anyValue, fc.anything());
};

/** Every number and string inside a parsed value. */
function* leaves(v: unknown): Generator<unknown> {
	if (Array.isArray(v)) for (const x of v) yield* leaves(x);
	else if (v && typeof v === 'object') for (const x of Object.values(v)) yield* leaves(x);
	else yield v;
}

describe('properties of every schema (fast-check)', () => {
	it('covers the schemas of every module', () => {
		expect(SCHEMAS.length).toBeGreaterThan(20);
		expect(SCHEMAS.map((s) => s.name)).toEqual(
			expect.arrayContaining([
				'reporting.progressUpdateSchema',
				'reporting.indicatorValueSchema',
				'reporting.stageSchema',
				'auth.loginSchema',
				'audit.auditFiltersSchema'
			])
		);
	});

	for (const { name, schema, fromUsers } of SCHEMAS) {
		it(`${name}: never throws; a refusal names fields with message keys; what it accepts is finite and clean`, () => {
			let runs = 0;
			fc.assert(
				fc.property(inputFor(schema), (input) => {
					runs++;
					const r = schema.safeParse(input);
					if (!r.success) {
						if (fromUsers) for (const key of Object.values(fieldErrors(r.error))) expect(messages, key).toHaveProperty(key);
						return;
					}
					for (const leaf of leaves(r.data)) {
						if (typeof leaf === 'number') {
							expect(Number.isFinite(leaf)).toBe(true);
							if (fromUsers) expect(Math.abs(leaf)).toBeLessThanOrEqual(MAX_MAGNITUDE);
						}
					}
				}),
				{ numRuns: 200 }
			);
			expect(runs).toBeGreaterThanOrEqual(200);
		});
	}
});

describe('properties of the strict primitives (fast-check)', () => {
	it('a date is accepted exactly when the calendar has it and it lies in the plan range', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1800, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
				const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
				const t = new Date(Date.UTC(y, m - 1, d));
				const real = y <= 9999 && m >= 1 && m <= 12 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
				expect(planDate.safeParse(text).success).toBe(real && y >= 2000 && y <= 2100);
			}),
			{ numRuns: 2000 }
		);
	});

	it('a decimal string is read as the number it spells, or refused; never another number', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.double({ noNaN: true }).map(String), fc.integer().map(String), fc.bigInt().map(String)), (s) => {
				const r = decimal().safeParse(s);
				if (!r.success) return;
				expect(s.trim()).toMatch(/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/);
				expect(r.data).toBe(Number(s.trim().replace(',', '.')));
				if (Number.isInteger(r.data)) expect(Number.isSafeInteger(r.data)).toBe(true);
			}),
			{ numRuns: 2000 }
		);
	});

	it('a number keeps its value; whole numbers stay in their bounds', () => {
		fc.assert(
			fc.property(fc.double({ min: -MAX_MAGNITUDE, max: MAX_MAGNITUDE, noNaN: true }), (n) => {
				const r = decimal().safeParse(n);
				expect(r.success).toBe(!Number.isInteger(n) || Number.isSafeInteger(n));
				if (r.success) expect(r.data).toBe(n);
				const w = wholeNumber(0, 100).safeParse(n);
				expect(w.success).toBe(Number.isInteger(n) && n >= 0 && n <= 100);
			})
		);
	});

	it('a cleaned name has no bidi or control character and cleaning it again changes nothing', () => {
		fc.assert(
			fc.property(
				fc.string({
					unit: fc.oneof(fc.constantFrom('\u202E', '\u202A', '\u2066', '\u2069', '\u0000', '\n', '\u200F', 'a', 'ب', '.', '/'), fc.string({ maxLength: 1 }))
				}),
				(s) => {
					const c = cleanName(s);
					// eslint-disable-next-line no-control-regex -- no control character may survive
					expect(c).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000-\u001F]/);
					expect(cleanName(c)).toBe(c);
					const f = fileNameSchema.parse(s);
					expect(f.length).toBeGreaterThan(0);
					expect(f).not.toMatch(/[\\/\u202A-\u202E\u2066-\u2069]/);
				}
			)
		);
	});
});

describe('blank values read as absent', () => {
	it('blankToUndefined drops empty and all-space strings and keeps null and every other value', () => {
		for (const v of ['', ' ', '\t \n']) expect(common.blankToUndefined(v)).toBeUndefined();
		for (const v of [null, 0, false, 'a', ' a ', [], {}]) expect(common.blankToUndefined(v)).toBe(v);
		expect(common.blankToUndefined(undefined)).toBeUndefined();
	});

	it('blankOrNullToUndefined is the same, except that null (an empty workbook cell) is absent too', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.constantFrom(' ', '', null, undefined), fc.integer(), fc.boolean()), (v) => {
				expect(common.blankOrNullToUndefined(v)).toBe(v === null ? undefined : common.blankToUndefined(v));
			})
		);
	});
});
