/**
 * Chart tooltips (HTML, in the reading direction of the locale) and legends.
 */
import type { LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { Locale } from '../domain/enums';
import { rtl } from './option';
import { COLORS } from './palette';

/** Text for an HTML tooltip (ECharts inserts it as HTML). */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A tooltip body: a bold title and label/value lines, in the reading direction of the locale. */
export function tooltipHtml(locale: Locale, title: string, lines: readonly [string, string][]): string {
	const dir = rtl(locale) ? 'rtl' : 'ltr';
	const body = lines.map(([k, v]) => `<div>${escapeHtml(k)} : <b><bdi>${escapeHtml(v)}</bdi></b></div>`).join('');
	const head = `<div style="font-weight:600;margin-bottom:2px">${escapeHtml(title)}</div>`;
	return `<div dir="${dir}" style="text-align:start;max-width:22rem;white-space:normal">${head}${body}</div>`;
}

export function baseTooltip(locale: Locale, trigger: 'item' | 'axis' = 'item'): TooltipComponentOption {
	return {
		trigger,
		confine: true,
		backgroundColor: '#ffffff',
		borderColor: '#a9b3ae',
		textStyle: { color: COLORS.text, fontSize: 13 },
		extraCssText: `direction:${rtl(locale) ? 'rtl' : 'ltr'};box-shadow:0 2px 6px rgb(0 0 0 / 0.12)`
	};
}

/** Legend at the reading start: left in French and English, right in Arabic. */
export function legendAt(locale: Locale, extra: LegendComponentOption = {}): LegendComponentOption {
	return {
		top: 0,
		...(rtl(locale) ? { right: 0, align: 'right' } : { left: 0, align: 'left' }),
		itemGap: 14,
		textStyle: { color: COLORS.text },
		...extra
	};
}
