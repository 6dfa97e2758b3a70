/**
 * Charts are built when they come near the viewport (Chart.svelte). A page rendered whole at once —
 * the print view the PDF is made from — asks for every chart at once instead, for the components below it.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('eager-charts');

/** Called by a page whose charts must all draw without being scrolled to. */
export function drawAllCharts(): void {
	setContext(KEY, true);
}

export function chartsDrawnAtOnce(): boolean {
	return getContext<boolean | undefined>(KEY) === true;
}
