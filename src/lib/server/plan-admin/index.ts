/**
 * Editing the plan's structure by hand (admin, commission): the same row schemas and checks as the
 * structure import (one item is a one-row import, so both refuse the same things), plus what only an
 * editor does: move a measure to another objective under a new code (the former code still leads to
 * it), link and unlink recommendations, and remove — delete what has no reported data, archive the rest.
 */
export * from './levels';
export * from './read';
export * from './items';
export * from './removal';
export * from './structure-edits';
