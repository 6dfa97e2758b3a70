import { describe, it, expect } from 'vitest';
import { navigationFor } from '../../src/lib/server/navigation';
import type { Role } from '../../src/lib/domain/enums';

const actor = (role: Role) => ({ id: 9, role, institutionId: role === 'admin' ? null : 21 });
const hrefs = (role: Role) => navigationFor(actor(role)).map((i) => i.href);
const PUBLIC = ['/plans', '/measures', '/indicators', '/recommendations', '/institutions', '/partners/projects', '/regions', '/reports'];

describe('main navigation (decided on the server by can)', () => {
	it('gives each role the links of its work, in order', () => {
		expect(hrefs('focal_point')).toEqual(['/', '/my-work', ...PUBLIC]);
		expect(hrefs('commission')).toEqual(['/', '/review', ...PUBLIC, '/admin/plan']);
		expect(hrefs('admin')).toEqual(['/', '/review', ...PUBLIC, '/admin', '/admin/audit']);
		expect(hrefs('partner')).toEqual(['/', ...PUBLIC]);
	});

	it('gives a signed-out visitor no navigation', () => {
		expect(navigationFor(null)).toEqual([]);
	});
});
