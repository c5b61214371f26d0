/**
 * The registry of shipped land-use presets: which table each preset name uses and how its codes
 * are written (which decides how a raw value is normalised before lookup).
 */
import type { LandUseCodeTable } from './land-use-tables.js';
import { EULUC_CLASS_CODES, EULUC_CODES, GBT21010_CODES, OSM_LANDUSE_CODES, THIRD_SURVEY_CODES } from './land-use-tables.js';

/**
 * Shipped land-use presets. `euluc-class` is the 0–10 integer scheme of some EULUC-China
 * extracts, kept apart from `euluc` because the two schemes give the same small numbers
 * different meanings (see {@link EULUC_CLASS_CODES}).
 */
export type LandUsePresetId = 'gbt21010' | 'third-survey' | 'osm' | 'euluc' | 'euluc-class';

/**
 * How a preset's codes are written:
 * - `gb`: Chinese classification codes (`0101`, `08H2A`): upper case, leading zero restored;
 * - `osm`: OpenStreetMap tags (`landuse=forest` or a bare `forest`): lower case;
 * - `integer`: small class numbers (`0`–`10`): leading zeros and a `.0` dropped.
 */
export type LandUseCodeStyle = 'gb' | 'osm' | 'integer';

/** One shipped land-use preset. */
export interface LandUsePreset {
  readonly id: LandUsePresetId;
  /** Display name. */
  readonly label: string;
  /** One sentence on what the classification is and where its codes come from. */
  readonly description: string;
  readonly style: LandUseCodeStyle;
  /** Normalised code → row. */
  readonly codes: LandUseCodeTable;
}

/** Every shipped land-use preset by id; the UI lists these and pre-fills overrides from `codes`. */
export const LAND_USE_PRESETS: Readonly<Record<LandUsePresetId, LandUsePreset>> = Object.freeze({
  gbt21010: Object.freeze({
    id: 'gbt21010',
    label: 'GB/T 21010-2017',
    description: 'China\'s Current Land Use Classification (土地利用现状分类), first-level 01–12 and second-level 0101–1207 codes.',
    style: 'gb',
    codes: GBT21010_CODES,
  }),
  'third-survey': Object.freeze({
    id: 'third-survey',
    label: 'Third National Land Survey',
    description: 'The working classification of China\'s Third National Land Survey (三调工作分类): GB/T 21010-2017 plus 00, 05H1, 0508, 08H1, 08H2, A/K sub-codes and the urban–village codes 201–205.',
    style: 'gb',
    codes: THIRD_SURVEY_CODES,
  }),
  osm: Object.freeze({
    id: 'osm',
    label: 'OpenStreetMap',
    description: 'OpenStreetMap area tags (landuse, natural, leisure, amenity, …), written key=value or as a bare value.',
    style: 'osm',
    codes: OSM_LANDUSE_CODES,
  }),
  euluc: Object.freeze({
    id: 'euluc',
    label: 'EULUC-China',
    description: 'Essential Urban Land Use Categories for China, level I (01–05) and level II (0101–0505) codes.',
    style: 'gb',
    codes: EULUC_CODES,
  }),
  'euluc-class': Object.freeze({
    id: 'euluc-class',
    label: 'EULUC-China classes 0–10',
    description: 'EULUC-China level II as integer classes 0–10 in level-II order without roads (0 residential … 10 park and green space).',
    style: 'integer',
    codes: EULUC_CLASS_CODES,
  }),
});

/** Ids of {@link LAND_USE_PRESETS}, in display order. */
export const LAND_USE_PRESET_IDS: readonly LandUsePresetId[] = Object.freeze(['gbt21010', 'third-survey', 'osm', 'euluc', 'euluc-class']);

/** Whether `value` names a shipped land-use preset. */
export function isLandUsePresetId(value: unknown): value is LandUsePresetId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(LAND_USE_PRESETS, value);
}
