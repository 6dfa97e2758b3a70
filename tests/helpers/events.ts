/** Calls SvelteKit form actions directly, as the server would, with a chosen signed-in user. */
import type { SessionUser } from '../../src/lib/server/auth/session';

export function formData(values: Record<string, string | Blob | undefined>): FormData {
	const fd = new FormData();
	for (const [k, v] of Object.entries(values)) if (v !== undefined) fd.set(k, v);
	return fd;
}

/** A cookie jar with SvelteKit's `cookies` interface. */
export function fakeCookies() {
	const cookies = new Map<string, string>();
	return {
		get: (k: string) => cookies.get(k),
		set: (k: string, v: string) => void cookies.set(k, v),
		delete: (k: string) => void cookies.delete(k),
		getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
		serialize: () => ''
	};
}

export function actionEvent(opts: { user: SessionUser | null; params?: Record<string, string>; path?: string; body?: FormData }) {
	const url = new URL(`http://localhost${opts.path ?? '/'}`);
	return {
		locals: { user: opts.user, locale: 'fr' as const },
		params: opts.params ?? {},
		url,
		request: new Request(url, { method: 'POST', body: opts.body ?? new FormData() }),
		cookies: fakeCookies(),
		getClientAddress: () => '127.0.0.1',
		route: { id: null },
		setHeaders: () => {},
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined,
		fetch
	};
}

/** Runs an action and returns what it threw or returned: { status, location?, data? }. */
export async function run(action: (e: never) => unknown, event: ReturnType<typeof actionEvent>) {
	try {
		const data = await action(event as never);
		const maybe = data as { status?: number; data?: unknown } | undefined;
		if (maybe && typeof maybe === 'object' && 'status' in maybe && 'data' in maybe) return { status: maybe.status!, data: maybe.data as Record<string, any> };
		return { status: 200, data: data as Record<string, any> };
	} catch (e) {
		const t = e as { status?: number; location?: string; body?: unknown };
		if (typeof t.status === 'number') return { status: t.status, location: t.location, data: t.body as Record<string, any> };
		throw e;
	}
}
