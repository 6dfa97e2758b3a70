/** The labels of an update's visibility, the languages by name, and the fields a conflict notice or a review item names. See ./index.ts. */
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import type { Labels } from './label';

export const VISIBILITY = { public: m.visibility_public, restricted: m.visibility_restricted } as const satisfies Labels<'public' | 'restricted'>;

export const LANGUAGE_NAME = { fr: m.language_name_fr, ar: m.language_name_ar, en: m.language_name_en } as const satisfies Labels<Locale>;

/** A field of a conflict notice or a review item. */
export const FIELD = {
	period: m.field_period,
	progress: m.field_progress,
	since: m.field_since,
	source: m.field_source,
	stage: m.field_stage,
	state: m.field_state,
	status: m.field_status,
	value: m.field_value,
	narrativeFr: m.field_narrativeFr,
	narrativeAr: m.field_narrativeAr,
	narrativeEn: m.field_narrativeEn
} as const satisfies Labels<Extract<keyof typeof m, `field_${string}`> extends `field_${infer F}` ? F : never>;
