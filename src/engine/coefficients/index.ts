/** The coefficient registry: default factors as data, named factor sets, GWP sets. */
export type { Coefficient, FactorSet, FactorSpecies, FactorStatus, GwpSet } from './types.js';
export { CO2_PER_C } from './fuels.js';
export { M2_PER_HA, SINK_LAND_TYPES, CROP_TYPES, CROP_IDS } from './sinks.js';
export type { SinkLandType, CropType } from './sinks.js';
export { LIVESTOCK_TYPES, LIVESTOCK_IDS } from './agriculture.js';
export type { LivestockType } from './agriculture.js';
export { GWP_SETS, DEFAULT_GWP } from './gwp.js';
export type { GwpSetId } from './gwp.js';
export {
  COEFFICIENTS, PARAMETERS, FACTOR_SETS, DEFAULT_FACTOR_SETS, DEFAULT_CHOICES, DEFAULT_GRID_CODE,
  getCoefficient, getFactorSet, composeFactorSets,
} from './registry.js';
export { resolveFactors } from './resolve-factors.js';
export type { ResolvedFactor, ResolvedFactors, ResolveFactorsOptions, FactorOverride, OverrideApplied } from './resolve-factors.js';
