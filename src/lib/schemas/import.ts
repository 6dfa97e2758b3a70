/** The spreadsheet import forms: which kind of file, and the dry run an administrator confirms. */
import { z } from 'zod';
import { fileNameSchema } from './common';
import { IMPORT_KINDS } from '../domain/enums';

export { IMPORT_KINDS, type ImportKind } from '../domain/enums';

export const importKind = z.enum(IMPORT_KINDS, { error: 'err_import_kind_unknown' });
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/** The upload: the file itself is read from the form data apart. */
export const importUploadSchema = z.object({ kind: importKind, publicRecord: checkbox });

/** Applying what the dry run showed: the file is the one kept under its hash since the dry run. */
export const importApplySchema = importUploadSchema.extend({
	hash: z.string().regex(/^[0-9a-f]{64}$/, 'err_import_expired'),
	fileName: fileNameSchema
});
