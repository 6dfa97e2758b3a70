import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as measures from '$lib/server/measures';
import * as updates from '$lib/server/progress-updates';
import * as values from '$lib/server/indicator-values';
import * as rollout from '$lib/server/rollout';
import * as grids from '$lib/server/value-grids';
import { parseGridForm } from '$lib/schemas/grid';
import * as evidence from '$lib/server/evidence';
import * as reference from '$lib/server/reference';
import * as periods from '$lib/server/reporting-periods';
import { localDay } from '$lib/domain/calendar';
import { authorize, can } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { evidenceRemoveSchema, indicatorValueSchema, progressUpdateSchema, stageSchema } from '$lib/schemas/reporting';
import { isPeriodCode } from '$lib/domain/period';
import { isRegionCode } from '$lib/domain/region';
import { INDICATORS_PER_PAGE, pageOf } from '$lib/server/page-lists';
import { withSources } from '$lib/server/cited-sources';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Everything on the page is read as the signed-in viewer: the rules of `permissions.ts` decide what they get. */
export const load: PageServerLoad = ({ params, locals, url }) => {
	const db = getDb();
	const viewer = locals.user;
	const bp = url.searchParams.get('bp');
	const br = url.searchParams.get('br');
	const found = measures.getMeasure(db, params.code, viewer, {
		breakdownPeriod: bp && isPeriodCode(bp) ? bp : null,
		breakdownRegion: br && isRegionCode(br) ? br : null
	});
	if (!found) {
		// An old link to a measure that moved to another objective.
		const now = measures.movedTo(db, params.code);
		if (now) redirect(301, `/measures/${encodeURIComponent(now)}`);
		error(404, { message: 'err_not_found' });
	}
	const target = updates.measureTarget(db, found.measure.id)!;
	const canReport = can(viewer, 'measure.report', target);
	const canReportValues = can(viewer, 'indicator_value.report', target);
	// Open grids are the reporting institution's work in progress: only those who may read the measure's open work see them.
	const openGrids = can(viewer, 'measure.read_open_work', target)
		? Object.fromEntries(found.indicators.filter((i) => grids.hasBreakdowns(i.dimensions)).map((i) => [i.id, grids.openGrids(db, i.id)]))
		: {};
	const resume = Number(url.searchParams.get('grid'));
	const editGrid =
		canReportValues && resume
			? (Object.values(openGrids)
					.flat()
					.find((g) => g.head.id === resume && g.head.state !== 'submitted') ?? null)
			: null;
	// A measure's indicators a page at a time (`?ip=`): each card carries its chart, tables and forms,
	// and fifteen of them took the page past 130 KB. `?ind=` (a form's own action, the redirect after
	// a save, a resumed grid) opens the page holding that indicator. The values are filtered after the
	// confidentiality rules ran over the whole measure, so what is masked does not depend on the page.
	const wanted = editGrid?.head.indicatorId ?? Number(url.searchParams.get('ind'));
	const at = found.indicators.findIndex((i) => i.id === wanted);
	const ip = at >= 0 ? Math.floor(at / INDICATORS_PER_PAGE) + 1 : Number(url.searchParams.get('ip') ?? 1);
	const { items: shown, ...indicatorPage } = pageOf(found.indicators, ip, INDICATORS_PER_PAGE);
	const ids = new Set(shown.map((i) => i.id));
	const codes = new Set(shown.map((i) => i.code));
	return {
		...found,
		measure: withSources(found.measure),
		indicators: shown.map(withSources),
		projects: found.projects.map(withSources),
		indicatorPage,
		values: found.values.filter((v) => ids.has(v.indicatorId)),
		regionValues: found.regionValues.filter((v) => ids.has(v.indicatorId)),
		breakdowns: found.breakdowns.filter((b) => codes.has(b.code)),
		canReport,
		canReportValues,
		canReportStages: can(viewer, 'rollout_stage.report', target),
		openUpdate: updates.openUpdate(db, found.measure.id, viewer),
		openValues: values.openValuesOfMeasure(db, found.measure.id, viewer, target).filter((o) => ids.has(o.v.indicatorId)),
		openStages: rollout.openStagesOfMeasure(db, found.measure.id, viewer, target),
		allRegions: reference.regionNames(db),
		openGrids: Object.fromEntries(Object.entries(openGrids).filter(([id]) => ids.has(Number(id)))),
		editGrid,
		reportingPeriod: canReport ? (periods.current(db, localDay())?.code ?? null) : null,
		closedPeriods: canReport ? periods.closedCodes(db) : []
	};
};

const FORM_OF = { 'measure.report': 'update', 'indicator_value.report': 'value', 'rollout_stage.report': 'stage' } as const;

/**
 * The measure of the URL and the permission check every action starts with. A signed-in user the
 * rules refuse gets the form back with what they typed and the reason (the form is not offered to
 * them, but a page left open may outlive a change of their rights); signed out is a 401.
 */
async function measureFor(event: RequestEvent, action: keyof typeof FORM_OF, form: string = FORM_OF[action]) {
	const db = getDb();
	const m = measures.getMeasureRef(db, event.params.code);
	if (!m) error(404, { message: 'err_not_found' });
	const target = updates.measureTarget(db, m.id) ?? undefined;
	if (event.locals.user && !can(event.locals.user, action, target)) {
		const values = formObject(await event.request.formData());
		delete values.file;
		return { refused: fail(403, { [form]: { values, errors: { _form: 'err_report_forbidden' }, params: {} } }) } as const;
	}
	const user = authorize(event, action, target);
	return { db, measure: m, user, target: target! } as const;
}

export const actions: Actions = {
	saveUpdate: async (event) => {
		const ctx = await measureFor(event, 'measure.report');
		if ('refused' in ctx) return ctx.refused;
		const { db, measure, user } = ctx;
		const data = await event.request.formData();
		const raw = formObject(data);
		const parsed = progressUpdateSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { update: { values: raw, errors: fieldErrors(parsed.error) } });
		const input = parsed.data;

		// A file is checked and stored before the transaction; it is removed again if the write fails.
		const file = data.get('file');
		let stored: evidence.StoredFile | undefined;
		if (file instanceof File && file.size > 0) {
			const s = await evidence.storeUpload(file);
			if (!s.ok) return fail(400, { update: { values: raw, errors: { file: s.error } } });
			stored = s.file;
		}
		// The update and its new evidence are written in one transaction.
		const result = updates.save(db, user, measure.id, input, {
			link: input.linkUrl ? { url: input.linkUrl, label: input.linkLabel } : undefined,
			file: stored,
			visibility: input.visibility
		});
		if (!result.ok) {
			if (stored) evidence.discard(stored.storedName);
			return failFor('update', result, raw);
		}
		redirect(303, `/measures/${encodeURIComponent(measure.code)}?saved=${input.intent}#update`);
	},

	removeEvidence: async (event) => {
		const ctx = await measureFor(event, 'measure.report');
		if ('refused' in ctx) return ctx.refused;
		const { db, measure, user, target } = ctx;
		const parsed = evidenceRemoveSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return fail(400, { update: { values: {}, errors: { _form: 'err_invalid' } } });
		const row = evidence.getWithOwner(db, parsed.data.evidenceId);
		if (!row || row.measureId !== measure.id || !can(user, 'evidence.read', evidence.evidenceTarget(target, row.e, row.updateState)))
			error(404, { message: 'err_not_found' });
		// A file belongs to the institution that uploaded it: another institution on the measure cannot remove it.
		if (!can(user, 'evidence.remove', evidence.evidenceTarget(target, row.e, row.updateState)))
			return fail(403, { update: { values: {}, errors: { _form: 'err_evidence_not_yours' } } });
		const result = evidence.remove(db, user.id, parsed.data.evidenceId);
		if (!result.ok) return failFor('update', result, {});
		redirect(303, `/measures/${encodeURIComponent(event.params.code)}#update`);
	},

	saveValue: async (event) => {
		const ctx = await measureFor(event, 'indicator_value.report');
		if ('refused' in ctx) return ctx.refused;
		const { db, measure, user } = ctx;
		const raw = formObject(await event.request.formData());
		const parsed = indicatorValueSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { value: { values: raw, errors: fieldErrors(parsed.error) } });
		if (!measures.indicatorBelongs(db, parsed.data.indicatorId, measure.id)) error(404, { message: 'err_not_found' });
		const result = values.save(db, user, parsed.data);
		if (!result.ok) return failFor('value', result, raw);
		redirect(303, `/measures/${encodeURIComponent(measure.code)}?saved=value&ind=${parsed.data.indicatorId}#indicator-${parsed.data.indicatorId}`);
	},

	saveGrid: async (event) => {
		const ctx = await measureFor(event, 'indicator_value.report', 'grid');
		if ('refused' in ctx) return ctx.refused;
		const { db, measure, user } = ctx;
		const raw = formObject(await event.request.formData());
		const parsed = parseGridForm(raw);
		if (!parsed.ok) return fail(400, { grid: { values: raw, errors: parsed.errors, params: {} } });
		if (!measures.indicatorBelongs(db, parsed.value.indicatorId, measure.id)) error(404, { message: 'err_not_found' });
		const result = grids.save(db, user, parsed.value);
		if (!result.ok) {
			if (result.kind === 'grid') {
				const errors: Record<string, string> = {};
				const params: Record<string, Record<string, number | string>> = {};
				for (const e of result.errors)
					if (!(e.field in errors)) {
						errors[e.field] = e.key;
						params[e.field] = e.params ?? {};
					}
				return fail(400, { grid: { values: raw, errors, params } });
			}
			return failFor('grid', result, raw);
		}
		redirect(
			303,
			`/measures/${encodeURIComponent(measure.code)}?saved=${parsed.value.intent}&ind=${parsed.value.indicatorId}#indicator-${parsed.value.indicatorId}`
		);
	},

	saveStage: async (event) => {
		const ctx = await measureFor(event, 'rollout_stage.report');
		if ('refused' in ctx) return ctx.refused;
		const { db, measure, user } = ctx;
		const raw = formObject(await event.request.formData());
		const parsed = stageSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { stage: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = rollout.save(db, user, measure.id, parsed.data);
		if (!result.ok) return failFor('stage', result, raw);
		redirect(303, `/measures/${encodeURIComponent(measure.code)}?saved=stage#rollout`);
	}
};
