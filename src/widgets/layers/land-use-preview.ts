/**
 * The land-use preview on the page: OpenLayers features for the worker's {@link LandUsePreview}
 * (the input parcels, each coloured by its territorial-space type, and the unit outlines), its
 * styles and its legend rows. Shown from the moment the layers are loaded until the first run's
 * zones replace it.
 */
import type Feature from 'ol/Feature.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import { SPACE_TYPES } from '../../engine/index.js';
import type { SpaceType } from '../../engine/index.js';
import type { LandUsePreview } from '../worker/protocol.js';
import { ParcelTable } from './parcel-table.js';
import { PARCEL_ROW, buildParcelFeatures } from './parcel-features.js';

/**
 * Fills of the space types in the preview, after the usual colours of Chinese land-use maps
 * (residential yellow, commercial red, industrial purple, public service pink, roads grey,
 * cultivated pale yellow-green, woodland dark green, water blue).
 */
export const SPACE_TYPE_COLOURS: Readonly<Record<SpaceType, string>> = {
  mining: '#8c6d4f',
  industrial: '#a983c4',
  utilities: '#4f81b3',
  'urban-residential': '#f2c14e',
  'rural-homestead': '#e3a96f',
  commercial: '#d9534f',
  'public-service': '#e58fb0',
  'transport-road': '#9a9a9a',
  'transport-rail': '#5f5f5f',
  'transport-water': '#5b9ec9',
  'transport-air': '#a3a3c8',
  cultivated: '#dfe38e',
  'agri-facility': '#bdb76b',
  forest: '#2e7d3a',
  grassland: '#9ccc65',
  water: '#8ecae6',
  unused: '#cfc6b0',
  'green-space': '#5cb85c',
  other: '#c8c8c8',
};

/** Fill of parcels whose code maps to no space type (unmapped or missing). */
export const NO_TYPE_COLOUR = '#ffffff';

/** The space type of a preview parcel's byte (0 → null). */
export function spaceTypeOfByte(b: number): SpaceType | null {
  return b > 0 && b <= SPACE_TYPES.length ? SPACE_TYPES[b - 1] : null;
}

/** Marks a unit-outline feature of the preview. */
export const PREVIEW_UNIT = 'cbmPreviewUnit';

/**
 * Builds the preview's parcel features for parcels `from`…`to` (exclusive); each carries its row
 * (`PARCEL_ROW`) so its style is looked up from the space-type column.
 */
export function buildPreviewParcelFeatures(preview: LandUsePreview, from: number, to: number): Feature[] {
  const table = new ParcelTable({ length: preview.spaceType.length, numbers: {}, values: {} });
  return buildParcelFeatures(preview.geometry, table, from, to);
}

/** Styles per space type (index = the byte of the column), with and without outline, and unit outlines. */
export interface PreviewStyles {
  fill: Style[];
  fillOutlined: Style[];
  unit: Style;
}

/** Styles of the preview: parcel fills (outlined at large scales) and unit outlines drawn above them. */
export function createPreviewStyles(outline: string, parcelOutline: string): PreviewStyles {
  const stroke = new Stroke({ color: parcelOutline, width: 0.5 });
  const colours = [NO_TYPE_COLOUR, ...SPACE_TYPES.map((s) => SPACE_TYPE_COLOURS[s])];
  return {
    fill: colours.map((c) => new Style({ fill: new Fill({ color: c }) })),
    fillOutlined: colours.map((c) => new Style({ fill: new Fill({ color: c }), stroke })),
    unit: new Style({ stroke: new Stroke({ color: outline, width: 1.2 }), zIndex: 1 }),
  };
}

/** The style of a preview feature; parcel outlines only below 4 m per pixel, as in the parcels view. */
export function previewStyle(styles: PreviewStyles, preview: LandUsePreview, feature: { get(key: string): unknown }, resolution: number): Style | undefined {
  if (feature.get(PREVIEW_UNIT)) return styles.unit;
  const row = feature.get(PARCEL_ROW) as number | undefined;
  if (row === undefined) return undefined;
  return (resolution < 4 ? styles.fillOutlined : styles.fill)[preview.spaceType[row]];
}

/** Legend rows of the preview: each space type present, most parcels first, then "no type". */
export function previewLegendRows(preview: LandUsePreview): Array<{ type: SpaceType | null; colour: string; count: number }> {
  const rows = Object.entries(preview.counts)
    .filter(([, n]) => n > 0)
    .map(([k, count]) => {
      const type = k === '' ? null : (k as SpaceType);
      return { type, colour: type ? SPACE_TYPE_COLOURS[type] : NO_TYPE_COLOUR, count };
    });
  return rows.sort((a, b) => (a.type === null ? 1 : 0) - (b.type === null ? 1 : 0) || b.count - a.count);
}
