/**
 * The one permission check. Rules are data: for each action, which roles may do it and on what
 * condition. Every form action and endpoint calls `can` (through `authorize`) before anything else;
 * pages only hide what these rules already forbid.
 */
import type { Role } from '../../domain/enums';
import { isOwnSubmission } from '../../domain/workflow';

export const ACTIONS = [
	// reading
	'plan.read',
	'dashboard.read',
	'dashboard.read_unvalidated',
	// the commission's workload figures (e.g. how many submissions await validation)
	'dashboard.read_workload',
	// small counts of sensitive indicators, unmasked (partners get the confidentiality rule)
	'dashboard.read_small_counts',
	'report.read_published',
	'report.read_draft',
	'report.export',
	// the export for the TIP questionnaire (partners get small counts masked)
	'tip.export',
	'evidence.read',
	'audit.read',
	// a measure's work not validated yet (drafts, submissions, returns with their comments and evidence)
	'measure.read_open_work',
	// the list of work of one's own institution (/my-work)
	'measure.list_own_work',
	// the reporting loop
	'measure.report',
	'indicator_value.report',
	'rollout_stage.report',
	'evidence.remove',
	'submission.review',
	// staff exports of the measures list and the indicator explorer (validated data, as they see it)
	'data.export',
	// commission work
	'report.publish',
	// withdraw a published report, give or remove its public link
	'report.withdraw',
	// the annual national report's draft (DOCX / PDF)
	'report.draft_annual',
	'plan.manage',
	// open and close reporting periods
	'period.manage',
	// record and edit a partner project (a partner: only its own organisation's)
	'partner_project.manage',
	// the funding view: partner support and budgets per axis, region, recommendation, pillar
	'funding.read',
	// the yearly conversion rates to MAD used by the funding view
	'exchange_rate.manage',
	// administration
	'user.manage',
	'institution.manage',
	'plan.import',
	// the mail outbox: see failures, send a failed mail again
	'outbox.manage',
	// every signed-in user
	'self.update_locale',
	'self.update_password',
	// see and end one's own sessions
	'self.manage_sessions',
	// read one's own notices and mark them read
	'self.notifications',
	// create and revoke one's own open-data API tokens
	'api_token.manage'
] as const;
export type Action = (typeof ACTIONS)[number];

/** Who acts: the signed-in user as the permission rules see them. */
export interface Actor {
	id: number;
	role: Role;
	institutionId: number | null;
}

/** What the action is about, for the rules that depend on ownership. */
export interface Target {
	/** institution leading the measure */
	leadInstitutionId?: number;
	/** institutions contributing to the measure */
	contributingInstitutionIds?: readonly number[];
	/** for evidence: its visibility, the institution that uploaded it, and whether its update was validated */
	visibility?: 'public' | 'restricted';
	reportingInstitutionId?: number | null;
	validated?: boolean;
	/** for a submission: who submitted it */
	authorId?: number | null;
	/** for a partner project: the partner organisation carrying it */
	partnerInstitutionId?: number;
}

type Condition =
	'always' | 'own_institution_measure' | 'evidence_visible' | 'evidence_published' | 'own_institution_evidence' | 'not_own_submission' | 'own_partner_project';
type Rule = Partial<Record<Role, Condition>>;

const everyone: Rule = { admin: 'always', commission: 'always', focal_point: 'always', partner: 'always' };
const staff: Rule = { admin: 'always', commission: 'always', focal_point: 'always' };
const commission: Rule = { admin: 'always', commission: 'always' };
const adminOnly: Rule = { admin: 'always' };
const reporters: Rule = { admin: 'always', focal_point: 'own_institution_measure' };

/** role → condition, per action. A role that is absent is refused. */
export const RULES: Record<Action, Rule> = {
	'plan.read': everyone,
	'dashboard.read': everyone,
	'dashboard.read_unvalidated': commission,
	'dashboard.read_workload': staff,
	'dashboard.read_small_counts': staff,
	'report.read_published': everyone,
	'report.read_draft': commission,
	'report.export': everyone,
	'tip.export': everyone,
	'evidence.read': {
		admin: 'always',
		commission: 'always',
		focal_point: 'evidence_visible',
		partner: 'evidence_published'
	},
	'audit.read': commission,
	// Open work: those who may report on the measure, and those who review it.
	'measure.read_open_work': { admin: 'always', commission: 'always', focal_point: 'own_institution_measure' },
	'measure.list_own_work': { focal_point: 'always' },
	'measure.report': reporters,
	'indicator_value.report': reporters,
	'rollout_stage.report': reporters,
	// A file belongs to the institution that uploaded it: another institution on the measure cannot remove it.
	'evidence.remove': { admin: 'always', focal_point: 'own_institution_evidence' },
	// Separation of duties: nobody decides on what they submitted themselves.
	'submission.review': { admin: 'not_own_submission', commission: 'not_own_submission' },
	'data.export': staff,
	'report.publish': commission,
	'report.withdraw': commission,
	'report.draft_annual': commission,
	'plan.manage': commission,
	'period.manage': commission,
	'partner_project.manage': { admin: 'always', commission: 'always', partner: 'own_partner_project' },
	'funding.read': { admin: 'always', commission: 'always', partner: 'always' },
	'exchange_rate.manage': adminOnly,
	'user.manage': adminOnly,
	'institution.manage': adminOnly,
	'plan.import': adminOnly,
	'outbox.manage': adminOnly,
	'self.update_locale': everyone,
	'self.update_password': everyone,
	'self.manage_sessions': everyone,
	'self.notifications': everyone,
	'api_token.manage': everyone
};

function holds(condition: Condition, actor: Actor, target: Target | undefined): boolean {
	switch (condition) {
		case 'always':
			return true;
		case 'own_institution_measure': {
			// A focal point writes only to measures its institution leads or contributes to.
			if (actor.institutionId == null || !target) return false;
			return target.leadInstitutionId === actor.institutionId || (target.contributingInstitutionIds ?? []).includes(actor.institutionId);
		}
		case 'evidence_published':
			// Public evidence of a validated update: what the commission has accepted.
			return !!target && target.visibility === 'public' && target.validated === true;
		case 'own_institution_evidence':
			return !!target && actor.institutionId != null && target.reportingInstitutionId === actor.institutionId;
		case 'evidence_visible':
			// Restricted: only the institution that uploaded it (and the commission). Public: once its update is
			// validated; before, only to those who may read the measure's open work.
			if (!target) return false;
			if (holds('own_institution_evidence', actor, target)) return true;
			return target.visibility === 'public' && (target.validated === true || holds('own_institution_measure', actor, target));
		case 'own_partner_project':
			// A partner records and edits only its own organisation's projects.
			return !!target && actor.institutionId != null && target.partnerInstitutionId === actor.institutionId;
		case 'not_own_submission':
			return !isOwnSubmission(actor.id, target?.authorId);
	}
}

/** May `actor` do `action` on `target`? Unknown actors (signed out) may do nothing. */
export function can(actor: Actor | null | undefined, action: Action, target?: Target): boolean {
	if (!actor) return false;
	const condition = RULES[action]?.[actor.role];
	return condition ? holds(condition, actor, target) : false;
}
