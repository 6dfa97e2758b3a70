/**
 * The whole domain model of design.md as drizzle tables, one module per section; one migrations folder.
 * A new table goes in the module of its aggregate (or a new one, exported here).
 *
 * Conventions:
 * - Plan content is stored per language (`*_fr`, `*_ar`, `*_en`); French is required, the others
 *   fall back to French in the UI (see `$lib/domain/i18n-content`).
 * - Dates are ISO `YYYY-MM-DD` text, instants are ISO-8601 UTC text: both sort and compare as text in SQL.
 * - Every row users edit carries `version` for optimistic concurrency.
 * - `is_demo` marks generated demonstration rows; `sources` holds the public sources (JSON array of
 *   `{ title, url, date }`) of the rows that come from the public record.
 */
export * from './reference';
export * from './plan';
export * from './indicators';
export * from './recommendations';
export * from './reporting';
export * from './partners';
export * from './accounts';

import type { regions, institutions } from './reference';
import type { plans, axes, objectives, measures } from './plan';
import type { indicators, indicatorValues } from './indicators';
import type { recommendations } from './recommendations';
import type { progressUpdates } from './reporting';
import type { users, sessions } from './accounts';

export type Region = typeof regions.$inferSelect;
export type Institution = typeof institutions.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type Axis = typeof axes.$inferSelect;
export type Objective = typeof objectives.$inferSelect;
export type Measure = typeof measures.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type IndicatorValue = typeof indicatorValues.$inferSelect;
export type Recommendation = typeof recommendations.$inferSelect;
export type ProgressUpdate = typeof progressUpdates.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
