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
import { colourText, NO_TYPE_COLOUR, SPACE_TYPE_COLOURS } from './palette.js';
import type { Palette } from './palette.js';


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
  /** Fill of each space-type byte: `fills[0]` for no type, `fills[b]` for `SPACE_TYPES[b - 1]`. */
  fills: readonly string[];
}

/** The preview's colours from the element's palette (themable: `--cbm-landuse-<type>-fill`). */
export function previewColours(palette: Palette): PreviewColours {
  const text = (key: string, fallback: string): string => {
    const c = palette.get(key);
    return c ? colourText(c) : fallback;
  };
  return {
    parcelOutline: text('parcel-outline', 'rgba(60, 60, 60, 0.25)'),
    fills: [text('landuse:none', NO_TYPE_COLOUR), ...SPACE_TYPES.map((t) => text(`landuse:${t}`, SPACE_TYPE_COLOURS[t]))],
  };
}

/**
 * Draws the preview's parcels straight from the flat arrays onto a canvas, one path per space
 * type (no OpenLayers features: 10⁵ parcels draw in a fraction of a second). Coordinates must be
 * in the view's projection; `drawPreview` is the `canvasFunction` body of an `ImageCanvas` source.
 */
export class PreviewPainter {
  private readonly groups: Groups;
  readonly extent: [number, number, number, number];

  /** Colours of the next drawing (the element swaps them when the page's theme changes). */
  colours: PreviewColours;

  /** @param coords the preview's coordinates in the view projection (flat x, y pairs). */
  constructor(private readonly preview: LandUsePreview, private readonly coords: Float64Array, colours: PreviewColours) {
    this.colours = colours;
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
    const colours = this.colours.fills;
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
export function previewLegendRows(preview: LandUsePreview, colours: PreviewColours): Array<{ type: SpaceType | null; colour: string; count: number }> {
  const rows = Object.entries(preview.counts)
    .filter(([, n]) => n > 0)
    .map(([k, count]) => {
      const type = k === '' ? null : (k as SpaceType);
      return { type, colour: colours.fills[type ? SPACE_TYPES.indexOf(type) + 1 : 0], count };
    });
  return rows.sort((a, b) => (a.type === null ? 1 : 0) - (b.type === null ? 1 : 0) || b.count - a.count);
}
