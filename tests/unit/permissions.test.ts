import { describe, it, expect } from 'vitest';
import { ACTIONS, can, type Action, type Actor } from '../../src/lib/server/auth/permissions';
import { ROLES, type Role } from '../../src/lib/domain/enums';

const DGSN = 21;
const FAM = 12;
const actors: Record<Role, Actor> = {
	admin: { id: 1, role: 'admin', institutionId: null },
	commission: { id: 2, role: 'commission', institutionId: 5 },
	focal_point: { id: 3, role: 'focal_point', institutionId: DGSN },
	partner: { id: 4, role: 'partner', institutionId: 24 }
};

// The expected matrix, written out by hand from design.md's roles (not derived from RULES):
// Y = allowed on any target, O = only on measures the focal point's institution leads or contributes to,
// E = only evidence its institution uploaded, or public evidence of a validated update, or public evidence of a
// measure it reports on; P = only public evidence of a validated update; I = only what its own institution
// uploaded; A = anything but what this user submitted (separation of duties); G = only its own organisation's
// partner projects; N = refused.
type Cell = 'Y' | 'N' | 'O' | 'E' | 'P' | 'I' | 'A' | 'G';
const EXPECTED: Record<Action, Record<Role, Cell>> = {
	'plan.read': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'dashboard.read': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'dashboard.read_unvalidated': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'N' },
	'dashboard.read_workload': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'N' },
	'dashboard.read_small_counts': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'N' },
	'report.read_published': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'report.read_draft': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'N' },
	'report.export': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'tip.export': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'evidence.read': { admin: 'Y', commission: 'Y', focal_point: 'E', partner: 'P' },
	'audit.read': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'N' },
	'measure.read_open_work': { admin: 'Y', commission: 'Y', focal_point: 'O', partner: 'N' },
	'measure.list_own_work': { admin: 'N', commission: 'N', focal_point: 'Y', partner: 'N' },
	'measure.report': { admin: 'Y', commission: 'N', focal_point: 'O', partner: 'N' },
	'indicator_value.report': { admin: 'Y', commission: 'N', focal_point: 'O', partner: 'N' },
	'rollout_stage.report': { admin: 'Y', commission: 'N', focal_point: 'O', partner: 'N' },
	'evidence.remove': { admin: 'Y', commission: 'N', focal_point: 'I', partner: 'N' },
	'submission.review': { admin: 'A', commission: 'A', focal_point: 'N', partner: 'N' },
	'data.export': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'N' },
	'report.publish': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'N' },
	'report.withdraw': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'N' },
	'report.draft_annual': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'N' },
	'plan.manage': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'N' },
	'period.manage': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'N' },
	'partner_project.manage': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'G' },
	'funding.read': { admin: 'Y', commission: 'Y', focal_point: 'N', partner: 'Y' },
	'exchange_rate.manage': { admin: 'Y', commission: 'N', focal_point: 'N', partner: 'N' },
	'user.manage': { admin: 'Y', commission: 'N', focal_point: 'N', partner: 'N' },
	'institution.manage': { admin: 'Y', commission: 'N', focal_point: 'N', partner: 'N' },
	'plan.import': { admin: 'Y', commission: 'N', focal_point: 'N', partner: 'N' },
	'outbox.manage': { admin: 'Y', commission: 'N', focal_point: 'N', partner: 'N' },
	'self.update_locale': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'self.update_password': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'self.manage_sessions': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'self.notifications': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' },
	'api_token.manage': { admin: 'Y', commission: 'Y', focal_point: 'Y', partner: 'Y' }
};

const ledByDgsn = { leadInstitutionId: DGSN, contributingInstitutionIds: [FAM] };
const dgsnContributes = { leadInstitutionId: FAM, contributingInstitutionIds: [DGSN, 7] };
const notDgsn = { leadInstitutionId: FAM, contributingInstitutionIds: [7] };
const publicEvidence = { visibility: 'public' as const, reportingInstitutionId: FAM, validated: true };
const publicUnvalidated = { visibility: 'public' as const, reportingInstitutionId: FAM, validated: false };
const restrictedOwn = { visibility: 'restricted' as const, reportingInstitutionId: DGSN };
const restrictedOther = { visibility: 'restricted' as const, reportingInstitutionId: FAM, validated: true };

describe('permission matrix', () => {
	it('lists an expectation for every action the module knows', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
	});

	for (const action of ACTIONS) {
		for (const role of ROLES) {
			const cell = EXPECTED[action][role];
			it(`${role} × ${action} → ${cell}`, () => {
				const actor = actors[role];
				switch (cell) {
					case 'Y':
						expect(can(actor, action, notDgsn)).toBe(true);
						expect(can(actor, action, restrictedOther)).toBe(true);
						break;
					case 'N':
						expect(can(actor, action, ledByDgsn)).toBe(false);
						expect(can(actor, action, restrictedOwn)).toBe(false);
						expect(can(actor, action)).toBe(false);
						break;
					case 'O':
						expect(can(actor, action, ledByDgsn)).toBe(true);
						expect(can(actor, action, dgsnContributes)).toBe(true);
						expect(can(actor, action, notDgsn)).toBe(false);
						expect(can(actor, action)).toBe(false);
						break;
					case 'E':
						expect(can(actor, action, publicEvidence)).toBe(true);
						expect(can(actor, action, { ...restrictedOwn, reportingInstitutionId: actor.institutionId })).toBe(true);
						expect(can(actor, action, restrictedOther)).toBe(false);
						expect(can(actor, action, { ...restrictedOther, ...ledByDgsn })).toBe(false);
						// public but never validated: only on a measure its institution reports on
						expect(can(actor, action, publicUnvalidated)).toBe(false);
						expect(can(actor, action, { ...publicUnvalidated, ...dgsnContributes })).toBe(true);
						break;
					case 'P':
						expect(can(actor, action, publicEvidence)).toBe(true);
						expect(can(actor, action, publicUnvalidated)).toBe(false);
						expect(can(actor, action, { ...restrictedOwn, reportingInstitutionId: actor.institutionId, validated: true })).toBe(false);
						expect(can(actor, action, restrictedOther)).toBe(false);
						break;
					case 'I':
						expect(can(actor, action, { reportingInstitutionId: actor.institutionId })).toBe(true);
						expect(can(actor, action, { reportingInstitutionId: FAM, ...ledByDgsn })).toBe(false);
						expect(can(actor, action)).toBe(false);
						break;
					case 'G':
						expect(can(actor, action, { partnerInstitutionId: actor.institutionId! })).toBe(true);
						expect(can(actor, action, { partnerInstitutionId: FAM })).toBe(false);
						expect(can(actor, action)).toBe(false);
						break;
					case 'A':
						expect(can(actor, action, { authorId: actor.id + 100 })).toBe(true);
						expect(can(actor, action, { authorId: null })).toBe(true);
						expect(can(actor, action, { authorId: actor.id })).toBe(false);
						break;
				}
			});
		}
	}

	it('refuses everything to a signed-out visitor', () => {
		for (const action of ACTIONS) expect(can(null, action, ledByDgsn)).toBe(false);
	});

	it('refuses measure writes to a focal point without an institution', () => {
		expect(can({ id: 9, role: 'focal_point', institutionId: null }, 'measure.report', ledByDgsn)).toBe(false);
	});
});
