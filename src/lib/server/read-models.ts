/**
 * The dashboard read models as the pages call them: those of `./dashboard`, with the costly ones
 * memoized until the next write (`./read-cache`), and the axis page of the plan browser (its
 * objectives and first measures). `./dashboard` and `./plan` stay the uncached truth (their tests
 * and `bench/` use them directly; the bench times both).
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import * as dashboard from './dashboard';
import * as plan from './plan';
import { memoize } from './read-cache';

export * from './dashboard';

export const overview = memoize('overview', dashboard.overview);
export const axisScorecard = memoize('axisScorecard', dashboard.axisScorecard);
export const institutionScorecard = memoize('institutionScorecard', dashboard.institutionScorecard);
export const regionScorecard = memoize('regionScorecard', dashboard.regionScorecard);
export const recommendationScorecard = memoize('recommendationScorecard', dashboard.recommendationScorecard);
export const indicatorExplorer = memoize('indicatorExplorer', dashboard.indicatorExplorer);
export const searchIndicators = memoize('searchIndicators', dashboard.searchIndicators);
export const regionalIndicators = memoize('regionalIndicators', dashboard.regionalIndicators);
export const mapIndicatorLayer = memoize('mapIndicatorLayer', dashboard.mapIndicatorLayer);
export const getAxis = memoize('getAxis', plan.getAxis);
