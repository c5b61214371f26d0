/**
 * Exports of the element's results: GeoJSON, CSV (UTF-8 with BOM, so spreadsheet programs read
 * Chinese names correctly), a PNG of the map with its legend, and the run report.
 */
import type { Feature, FeatureCollection } from '../engine/index.js';
import type OlMap from 'ol/Map.js';
import type { LegendItem } from './layers/thematic.js';
import { colourText } from './layers/palette.js';

/** The UTF-8 byte-order mark. */
export const BOM = '\uFEFF';

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Quote when needed; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The properties of a collection's features as CSV text (with BOM), one column per property. */
export function featuresToCsv(fc: FeatureCollection): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const f of fc.features) {
    for (const k of Object.keys(f.properties ?? {})) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  const lines = [columns.map(csvCell).join(',')];
  for (const f of fc.features) lines.push(columns.map((c) => csvCell((f as Feature).properties?.[c])).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** Draws every layer canvas of a map onto one canvas (over `background`), applying each canvas's CSS transform. */
export function composeMapCanvas(map: OlMap, background = 'rgba(0,0,0,0)'): HTMLCanvasElement {
  const size = map.getSize() ?? [0, 0];
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.round(size[0] * ratio);
  out.height = Math.round(size[1] * ratio);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  const viewport = map.getViewport();
  viewport?.querySelectorAll<HTMLCanvasElement>('.ol-layer canvas, canvas.ol-layer').forEach((canvas) => {
    if (canvas.width === 0 || canvas.height === 0) return;
    const parent = canvas.parentElement as HTMLElement | null;
    const opacity = parent?.style.opacity || canvas.style.opacity;
    ctx.globalAlpha = opacity === '' || opacity === undefined ? 1 : Number(opacity);
    const transform = canvas.style.transform;
    const m = /^matrix\(([^)]*)\)$/.exec(transform);
    if (m) {
      const [a, b, c, d, e, f] = m[1].split(',').map(Number);
      ctx.setTransform(a, b, c, d, e, f);
    } else {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    }
    ctx.drawImage(canvas, 0, 0);
  });
  ctx.globalAlpha = 1;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return out;
}

/** Draws a legend box in the lower-left corner of a canvas. */
export function drawLegend(canvas: HTMLCanvasElement, title: string, items: readonly LegendItem[], countText: (n: number) => string): void {
  const ctx = canvas.getContext('2d')!;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.scale(ratio, ratio);
  const font = '12px system-ui, "Noto Sans CJK SC", sans-serif';
  ctx.font = `600 ${font}`;
  const lineH = 18;
  let w = ctx.measureText(title).width;
  ctx.font = font;
  for (const it of items) w = Math.max(w, 22 + ctx.measureText(`${it.label}  ${countText(it.count)}`).width);
  const boxW = Math.ceil(w + 16);
  const boxH = lineH * (items.length + 1) + 10;
  const x = 8;
  const y = canvas.height / ratio - boxH - 8;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = '#8c959f';
  ctx.fillRect(x, y, boxW, boxH);
  ctx.strokeRect(x + 0.5, y + 0.5, boxW, boxH);
  ctx.fillStyle = '#1f2328';
  ctx.font = `600 ${font}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, x + 8, y + 5 + lineH / 2);
  ctx.font = font;
  items.forEach((it, i) => {
    const cy = y + 5 + lineH * (i + 1) + lineH / 2;
    ctx.fillStyle = colourText(it.colour);
    ctx.fillRect(x + 8, cy - 6, 14, 12);
    ctx.strokeStyle = 'rgba(0,0,0,0.35)';
    ctx.strokeRect(x + 8.5, cy - 5.5, 13, 11);
    ctx.fillStyle = '#1f2328';
    ctx.fillText(`${it.label}  ${countText(it.count)}`, x + 28, cy);
  });
  ctx.restore();
}

/** Saves a Blob under a file name through a temporary link in the given root. */
export function saveBlob(root: ShadowRoot | HTMLElement, blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  root.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
