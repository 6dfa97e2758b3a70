/**
 * The app's routes read from `src/routes`, and a way to run what SvelteKit runs for a GET: the
 * route guard of the hooks, every `+layout.server.ts` load from the root down, the page's server
 * load (what `__data.json` serialises) or an endpoint's GET handler. Integration tests use it to
 * read every page as a given user without a build.
 */
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { routeAccess } from '../../src/lib/server/route-access';
import { fakeCookies } from './events';

export const ROUTES_DIR = 'src/routes';

export interface RouteDir {
	/** the directory, relative to src/routes ('' for the root) */
	dir: string;
	/** the route id as SvelteKit writes it: '/(app)/measures/[code]' */
	id: string;
	/** URL segments: static text, or a parameter */
	segments: ({ kind: 'static'; text: string } | { kind: 'param'; name: string; optional: boolean; rest: boolean; matcher?: string })[];
	page: boolean;
	pageServer: boolean;
	endpoint: boolean;
}

function walk(dir: string): string[] {
	return [dir, ...readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : []))];
}

/** Every directory of src/routes that is a page or an endpoint. */
export function listRoutes(root = ROUTES_DIR): RouteDir[] {
	return walk(root)
		.map((abs) => {
			const dir = relative(root, abs).split(sep).filter(Boolean).join('/');
			const has = (f: string) => existsSync(join(abs, f));
			const segments = dir
				.split('/')
				.filter((s) => s && !/^\(.*\)$/.test(s))
				.map((s) => {
					const p = /^\[(\[)?(\.\.\.)?(\w+)(?:=(\w+))?\]?\]$/.exec(s);
					return p
						? ({ kind: 'param', name: p[3]!, optional: !!p[1], rest: !!p[2], ...(p[4] ? { matcher: p[4] } : {}) } as const)
						: ({ kind: 'static', text: s } as const);
				});
			return {
				dir,
				id: '/' + dir,
				segments,
				page: has('+page.svelte'),
				pageServer: has('+page.server.ts'),
				endpoint: has('+server.ts')
			};
		})
		.filter((r) => r.page || r.endpoint);
}

/** The directories whose `+layout.server.ts` runs for a route, root first. */
function layoutChain(dir: string, root = ROUTES_DIR): string[] {
	const parts = dir.split('/').filter(Boolean);
	const chain: string[] = [];
	for (let i = 0; i <= parts.length; i++) {
		const d = parts.slice(0, i).join('/');
		if (existsSync(join(root, d, '+layout.server.ts'))) chain.push(d);
	}
	return chain;
}

export type Outcome =
	| { kind: 'ok'; status: number; body: string }
	/** refused by the guard, an error() or a redirect */
	| { kind: 'refused'; status: number; location?: string };

function event(user: SessionUser | null, url: URL, params: Record<string, string>, routeId: string, parent: () => Promise<Record<string, unknown>>) {
	return {
		locals: { user, locale: 'fr' as const },
		params,
		url,
		route: { id: routeId },
		request: new Request(url, { method: 'GET' }),
		cookies: fakeCookies(),
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		parent,
		isDataRequest: true,
		isSubRequest: false,
		platform: undefined,
		fetch
	};
}

function thrown(e: unknown): Outcome {
	const t = e as { status?: number; location?: string };
	if (typeof t?.status === 'number') return { kind: 'refused', status: t.status, location: t.location };
	throw e;
}

const importRoute = (file: string) => import(/* @vite-ignore */ `../../${ROUTES_DIR}/${file}`);

/** Whether every `[name=matcher]` parameter passes its matcher of src/params, as SvelteKit checks before any load. */
async function paramsMatch(route: RouteDir, params: Record<string, string>): Promise<boolean> {
	for (const seg of route.segments) {
		if (seg.kind !== 'param' || !seg.matcher) continue;
		const value = params[seg.name];
		if (value === undefined || value === '') continue;
		const { match } = (await import(/* @vite-ignore */ `../../src/params/${seg.matcher}.ts`)) as { match: (p: string) => boolean };
		if (!match(value)) return false;
	}
	return true;
}

/**
 * What a GET of `path` gives `user`: for a page, the JSON of every server load's data (layouts
 * then page, as `__data.json` carries them); for an endpoint, its body. The hook's route guard
 * runs first, as on the server.
 */
export async function get(
	route: RouteDir,
	path: string,
	params: Record<string, string>,
	user: SessionUser | null,
	kind: 'page' | 'endpoint'
): Promise<Outcome> {
	const url = new URL(`http://localhost${path}`);
	const access = routeAccess(url.pathname, user);
	if (access === 'login') return { kind: 'refused', status: 303, location: '/login' };
	if (access === 'forbidden') return { kind: 'refused', status: 403 };
	// No route matches (SvelteKit's 404) when a parameter fails its matcher.
	if (!(await paramsMatch(route, params))) return { kind: 'refused', status: 404 };
	if (kind === 'endpoint') {
		const mod = await importRoute(`${route.dir ? route.dir + '/' : ''}+server.ts`);
		if (typeof mod.GET !== 'function') return { kind: 'refused', status: 405 };
		try {
			const res: Response = await mod.GET(event(user, url, params, route.id, async () => ({})));
			if (res.status >= 300) return { kind: 'refused', status: res.status, location: res.headers.get('location') ?? undefined };
			const type = res.headers.get('content-type') ?? '';
			const body = /json|text|html|csv|xml/.test(type) ? await res.text() : Buffer.from(await res.arrayBuffer()).toString('latin1');
			return { kind: 'ok', status: res.status, body };
		} catch (e) {
			return thrown(e);
		}
	}
	const nodes: unknown[] = [];
	let merged: Record<string, unknown> = {};
	try {
		for (const dir of layoutChain(route.dir)) {
			const mod = await importRoute(`${dir ? dir + '/' : ''}+layout.server.ts`);
			const before = merged;
			const data = (await mod.load?.(event(user, url, params, route.id, async () => before))) ?? {};
			nodes.push(data);
			merged = { ...merged, ...data };
		}
		if (route.pageServer) {
			const mod = await importRoute(`${route.dir ? route.dir + '/' : ''}+page.server.ts`);
			const before = merged;
			nodes.push((await mod.load?.(event(user, url, params, route.id, async () => before))) ?? {});
		}
	} catch (e) {
		return thrown(e);
	}
	return { kind: 'ok', status: 200, body: JSON.stringify(nodes) };
}
