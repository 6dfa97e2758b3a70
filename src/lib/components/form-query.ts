/**
 * With JavaScript, a GET filter form applies as soon as a field changes (without it, its Apply
 * button submits it): the form's non-empty fields become this page's query string.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';

export function applyFormQuery(e: Event, { replaceState = false }: { replaceState?: boolean } = {}): void {
	const form = (e.currentTarget as HTMLElement).closest('form');
	if (!form) return;
	const q = new URLSearchParams();
	for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) q.set(k, v);
	goto(q.size ? `?${q}` : page.url.pathname, { keepFocus: true, noScroll: true, replaceState });
}
