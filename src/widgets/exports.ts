/**
 * Drawing for the element's PNG export (map canvases, legend, title, scale bar) and saving a
 * Blob; the CSV comes from the engine's `writeCsv`, as in the CLI.
 */
import type OlMap from 'ol/Map.js';
import type { LegendItem } from './layers/thematic.js';
import { colourText } from './layers/palette.js';

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

/**
 * Draws the map's title (and a note such as "Generated demo data" under it) in the upper-left
 * corner of a canvas, on a white box so it reads over any basemap.
 */
export function drawTitle(canvas: HTMLCanvasElement, title: string, note: string | null): void {
  const ctx = canvas.getContext('2d')!;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.scale(ratio, ratio);
  const font = 'system-ui, "Noto Sans CJK SC", sans-serif';
  ctx.font = `600 15px ${font}`;
  let w = ctx.measureText(title).width;
  ctx.font = `italic 12px ${font}`;
  if (note) w = Math.max(w, ctx.measureText(note).width);
  const boxW = Math.ceil(w + 16);
  const boxH = note ? 44 : 28;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = '#8c959f';
  ctx.fillRect(8, 8, boxW, boxH);
  ctx.strokeRect(8.5, 8.5, boxW, boxH);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#1f2328';
  ctx.font = `600 15px ${font}`;
  ctx.fillText(title, 16, 22);
  if (note) {
    ctx.fillStyle = '#9a3412';
    ctx.font = `italic 12px ${font}`;
    ctx.fillText(note, 16, 40);
  }
  ctx.restore();
}

/** The longest "round" length (1, 2 or 5 × 10ⁿ m) not longer than `maxM`. */
export function roundScaleLength(maxM: number): number {
  if (!(maxM > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxM));
  return [5, 2, 1].map((k) => k * p).find((v) => v <= maxM) ?? p;
}

/**
 * Draws a scale bar in the lower-right corner: a round length no wider than 120 px at the map's
 * centre, labelled in m or km.
 *
 * @param metresPerPixel - ground metres per CSS pixel at the map's centre.
 */
export function drawScaleBar(canvas: HTMLCanvasElement, metresPerPixel: number, formatNumber: (n: number) => string): void {
  const lengthM = roundScaleLength(120 * metresPerPixel);
  if (!(lengthM > 0)) return;
  const ctx = canvas.getContext('2d')!;
  const ratio = window.devicePixelRatio || 1;
  const px = lengthM / metresPerPixel;
  const label = lengthM >= 1000 ? `${formatNumber(lengthM / 1000)} km` : `${formatNumber(lengthM)} m`;
  ctx.save();
  ctx.scale(ratio, ratio);
  ctx.font = '12px system-ui, "Noto Sans CJK SC", sans-serif';
  const boxW = Math.ceil(Math.max(px, ctx.measureText(label).width) + 16);
  const x = canvas.width / ratio - boxW - 8;
  const y = canvas.height / ratio - 36 - 8;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(x, y, boxW, 36);
  ctx.fillStyle = '#1f2328';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.fillText(label, x + boxW / 2, y + 11);
  const bx = x + (boxW - px) / 2;
  ctx.fillRect(bx, y + 24, px, 4);
  ctx.fillRect(bx, y + 20, 1.5, 10);
  ctx.fillRect(bx + px - 1.5, y + 20, 1.5, 10);
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
