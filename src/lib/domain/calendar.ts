/**
 * Calendar days as the commission counts them: in Morocco's time zone, whatever the server's clock
 * says. A due date is a calendar day (`YYYY-MM-DD`); "days left" is counted between calendar days,
 * so 23:30 UTC on the 30th can already be the 1st in Casablanca.
 */

export const PLAN_TIME_ZONE = 'Africa/Casablanca';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (`YYYY-MM-DD`) of instant `at` in Africa/Casablanca. */
export function localDay(at: Date = new Date()): string {
	const parts = Object.fromEntries(dayFormat.formatToParts(at).map((p) => [p.type, p.value]));
	return `${parts.year}-${parts.month}-${parts.day}`;
}

const dayNumber = (isoDay: string) => Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) / 86_400_000;

/** Whole days from `today` to `due` (both `YYYY-MM-DD`): 0 on the due day, negative once it has passed. */
export function daysUntil(due: string, today: string): number {
	return Math.round(dayNumber(due) - dayNumber(today));
}

/** The day `n` days after `day` (`YYYY-MM-DD`). */
export function addDays(day: string, n: number): string {
	return new Date((dayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The UTC instant (ISO) at which calendar day `day` begins in Africa/Casablanca: a report is on time
 * when it was submitted before the day after its due date begins there (UTC+1, or UTC during Ramadan).
 */
export function startOfDayUtc(day: string): string {
	const guess = dayNumber(day) * 86_400_000;
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone: PLAN_TIME_ZONE,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit'
		})
			.formatToParts(new Date(guess))
			.map((p) => [p.type, p.value])
	);
	const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
	return new Date(guess - (wall - guess)).toISOString();
}
