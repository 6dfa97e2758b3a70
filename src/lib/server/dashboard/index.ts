/**
 * Dashboard read models: the overview, the axis / institution / region / recommendation scorecards,
 * the regional roll-out and the indicator explorer, one module per block:
 *
 * - `snapshot`: the scope of measures, the as-of options and the `snap` CTE every block reads;
 * - `blocks`: how a page's blocks share one statement and come back as JSON read into typed rows;
 * - `kpis`: the key figures and the count awaiting review;
 * - `rollups`: progress by axis / objective / institution / region / pillar (the `Rollup` row itself is in `blocks`);
 * - `measure-tables`: the due-soon / overdue / all tables; `recommendation-coverage`: the recommendations' coverage;
 * - `trend`, `rollout`, `overview`, `scorecards`, `indicator-search`, `explorer`, `map-layer`, `filters`.
 *
 * Every block is grouped SQL over a *snapshot* of the measures in scope, and the blocks of one page
 * share one statement:
 *
 *   WITH snap AS (… each measure in scope: status, progress, last validated update, derived flags …)
 *   SELECT (… block 1 as JSON …) AS kpis, (… block 2 …) AS byAxis, …
 *
 * The snapshot is the measures table itself by default (it carries the latest validated update; a
 * covering index keeps the scan narrow), or, "as of" a date or a reporting period, the latest
 * validated `progress_update` reviewed by then (one search of the covering
 * `(measure_id, state, reviewed_at, period, status, progress)` index per measure; at a semester or
 * a year, `measure_semester_states`, kept by triggers). Each block comes back as a JSON value and is
 * read into typed rows here. The derived flags come from `flagSql`, the SQL mirror of
 * `$lib/domain/status` (same thresholds), or now from the day thresholds the measures keep
 * (`stale_from`, `behind_from`, migration 0029: `storedFlagSql`). Nothing
 * loops over measures in JavaScript and nothing queries once per row.
 *
 * This index only gathers the modules' public read models for the callers that take them as one
 * namespace (`dashboard.overview`, `dashboard.axisScorecard`, … in `read-models.ts`, the exports, the bench).
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
export type { Titles, Names, InstitutionLabel, Rollup } from './blocks';
export * from './snapshot';
export * from './kpis';
export * from './rollups';
export * from './measure-tables';
export * from './recommendation-coverage';
export * from './trend';
export * from './rollout';
export * from './filters';
export * from './overview';
export * from './scorecards';
export * from './indicator-search';
export * from './explorer';
export * from './map-layer';
