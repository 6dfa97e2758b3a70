import { describe, it, expect } from 'vitest';
import { addDays, daysUntil, localDay } from '../../src/lib/domain/calendar';

describe('calendar days in Africa/Casablanca', () => {
	it('counts the day as Morocco does, not as UTC', () => {
		// Casablanca is UTC+1 outside Ramadan: 23:30 UTC on 30 November is already 1 December there.
		expect(localDay(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
		expect(localDay(new Date('2026-11-30T22:30:00Z'))).toBe('2026-11-30');
	});
	it('counts whole days left, 0 on the due day and negative after', () => {
		expect(daysUntil('2026-12-31', '2026-12-01')).toBe(30);
		expect(daysUntil('2026-12-01', '2026-12-01')).toBe(0);
		expect(daysUntil('2026-11-28', '2026-12-01')).toBe(-3);
		expect(addDays('2026-12-25', 7)).toBe('2027-01-01');
	});
});
