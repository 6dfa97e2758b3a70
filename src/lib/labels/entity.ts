/** The labels of institution kinds, plan kinds and partner project statuses. See ./index.ts. */
import { m } from '../paraglide/messages';
import type { InstitutionKind, PlanKind } from '../domain/enums';
import type { PROJECT_STATUSES } from '../domain/money';
import type { Labels } from './label';

export const INSTITUTION_KIND = {
	ministry: m.institution_kind_ministry,
	security: m.institution_kind_security,
	judiciary: m.institution_kind_judiciary,
	public_body: m.institution_kind_public_body,
	nhri: m.institution_kind_nhri,
	ngo: m.institution_kind_ngo,
	international_partner: m.institution_kind_international_partner
} as const satisfies Labels<InstitutionKind>;

export const PLAN_KIND = {
	national_plan: m.plan_kind_national_plan,
	action_plan: m.plan_kind_action_plan,
	priority_plan: m.plan_kind_priority_plan
} as const satisfies Labels<PlanKind>;

export const PROJECT_STATUS = {
	planned: m.project_status_planned,
	ongoing: m.project_status_ongoing,
	completed: m.project_status_completed,
	suspended: m.project_status_suspended
} as const satisfies Labels<(typeof PROJECT_STATUSES)[number]>;
