/**
 * Coordinate reference systems: bundled definitions, reading CRS names, deciding a layer's CRS,
 * choosing the working metric CRS, transforms, and China's GCJ-02 / BD-09 offsets.
 * Decisions (axis order, CGCS2000 ≈ WGS 84, default CRS, automatic choice): docs/crs.md.
 */
export { describeCrs, getProj4Definition, isKnownCrs, isGeographicCrs, isSameCrs, listBundledCrs } from './definitions.js';
export type { CrsInfo, CrsKind } from './definitions.js';
export { parseCrsName, readLegacyCrsMember } from './parse-crs-name.js';
export { DEFAULT_CRS, resolveLayerCrs, detectProjectedWithoutCrs } from './resolve-layer-crs.js';
export type { CrsSource, LayerCrs, LayerCrsOptions } from './resolve-layer-crs.js';
export { chooseWorkingCrs, isInChinaOutline } from './choose-working-crs.js';
export type { WorkingCrs } from './choose-working-crs.js';
export { createTransform, transformGeometry, transformXYArrayInPlace, hasNonFiniteCoordinates } from './transform.js';
export type { PositionTransform } from './transform.js';
export { fromOffsetToWgs84, toOffsetFromWgs84 } from './offset.js';
export type { OffsetKind } from './offset.js';
