/**
 * The dashboard read models as the pages call them: those of `./dashboard`, with the costly ones
 * memoized until the next write (`./read-cache`). `./dashboard` stays the uncached truth (its tests
 * and `bench/` use it directly; the bench times both).
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import * as dashboard from './dashboard';
import { memoize } from './read-cache';

export * from './dashboard';

export const overview = memoize('overview', dashboard.overview);
export const axisScorecard = memoize('axisScorecard', dashboard.axisScorecard);
export const institutionScorecard = memoize('institutionScorecard', dashboard.institutionScorecard);
export const regionScorecard = memoize('regionScorecard', dashboard.regionScorecard);
export const recommendationScorecard = memoize('recommendationScorecard', dashboard.recommendationScorecard);
export const indicatorExplorer = memoize('indicatorExplorer', dashboard.indicatorExplorer);
export const searchIndicators = memoize('searchIndicators', dashboard.searchIndicators);
