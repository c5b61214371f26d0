/**
 * Public API of the headless engine: pure functions over plain data, no DOM, no OpenLayers.
 * Runs unchanged in Node, a browser page and a Web Worker.
 */
export * from './types.js';
export type * from './config/types.js';
export type * from './run-types.js';
export { SUBSECTORS, subsectorSpec } from './method.js';
export type { PoolSpec, SubsectorSpec, WeightRule } from './method.js';
export { MESSAGES, makeIssue } from './messages/index.js';
export { run, runSync, checkLayerBindings, ConfigError } from './run.js';
export { validateConfig, resolveConfig, roadClassWeight, CONFIG_SCHEMA, DEFAULT_ROAD_CLASS_WEIGHTS, configToJsonSchema, listSettings } from './config/index.js';
export type { ResolvedConfig } from './config/index.js';
export { computeInventory, summariseSectors } from './inventory/index.js';
export type { InventoryResult, InventoryLine, InventoryContext, InventoryOptions } from './inventory/index.js';
export { computeBalance } from './balance/index.js';
export type { BalanceInput, BalanceOptions, BalanceResult, UnitBalance, BalanceReason } from './balance/index.js';
export { classify, classIndex } from './classify/index.js';
export type { Classification, ClassifyMethod, ClassifyOptions } from './classify/index.js';
export {
  LAND_USE_PRESETS, LAND_USE_PRESET_IDS, POI_PRESETS, POI_PRESET_IDS, createLandUseMapper, createPoiClassifier, normaliseLandUseCode,
  parseOsmOtherTags, summariseLandUse,
} from './presets/index.js';
export type { LandUseMapper, LandUseMatch, LandUsePresetId, PoiPresetId } from './presets/index.js';
export {
  chooseWorkingCrs, createTransform, describeCrs, fromOffsetToWgs84, isKnownCrs, parseCrsName, readLegacyCrsMember, resolveLayerCrs, transformGeometry,
} from './crs/index.js';
export type { WorkingCrs, CrsInfo } from './crs/index.js';
export {
  COEFFICIENTS, FACTOR_SETS, DEFAULT_FACTOR_SETS, GWP_SETS, DEFAULT_GWP, getCoefficient, getFactorSet, resolveFactors,
} from './coefficients/index.js';
export type * from './inventory/activity.js';
export { withoutUnreadablePositions } from './geometry/hygiene.js';
export { generateDemoCity } from './demo-city/index.js';
export type { DemoCity, DemoCityOptions } from './demo-city/index.js';
export * from './io/readers/index.js';
export * from './io/formats/index.js';
export * from './styles/index.js';
