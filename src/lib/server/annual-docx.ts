/**
 * The annual national report's draft as a Word document (`docx`), in French, Arabic or English, for
 * the secretariat to finish. Arabic is right to left the way Word expects it: every paragraph
 * bidirectional, every run marked right-to-left (so Word applies the complex-script font and
 * size), tables laid out right to left.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { localized } from '../domain/localize';
import { formatDate, formatIndicatorValue, formatNumber, formatPercent } from '../domain/format';
import { formatPeriod } from '../domain/period';
import { institutionLabel } from '../domain/institution-label';
import { unitLabel } from '../domain/units';
import { MASKED_LABEL } from '../domain/confidentiality';
import type { AnnualReport } from './annual-report';

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Arial' };
const LANG_TAG: Record<Locale, string> = { fr: 'fr-FR', ar: 'ar-MA', en: 'en-GB' };

export async function annualDocx(r: AnnualReport, locale: Locale): Promise<Buffer> {
	const rtl = locale === 'ar';
	const o = { locale };
	const text = (row: object, field: string) => localized(row as Record<string, unknown>, field, locale).text;
	const pct = (v: number | null) => (v == null ? '—' : formatPercent(v, locale));
	const n = (v: number) => formatNumber(v, locale);

	const run = (t: string, opts: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) =>
		new TextRun({
			text: t,
			rightToLeft: rtl,
			font: FONT,
			bold: opts.bold,
			boldComplexScript: opts.bold,
			italics: opts.italics,
			size: opts.size,
			sizeComplexScript: opts.size,
			color: opts.color
		});
	const para = (
		t: string,
		opts: { bold?: boolean; italics?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; size?: number; color?: string; after?: number } = {}
	) =>
		new Paragraph({
			bidirectional: rtl,
			heading: opts.heading,
			alignment: rtl ? AlignmentType.RIGHT : AlignmentType.LEFT,
			spacing: { after: opts.after ?? 120 },
			children: [run(t, opts)]
		});
	const cell = (t: string, opts: { header?: boolean; num?: boolean } = {}) =>
		new TableCell({
			shading: opts.header ? { fill: 'E8EFEA' } : undefined,
			children: [
				new Paragraph({
					bidirectional: rtl,
					alignment: opts.num ? (rtl ? AlignmentType.LEFT : AlignmentType.RIGHT) : rtl ? AlignmentType.RIGHT : AlignmentType.LEFT,
					children: [run(t, { bold: opts.header, size: 18 })]
				})
			]
		});
	const table = (head: string[], rows: string[][], numeric: number[] = []) =>
		new Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			visuallyRightToLeft: rtl,
			borders: {
				top: { style: BorderStyle.SINGLE, size: 4, color: 'B7C4BC' },
				bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B7C4BC' },
				left: { style: BorderStyle.SINGLE, size: 4, color: 'B7C4BC' },
				right: { style: BorderStyle.SINGLE, size: 4, color: 'B7C4BC' },
				insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'D5DDD8' },
				insideVertical: { style: BorderStyle.SINGLE, size: 2, color: 'D5DDD8' }
			},
			rows: [
				new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, { header: true, num: numeric.includes(i) })) }),
				...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, { num: numeric.includes(i) })) }))
			]
		});
	const placeholder = () => para(m.annual_comment_placeholder({}, o), { italics: true, color: '666666' });

	const s = r.snapshot;
	const year = String(r.year);
	const children: (Paragraph | Table)[] = [
		para(m.annual_doc_title({ year }, o), { heading: HeadingLevel.TITLE, bold: true, size: 36 }),
		para(text(r.plan, 'title'), { size: 24 }),
		para(m.annual_doc_draft({ date: formatDate(r.referenceDay, locale) }, o), { italics: true, color: '555555' })
	];
	if (r.demo) children.push(para(m.report_demo_note({}, o), { bold: true, color: '8A5A00' }));

	children.push(para(m.report_section_summary({}, o), { heading: HeadingLevel.HEADING_1, bold: true, size: 28 }));
	children.push(
		para(m.annual_summary_text({ year, planned: n(r.totals.planned), done: n(r.totals.done), late: n(r.totals.late), progress: pct(s.kpis.progress) }, o))
	);
	children.push(
		table(
			[m.filter_axis({}, o), m.annual_col_planned({ year }, o), m.annual_col_done({}, o), m.annual_col_late({}, o), m.kpi_progress({}, o)],
			r.axes.map((a) => [`${a.code} · ${text(a, 'title')}`, n(a.planned), n(a.done), n(a.late), pct(a.progress)]),
			[1, 2, 3, 4]
		)
	);
	children.push(placeholder());

	children.push(para(m.annual_section_axes({}, o), { heading: HeadingLevel.HEADING_1, bold: true, size: 28 }));
	for (const a of r.axes) {
		children.push(para(`${a.code} · ${text(a, 'title')}`, { heading: HeadingLevel.HEADING_2, bold: true, size: 24 }));
		children.push(para(m.annual_axis_text({ year, planned: n(a.planned), done: n(a.done), late: n(a.late), progress: pct(a.progress) }, o)));
		if (a.rows.length === 0) children.push(para(m.annual_no_measures({}, o), { italics: true }));
		else {
			children.push(para(m.annual_measures_listed({}, o), { bold: true, size: 20 }));
			children.push(
				table(
					[m.col_code({}, o), m.col_measure({}, o), m.col_lead({}, o), m.col_deadline({}, o), m.col_status({}, o), m.kpi_progress({}, o)],
					a.rows.map((x) => [
						x.code,
						text(x, 'title'),
						institutionLabel(x.lead, locale),
						formatDate(x.deadline, locale, 'short'),
						`${m[`status_${x.status}`]({}, o)}${x.late ? ` (${m.annual_late_mark({}, o)})` : ''}`,
						pct(x.progress)
					]),
					[5]
				)
			);
		}
		children.push(placeholder());
	}

	children.push(para(m.report_section_indicators({}, o), { heading: HeadingLevel.HEADING_1, bold: true, size: 28 }));
	children.push(
		table(
			[
				m.col_code({}, o),
				m.report_col_indicator({}, o),
				m.indicator_baseline({}, o),
				m.indicator_target({}, o),
				m.report_col_latest({}, o),
				m.col_period({}, o)
			],
			s.indicators.rows.map((i) => {
				const v = (x: number | null) => formatIndicatorValue(x, i.unit, locale);
				return [
					i.code,
					`${text(i, 'name')}${i.unit && i.unit !== '%' ? ` (${unitLabel(i, locale)})` : ''}`,
					`${v(i.baselineValue)}${i.baselineYear ? ` (${i.baselineYear})` : ''}`,
					`${v(i.targetValue)}${i.targetYear ? ` (${i.targetYear})` : ''}`,
					i.masked ? MASKED_LABEL : v(i.value),
					i.valuePeriod ? formatPeriod(i.valuePeriod, locale) : '—'
				];
			}),
			[2, 3, 4]
		)
	);

	if (s.recommendations.length) {
		children.push(para(m.report_scope_recommendations({}, o), { heading: HeadingLevel.HEADING_1, bold: true, size: 28 }));
		children.push(
			table(
				['#', m.filter_recommendation({}, o), m.annual_rec_status({}, o), m.kpi_progress({}, o)],
				s.recommendations.map((rec) => [
					String(rec.rank),
					text(rec, 'title'),
					rec.measures > 0 && rec.completed === rec.measures
						? m.annual_rec_done({}, o)
						: rec.inProgress + rec.completed > 0
							? m.annual_rec_under_way({ started: n(rec.inProgress + rec.completed), total: n(rec.measures), completed: n(rec.completed) }, o)
							: m.annual_rec_none({}, o),
					pct(rec.progress)
				]),
				[0, 3]
			)
		);
		children.push(placeholder());
	}

	const doc = new Document({
		creator: 'Rasd',
		title: m.annual_doc_title({ year }, o),
		styles: { default: { document: { run: { font: FONT, size: 21, sizeComplexScript: 22, language: { value: LANG_TAG[locale], bidirectional: 'ar-MA' } } } } },
		sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }]
	});
	return Packer.toBuffer(doc);
}

export function annualFileName(r: Pick<AnnualReport, 'year' | 'plan'>, locale: Locale): string {
	return `rasd-rapport-annuel-${r.plan.code}-${r.year}-${locale}.docx`;
}
