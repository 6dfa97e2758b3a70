/**
 * The main navigation as data: each entry names the permission its page is for, and the layout's
 * `load` keeps the entries `can` allows, so the client renders what the server decided (no role
 * strings in the browser). The pages are still guarded by `route-access` and their own `can`.
 */
import { can, type Action, type Actor } from './auth/permissions';

export const NAV_IDS = [
	'overview',
	'my_work',
	'review',
	'plans',
	'measures',
	'indicators',
	'recommendations',
	'institutions',
	'partner_projects',
	'regions',
	'reports',
	'admin',
	'admin_plan',
	'audit'
] as const;
export type NavId = (typeof NAV_IDS)[number];
export interface NavItem {
	id: NavId;
	href: string;
}

type May = (action: Action) => boolean;
const NAV: readonly (NavItem & { visible: (may: May) => boolean })[] = [
	{ id: 'overview', href: '/', visible: (may) => may('dashboard.read') },
	{ id: 'my_work', href: '/my-work', visible: (may) => may('measure.list_own_work') },
	{ id: 'review', href: '/review', visible: (may) => may('submission.review') },
	{ id: 'plans', href: '/plans', visible: (may) => may('plan.read') },
	{ id: 'measures', href: '/measures', visible: (may) => may('plan.read') },
	{ id: 'indicators', href: '/indicators', visible: (may) => may('dashboard.read') },
	{ id: 'recommendations', href: '/recommendations', visible: (may) => may('plan.read') },
	{ id: 'institutions', href: '/institutions', visible: (may) => may('plan.read') },
	{ id: 'partner_projects', href: '/partners/projects', visible: (may) => may('plan.read') },
	{ id: 'regions', href: '/regions', visible: (may) => may('dashboard.read') },
	{ id: 'reports', href: '/reports', visible: (may) => may('report.read_published') },
	{ id: 'admin', href: '/admin', visible: (may) => may('user.manage') },
	// the administrators reach the plan editor from /admin; the commission has no /admin of its own
	{ id: 'admin_plan', href: '/admin/plan', visible: (may) => may('plan.manage') && !may('user.manage') },
	// the audit trail's page is under /admin (administrators only), though the commission may read the trail
	{ id: 'audit', href: '/admin/audit', visible: (may) => may('audit.read') && may('user.manage') }
];

/** The navigation entries `actor` may use, in their order (none when signed out). */
export function navigationFor(actor: Actor | null | undefined): NavItem[] {
	if (!actor) return [];
	const may: May = (action) => can(actor, action);
	return NAV.filter((i) => i.visible(may)).map(({ id, href }) => ({ id, href }));
}
