import type { ParamMatcher } from '@sveltejs/kit';
import { IMPORT_KINDS, type ImportKind } from '$lib/domain/enums';

/** `[kind=kind]`: a kind of spreadsheet import (values, structure). */
export const match = ((param: string): param is ImportKind => (IMPORT_KINDS as readonly string[]).includes(param)) satisfies ParamMatcher;
