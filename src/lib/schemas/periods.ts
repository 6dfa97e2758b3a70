import { z } from 'zod';
import { idNumber, planDate } from './common';
import { periodCode } from './reporting';

/** The commission opens a reporting period: its code (`2026-S2`), from when focal points report, by when. */
export const openPeriodSchema = z
	.object({ code: periodCode, opensOn: planDate, dueOn: planDate })
	.refine((p) => p.opensOn <= p.dueOn, { path: ['dueOn'], message: 'err_period_due_before_open' });
export type OpenPeriodInput = z.infer<typeof openPeriodSchema>;

/** Closing is destructive for the focal points (no new drafts): the form carries the confirmation box. */
export const closePeriodSchema = z.object({
	id: idNumber,
	version: idNumber,
	confirm: z.literal('yes', { error: 'err_confirm_required' })
});
export type ClosePeriodInput = z.infer<typeof closePeriodSchema>;
