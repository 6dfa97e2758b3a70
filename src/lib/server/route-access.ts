/**
 * Page access as data: which paths are public, which need a session, which need a role.
 * This only decides who may *see* a page; every write is checked again by `can` in its action.
 */
import type { Role } from '../domain/enums';

type Rule = { prefix: string; roles: readonly Role[] | 'public' | 'signed_in' };

const ROUTES: readonly Rule[] = [
	{ prefix: '/login', roles: 'public' },
	{ prefix: '/healthz', roles: 'public' },
	{ prefix: '/locale', roles: 'public' },
	{ prefix: '/refused', roles: 'public' },
	{ prefix: '/favicon', roles: 'public' },
	// a one-time link from an invitation or a reset: the visitor has no session yet
	{ prefix: '/set-password', roles: 'public' },
	// the commission manages the plan's structure with the administrators; the rest of /admin is theirs alone
	{ prefix: '/admin/plan', roles: ['admin', 'commission'] },
	// a public link to a published report; the print view the PDF is rendered from (keyed per report);
	// the open-data API (token or session, checked by its endpoints)
	{ prefix: '/p', roles: 'public' },
	{ prefix: '/print', roles: 'public' },
	{ prefix: '/api/v1', roles: 'public' },
	{ prefix: '/admin', roles: ['admin'] },
	{ prefix: '/reports/new', roles: ['admin', 'commission'] },
	{ prefix: '/reports/annual', roles: ['admin', 'commission'] },
	{ prefix: '/review', roles: ['admin', 'commission'] },
	{ prefix: '/', roles: 'signed_in' }
];

function matches(path: string, prefix: string): boolean {
	return prefix === '/' || path === prefix || path.startsWith(prefix + '/');
}

export function routeAccess(path: string, user: { role: Role } | null): 'ok' | 'login' | 'forbidden' {
	// SvelteKit's own assets are served before hooks; anything else is checked.
	if (path.startsWith('/_app/')) return 'ok';
	const rule = ROUTES.find((r) => matches(path, r.prefix));
	if (!rule || rule.roles === 'public') return 'ok';
	if (!user) return 'login';
	if (rule.roles === 'signed_in') return 'ok';
	return rule.roles.includes(user.role) ? 'ok' : 'forbidden';
}
