import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { match as id } from '../../src/params/id';
import { match as region } from '../../src/params/region';
import { match as level } from '../../src/params/level';
import { match as kind } from '../../src/params/kind';
import { listRoutes } from '../helpers/routes';

describe('param matchers', () => {
	it('id: a positive integer as the app writes it, nothing else', () => {
		for (const ok of ['1', '7', '42', '2147483648', '9007199254740991']) expect(id(ok), ok).toBe(true);
		for (const bad of ['', '0', '-1', '+1', '01', '1.5', '1e2', ' 1', '1 ', 'abc', '0x10', '9007199254740993', '12345678901234567'])
			expect(id(bad), bad).toBe(false);
	});

	it('region: the twelve ISO codes MA-01 … MA-12, exactly', () => {
		for (let i = 1; i <= 12; i++) expect(region(`MA-${String(i).padStart(2, '0')}`)).toBe(true);
		for (const bad of ['', 'MA-00', 'MA-13', 'MA-1', 'ma-01', 'MA01', ' MA-01', 'MA-01 ', 'FR-01', 'MA-010']) expect(region(bad), bad).toBe(false);
	});

	it('level: the levels of the structure the editor opens an item of', () => {
		for (const ok of ['axes', 'objectives', 'measures', 'indicators']) expect(level(ok), ok).toBe(true);
		for (const bad of ['', 'plans', 'axis', 'Measures', 'measures ', '0', 'toString', 'constructor']) expect(level(bad), bad).toBe(false);
	});

	it('kind: the kinds of spreadsheet import', () => {
		for (const ok of ['values', 'structure']) expect(kind(ok), ok).toBe(true);
		for (const bad of ['', 'plans', 'Values', 'value', '0']) expect(kind(bad), bad).toBe(false);
	});

	it('every matcher a route names exists, and every matcher is used by a route', () => {
		const files = readdirSync('src/params').map((f) => f.replace(/\.ts$/, ''));
		const used = new Set(listRoutes().flatMap((r) => r.segments.flatMap((s) => (s.kind === 'param' && s.matcher ? [s.matcher] : []))));
		expect([...used].sort()).toEqual([...files].sort());
	});
});
