/** What a write of the reporting loop answers: done, refused input, or a conflict with a newer state. */
export type WriteResult<T> =
	| { ok: true; value: T }
	| { ok: false; kind: 'invalid'; errors: Record<string, string> }
	/** someone changed the row since the form was opened: nothing was written; `current` is what is there now */
	| { ok: false; kind: 'conflict'; current: unknown }
	/** the row is in a state that does not allow this (e.g. editing a submitted update) */
	| { ok: false; kind: 'state'; state: string }
	/** the rules refuse this to this user (e.g. deciding on one's own submission); `reason` names the message `err_<reason>` */
	| { ok: false; kind: 'forbidden'; reason: string }
	| { ok: false; kind: 'not_found' };

export const invalid = (errors: Record<string, string>) => ({ ok: false, kind: 'invalid', errors }) as const;
export const conflict = (current: unknown) => ({ ok: false, kind: 'conflict', current }) as const;
export const wrongState = (state: string) => ({ ok: false, kind: 'state', state }) as const;
export const notFound = () => ({ ok: false, kind: 'not_found' }) as const;
export const forbidden = (reason: string) => ({ ok: false, kind: 'forbidden', reason }) as const;

export const nowIso = () => new Date().toISOString();
