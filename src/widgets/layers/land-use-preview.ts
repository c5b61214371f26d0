/**
 * The land-use preview on the page: OpenLayers features for the worker's {@link LandUsePreview}
 * (the input parcels, each coloured by its territorial-space type, and the unit outlines), its
 * styles and its legend rows. Shown from the moment the layers are loaded until the first run's
 * zones replace it.
 */
import { Stroke, Style } from 'ol/style.js';
import { SPACE_TYPES } from '../../engine/index.js';
import type { SpaceType } from '../../engine/index.js';
import type { LandUsePreview } from '../worker/protocol.js';

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

/** Parcel order of a preview grouped by space type: `order[groupStart[b] … groupStart[b+1]]` have byte `b`. */
interface Groups {
  order: Uint32Array;
  groupStart: Uint32Array;
}

function groupByType(spaceType: Uint8Array): Groups {
  const buckets = SPACE_TYPES.length + 1;
  const groupStart = new Uint32Array(buckets + 1);
  for (const b of spaceType) groupStart[b + 1]++;
  for (let b = 0; b < buckets; b++) groupStart[b + 1] += groupStart[b];
  const next = groupStart.slice(0, buckets);
  const order = new Uint32Array(spaceType.length);
  for (let i = 0; i < spaceType.length; i++) order[next[spaceType[i]]++] = i;
  return { order, groupStart };
}

/** Colours of the preview's drawing (CSS colour strings). */
export interface PreviewColours {
  parcelOutline: string;
}

/**
 * Draws the preview's parcels straight from the flat arrays onto a canvas, one path per space
 * type (no OpenLayers features: 10⁵ parcels draw in a fraction of a second). Coordinates must be
 * in the view's projection; `drawPreview` is the `canvasFunction` body of an `ImageCanvas` source.
 */
export class PreviewPainter {
  private readonly groups: Groups;
  readonly extent: [number, number, number, number];

  /** @param coords the preview's coordinates in the view projection (flat x, y pairs). */
  constructor(private readonly preview: LandUsePreview, private readonly coords: Float64Array, private readonly colours: PreviewColours) {
    this.groups = groupByType(preview.spaceType);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < coords.length; i += 2) {
      const x = coords[i], y = coords[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    this.extent = [minX, minY, maxX, maxY];
  }

  /** Draws the parcels of `extent` at `resolution` (map units per CSS pixel) on a canvas of `size` device pixels. */
  draw(canvas: HTMLCanvasElement, extent: number[], resolution: number, pixelRatio: number, size: number[]): HTMLCanvasElement {
    canvas.width = size[0];
    canvas.height = size[1];
    const ctx = canvas.getContext('2d')!;
    const scale = pixelRatio / resolution;
    const x0 = extent[0];
    const y1 = extent[3];
    const { coords } = this;
    const { ringEnds, polygonRings, featurePolygons } = this.preview.geometry;
    const { order, groupStart } = this.groups;
    const colours = [NO_TYPE_COLOUR, ...SPACE_TYPES.map((s) => SPACE_TYPE_COLOURS[s])];
    const outline = resolution < 4;
    ctx.lineWidth = 0.5 * pixelRatio;
    ctx.strokeStyle = this.colours.parcelOutline;
    for (let b = 0; b < colours.length; b++) {
      if (groupStart[b + 1] === groupStart[b]) continue;
      ctx.fillStyle = colours[b];
      // Small paths: one huge path of 10⁵ rings fills far slower than many small ones.
      const CHUNK = 128;
      for (let k0 = groupStart[b]; k0 < groupStart[b + 1]; k0 += CHUNK) {
        ctx.beginPath();
        for (let k = k0; k < Math.min(groupStart[b + 1], k0 + CHUNK); k++) {
          const i = order[k];
          for (let p = featurePolygons[i]; p < featurePolygons[i + 1]; p++) {
            for (let r = polygonRings[p]; r < polygonRings[p + 1]; r++) {
              const start = r === 0 ? 0 : ringEnds[r - 1];
              const end = ringEnds[r];
              if (end - start < 6) continue;
              ctx.moveTo((coords[start] - x0) * scale, (y1 - coords[start + 1]) * scale);
              for (let c = start + 2; c < end; c += 2) ctx.lineTo((coords[c] - x0) * scale, (y1 - coords[c + 1]) * scale);
              ctx.closePath();
            }
          }
        }
        ctx.fill('evenodd');
        if (outline) ctx.stroke();
      }
    }
    return canvas;
  }
}

/** Style of the preview's unit outlines. */
export function previewUnitStyle(outline: string): Style {
  return new Style({ stroke: new Stroke({ color: outline, width: 1.2 }) });
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
