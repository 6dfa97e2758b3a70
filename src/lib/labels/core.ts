/** The labels of measure statuses, workflow states, pillars, rollout stages and roles: on nearly every page. See ./index.ts. */
import { m } from '../paraglide/messages';
import type { MeasureStatus, Pillar, Role, RolloutStage, WorkflowState } from '../domain/enums';
import type { Labels } from './label';

export const STATUS = {
	planned: m.status_planned,
	in_progress: m.status_in_progress,
	completed: m.status_completed,
	suspended: m.status_suspended,
	cancelled: m.status_cancelled
} as const satisfies Labels<MeasureStatus>;

export const STATE = {
	draft: m.state_draft,
	submitted: m.state_submitted,
	validated: m.state_validated,
	returned: m.state_returned
} as const satisfies Labels<WorkflowState>;

export const PILLAR = {
	prevention: m.pillar_prevention,
	protection: m.pillar_protection,
	prosecution: m.pillar_prosecution,
	partnership: m.pillar_partnership,
	governance: m.pillar_governance
} as const satisfies Labels<Pillar>;

export const STAGE = {
	not_started: m.stage_not_started,
	preparation: m.stage_preparation,
	pilot: m.stage_pilot,
	operational: m.stage_operational
} as const satisfies Labels<RolloutStage>;

export const ROLE = {
	admin: m.role_admin,
	commission: m.role_commission,
	focal_point: m.role_focal_point,
	partner: m.role_partner
} as const satisfies Labels<Role>;
