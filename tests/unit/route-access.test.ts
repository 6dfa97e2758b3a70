import { describe, it, expect } from 'vitest';
import { routeAccess } from '../../src/lib/server/route-access';

describe('page access', () => {
	it('sends signed-out visitors to the login page, except on public pages', () => {
		expect(routeAccess('/', null)).toBe('login');
		expect(routeAccess('/plans/PN-2023-2030', null)).toBe('login');
		expect(routeAccess('/login', null)).toBe('ok');
		expect(routeAccess('/healthz', null)).toBe('ok');
		// a prefix must match a whole segment
		expect(routeAccess('/loginx', null)).toBe('login');
	});
	it('keeps administration to administrators and the review queue to the commission', () => {
		expect(routeAccess('/admin/users', { role: 'commission' })).toBe('forbidden');
		expect(routeAccess('/admin/users', { role: 'admin' })).toBe('ok');
		expect(routeAccess('/review', { role: 'focal_point' })).toBe('forbidden');
		expect(routeAccess('/review', { role: 'commission' })).toBe('ok');
		expect(routeAccess('/plans', { role: 'partner' })).toBe('ok');
	});
	it('opens set-password links to signed-out visitors and the plan structure to the commission', () => {
		expect(routeAccess('/set-password/abc', null)).toBe('ok');
		expect(routeAccess('/admin/plan', { role: 'commission' })).toBe('ok');
		expect(routeAccess('/admin/plan/measures/M-1', { role: 'commission' })).toBe('ok');
		expect(routeAccess('/admin/plan', { role: 'focal_point' })).toBe('forbidden');
		expect(routeAccess('/admin/planx', { role: 'commission' })).toBe('forbidden');
		expect(routeAccess('/admin/import', { role: 'commission' })).toBe('forbidden');
	});
});
