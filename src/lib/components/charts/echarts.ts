/**
 * The ECharts build the app uses: `echarts/core` with only the charts and components the option
 * builders of `$lib/charts/*` need, drawn as SVG. `<Chart>` imports this module lazily, so
 * ECharts is not in any page's initial JavaScript; the regions' GeoJSON is a further chunk, loaded
 * only by a map.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { MAP_NAME } from '$lib/charts/region-map';

echarts.use([BarChart, LineChart, PieChart, MapChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

export { echarts };

let mapLoaded: Promise<void> | null = null;

/** Registers the 12 regions (© OpenStreetMap contributors, ODbL: see `$lib/geo/SOURCE.md`) once. */
export function ensureRegionsMap(): Promise<void> {
	mapLoaded ??= import('$lib/geo/morocco-regions.geojson?raw').then(({ default: text }) => {
		echarts.registerMap(MAP_NAME, JSON.parse(text));
	});
	return mapLoaded;
}
