/**
 * What a notice says, in a given language: the page of notices and the e-mail digest both render
 * from the stored kind and payload, so a notice reads in the language of whoever reads it.
 */
import { m } from './paraglide/messages';
import type { Locale } from './domain/enums';
import { formatDate, formatNumber } from './domain/format';
import { formatPeriod } from './domain/period';
import { daysUntil } from './domain/calendar';

export interface NoticeText {
	title: string;
	items: string[];
	/** where the notice leads, inside the app */
	href: string;
}

type Payload = Record<string, unknown>;
type ReviewItem = { kind?: string; decision?: string; measure?: string; indicator?: string; period?: string; region?: string; comment?: string | null };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const items = (p: Payload) => (Array.isArray(p.items) ? (p.items as Record<string, unknown>[]) : []);

export function noticeText(kind: string, payload: Payload, locale: Locale): NoticeText {
	const o = { locale };
	const n = (count: number) => ({ count, n: formatNumber(count, locale) });
	switch (kind) {
		case 'review': {
			const list = items(payload) as ReviewItem[];
			const total = num(payload.total) || list.length;
			const returned = list.filter((i) => i.decision === 'return').length;
			return {
				title: returned ? m.notice_review_title_returned(n(total), o) : m.notice_review_title(n(total), o),
				items: list.map((i) => {
					const what = [i.measure, i.indicator, i.period ? formatPeriod(i.period, locale) : '', i.region].filter(Boolean).join(' · ');
					const kindLabel = i.kind === 'value' ? m.notice_kind_value({}, o) : i.kind === 'stage' ? m.notice_kind_stage({}, o) : m.notice_kind_update({}, o);
					const line = i.decision === 'return' ? m.notice_item_returned({ kind: kindLabel, what }, o) : m.notice_item_validated({ kind: kindLabel, what }, o);
					return i.decision === 'return' && i.comment ? `${line} « ${i.comment} »` : line;
				}),
				href: returned ? '/my-work' : `/measures/${encodeURIComponent(list[0]?.measure ?? '')}`
			};
		}
		case 'period_opened':
			return {
				title: m.notice_period_opened({ period: formatPeriod(str(payload.period), locale), date: formatDate(str(payload.dueOn), locale, 'long') }, o),
				items: [],
				href: '/my-work'
			};
		case 'deadlines': {
			const list = items(payload);
			const today = str(payload.today);
			return {
				title: m.notice_deadlines_title(n(num(payload.total) || list.length), o),
				items: list.map((i) =>
					m.notice_deadline_item(
						{ code: str(i.code), date: formatDate(str(i.deadline), locale, 'long'), days: formatNumber(daysUntil(str(i.deadline), today), locale) },
						o
					)
				),
				href: '/my-work'
			};
		}
		case 'period_due':
			return {
				title: m.notice_period_due({ period: formatPeriod(str(payload.period), locale), date: formatDate(str(payload.dueOn), locale, 'long') }, o),
				items: [m.notice_period_due_item(n(num(payload.measures)), o)],
				href: '/my-work'
			};
		default:
			return { title: kind, items: [], href: '/notifications' };
	}
}
