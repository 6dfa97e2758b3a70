/**
 * Category labels of the charts, shortened to their room; the full text is in the tooltip and the
 * table equivalent. The chart's host is left-to-right (`<Chart>` draws Arabic charts mirrored, not
 * in a right-to-left box), so a neutral "…" after an Arabic label would take that direction and show
 * at the right, beside the label's first word. A right-to-left mark after it keeps it at the end of
 * the Arabic text: on its left.
 */
import type { Locale } from '../domain/enums';

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const RLM = '\u200F';

/** The ellipsis that ends a shortened `text`: followed by a right-to-left mark when the text is Arabic. */
export function ellipsisFor(text: string): string {
	return ARABIC.test(text) ? `…${RLM}` : '…';
}

/** `text` cut to at most `max` characters, the ellipsis included, at the end of the text in its reading order. */
export function shortenLabel(text: string, max = 38): string {
	if ([...text].length <= max) return text;
	const cut = [...text]
		.slice(0, max - 1)
		.join('')
		.trimEnd();
	return `${cut}${ellipsisFor(cut)}`;
}

/**
 * An axis label cut by ECharts to `width` px: its ellipsis is the locale's (in Arabic every label is
 * shown in Arabic, or in French with the mark then harmless after Latin letters).
 */
export function truncatedAxisLabel(width: number, locale: Locale): { width: number; overflow: 'truncate'; ellipsis: string } {
	return { width, overflow: 'truncate', ellipsis: locale === 'ar' ? `…${RLM}` : '…' };
}
