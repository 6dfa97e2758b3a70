import { describe, it, expect } from 'vitest';
import { browserLabel } from '../../src/lib/domain/user-agent';
import { formatDateTimeUtc } from '../../src/lib/domain/format';

describe('browserLabel', () => {
	it('names the browser and system a user recognises', () => {
		expect(browserLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe(
			'Edge · Windows'
		);
		expect(browserLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe(
			'Chrome · Windows'
		);
		expect(
			browserLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1')
		).toBe('Safari · iOS');
		expect(browserLabel('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36')).toBe('Chrome · Android');
		expect(browserLabel('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox · Linux');
	});
	it('gives null for nothing it recognises', () => {
		expect(browserLabel('curl/8.5.0')).toBeNull();
		expect(browserLabel(null)).toBeNull();
	});
});

describe('formatDateTimeUtc', () => {
	it('says the date, the minute and the clock', () => {
		expect(formatDateTimeUtc(Date.UTC(2026, 2, 17, 14, 5, 59), 'ar')).toBe('17/03/2026 14:05 UTC');
	});
});
