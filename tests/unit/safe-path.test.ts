import { describe, it, expect } from 'vitest';
import { sameSitePath, safePath } from '../../src/lib/schemas/common';
import { setLocaleSchema } from '../../src/lib/schemas/auth';

/** Where a browser would go from a page of ours given this Location. */
const browserTarget = (location: string) => new URL(location, 'http://localhost:3000');

describe('redirectTo accepts only a path of this site', () => {
	it.each([
		['/', '/'],
		['/measures/A1.2.2', '/measures/A1.2.2'],
		['/indicators?q=a%2Fb&region=MA-01#top', '/indicators?q=a%2Fb&region=MA-01#top'],
		['/measures/../plans', '/plans'],
		['/régions', '/r%C3%A9gions']
	])('keeps %s (as %s)', (input, expected) => {
		expect(sameSitePath(input)).toBe(expected);
	});

	it.each([
		['a tab that browsers strip', '/\t/evil.example'],
		['a tab then a slash', '/%09/evil.example'],
		['a newline', '/\n/evil.example'],
		['a carriage return', '/\r/evil.example'],
		['NUL', '/\u0000/evil.example'],
		['an encoded NUL', '/%00/evil.example'],
		['U+2028', '/\u2028/evil.example'],
		['U+2028 encoded', '/%E2%80%A8/evil.example'],
		['U+2029', '/x\u2029'],
		['DEL', '/\u007f/evil.example'],
		['a protocol-relative URL', '//evil.example'],
		['a backslash', '/\\evil.example'],
		['a backslash after the slash, encoded', '/%5Cevil.example'],
		['encoded slashes', '/%2F%2Fevil.example'],
		['an encoded slash, lower case', '/%2fevil.example'],
		['dot segments that make //', '/.//evil.example'],
		['encoded dot segments that make //', '/%2e%2e//evil.example'],
		['an absolute URL', 'https://evil.example/'],
		['an absolute URL of our own scheme', 'http://localhost:3000/plans'],
		['javascript:', 'javascript:alert(1)'],
		['a relative path', 'plans'],
		['empty', ''],
		['very long', '/' + 'a'.repeat(5000)]
	])('refuses %s', (_why, input) => {
		expect(sameSitePath(input)).toBe('/');
	});

	it('never gives a Location that leaves the site, and never throws, for any string', () => {
		const samples = ['/\t\t/x', '/ /x', '/%20/x', '/\\\\x', '/..%2f..%2fx', '/?//x', '/#//x', '/\uFEFF/x', '/\u00A0/x', '/ｅｖｉｌ', '/%', '/%zz'];
		for (const s of samples) {
			const out = sameSitePath(s);
			expect(browserTarget(out).origin).toBe('http://localhost:3000');
			expect(out.startsWith('/') && !out.startsWith('//')).toBe(true);
			// a header value: ASCII only, no control characters (a 500 otherwise)
			expect(/^[\x21-\x7e]*$/.test(out)).toBe(true);
		}
	});

	it('is what the sign-in and language forms use', () => {
		expect(safePath.parse('/%09/evil.example')).toBe('/');
		expect(safePath.parse(undefined)).toBe('/');
		expect(setLocaleSchema.parse({ locale: 'ar', redirectTo: '/\t/evil.example' }).redirectTo).toBe('/');
		expect(setLocaleSchema.parse({ locale: 'ar', redirectTo: '/plans' }).redirectTo).toBe('/plans');
	});
});
