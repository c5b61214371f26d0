/**
 * Land-use and POI category presets: the shipped code tables, code normalisation, and the
 * mappers built from a city's config (METHOD.md §2).
 */
export type { LandUseCodeEntry, LandUseCodeTable } from './land-use-tables.js';
export {
  GBT21010_CODES,
  THIRD_SURVEY_CODES,
  THIRD_SURVEY_EXTRA_CODES,
  OSM_LANDUSE_CODES,
  OSM_PLAIN_VALUE_KEYS,
  EULUC_CODES,
  EULUC_CLASS_CODES,
} from './land-use-tables.js';
export type { LandUsePresetId, LandUseCodeStyle, LandUsePreset } from './land-use-presets.js';
export { LAND_USE_PRESETS, LAND_USE_PRESET_IDS, isLandUsePresetId } from './land-use-presets.js';
export { normaliseLandUseCode } from './normalise-land-use-code.js';
export type { LandUseMapperConfig, LandUseMatch, LandUseMatchVia, LandUseMapper } from './create-land-use-mapper.js';
export { createLandUseMapper } from './create-land-use-mapper.js';
export type { LandUseParcelInput, SummariseLandUseOptions, LandUseTally, LandUseSummary } from './summarise-land-use.js';
export { summariseLandUse } from './summarise-land-use.js';
export { parseOsmOtherTags } from './parse-osm-other-tags.js';
export type { PoiCodeEntry, PoiCodeTable } from './poi-tables.js';
export { AMAP_POI_CODES, OSM_POI_TAGS, OSM_POI_KEYS } from './poi-tables.js';
export type { PoiPresetId, PoiPreset, PoiClassifierConfig, PoiClassifier } from './create-poi-classifier.js';
export { POI_PRESETS, POI_PRESET_IDS, createPoiClassifier } from './create-poi-classifier.js';
