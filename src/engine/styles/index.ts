/** Map palettes and class styles shared by the map element and the exports (QGIS .qml, SLD). */
export {
  DEFAULT_PALETTE, ZONE_COLOURS, ZONE_HATCHES, ZONE_LABELS, SOURCE_RAMP, SINK_RAMP, INDEX_RAMP, parseColour, toHex, rampColour,
} from './palette.js';
export type { HatchHint, MapPalette, Rgba, StyleLang, ZoneStyle } from './palette.js';
export { buildClassStyles, classifyForStyle, defaultStyleField, formatStyleNumber } from './class-styles.js';
export type { CategoryClass, ClassStylesOptions, RangeClass, StyleClass, StyleLayer } from './class-styles.js';
export { writeQml } from './write-qml.js';
export type { StyleWriterOptions } from './write-qml.js';
export { writeSld } from './write-sld.js';
