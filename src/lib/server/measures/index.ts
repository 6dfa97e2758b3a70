/**
 * The measure aggregate, one module per use: a measure's page (`detail`), the list and its filter
 * choices (`list`), the look-ups before a write (`refs`), a focal point's work (`work`).
 */
export * from './detail';
export * from './list';
export * from './refs';
export * from './work';
