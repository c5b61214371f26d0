/**
 * The demo-city generator: a seeded, plausible, clearly labelled synthetic city (config and
 * layers) for the map demo, the CLI's `demo` command, tests and benchmarks.
 */
export { generateDemoCity, DEMO_PARCEL_AREA_M2, DEMO_GDP_TOTAL, DEMO_HOSTILE_MARKUP } from './generate-demo-city.js';
export type { DemoCity, DemoCityOptions } from './generate-demo-city.js';
export { DEMO_LAND_USE_CODES } from './land-use.js';
export type { DemoLandUseCode } from './land-use.js';
export { DEMO_POI_TYPES } from './poi-types.js';
export type { DemoPoiType, DemoPoiPlacement } from './poi-types.js';
export { DEMO_CITY_TOTALS, DEMO_CITY_NAME } from './config.js';
export { DEMO_CITY_CRS_PROJ4, DEMO_CITY_CENTRE } from './frame.js';
export { DEMO_POPULATION_TOTAL } from './points.js';
