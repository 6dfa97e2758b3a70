import { describe, it, expect } from 'vitest';
import { bodySizeLimitMb, parseBodySizeLimit } from '../../src/lib/domain/body-size';

describe('BODY_SIZE_LIMIT as adapter-node reads it', () => {
	it('K, M, G are powers of 1024; a bare number is bytes; unset or unreadable is null', () => {
		expect(parseBodySizeLimit('24M')).toBe(24 * 1024 * 1024);
		expect(parseBodySizeLimit('512k')).toBe(512 * 1024);
		expect(parseBodySizeLimit('1048576')).toBe(1048576);
		expect(parseBodySizeLimit('Infinity')).toBe(Infinity);
		expect(parseBodySizeLimit(undefined)).toBeNull();
		expect(parseBodySizeLimit('lots')).toBeNull();
	});
	it('says the limit in megabytes, adapter-node’s 512 KB default when unset', () => {
		expect(bodySizeLimitMb('24M')).toBe('24');
		expect(bodySizeLimitMb(undefined)).toBe('0.5');
		expect(bodySizeLimitMb('Infinity')).toBe('∞');
	});
});
