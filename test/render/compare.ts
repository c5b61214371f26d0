/** Pixel comparison of the element's map canvases with a render case's expected.png. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';

/** The map's layer canvases composed onto one canvas (each with its CSS transform). */
function composed(el: CarbonBalanceMap): HTMLCanvasElement {
  const map = el.map!;
  const size = map.getSize()!;
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.round(size[0] * ratio);
  out.height = Math.round(size[1] * ratio);
  const ctx = out.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const canvas of map.getViewport()!.querySelectorAll('canvas')) {
    if (canvas.width === 0) continue;
    const m = /^matrix\(([^)]*)\)$/.exec(canvas.style.transform);
    if (m) {
      const [a, b, c, d, e, f] = m[1].split(',').map(Number);
      ctx.setTransform(a, b, c, d, e, f);
    } else ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(canvas, 0, 0);
  }
  return out;
}

async function toBase64(canvas: HTMLCanvasElement): Promise<string> {
  const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * Compares the map with `<dir>/expected.png`. With `update` (UPDATE=1) writes expected.png
 * instead. Writes `<dir>/actual/actual.png` and `diff.png` when pixels differ.
 */
export async function compareWithExpected(el: CarbonBalanceMap, dir: string, update: boolean): Promise<{ differing: number; total: number }> {
  const actual = composed(el);
  if (update) {
    await executeServerCommand('cbm-screenshot', { path: `${dir}/expected.png`, base64: await toBase64(actual) });
    return { differing: 0, total: actual.width * actual.height };
  }
  const response = await fetch(`/${dir}/expected.png`);
  if (!response.ok) throw new Error(`${dir}/expected.png is missing: run UPDATE=1 npm run test:browser and look at it`);
  const bitmap = await createImageBitmap(await response.blob());
  const expected = document.createElement('canvas');
  expected.width = bitmap.width;
  expected.height = bitmap.height;
  const ectx = expected.getContext('2d', { willReadFrequently: true })!;
  ectx.drawImage(bitmap, 0, 0);
  const total = actual.width * actual.height;
  if (bitmap.width !== actual.width || bitmap.height !== actual.height) return { differing: total, total };
  const a = actual.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, actual.width, actual.height).data;
  const e = ectx.getImageData(0, 0, expected.width, expected.height).data;
  const diff = new ImageData(actual.width, actual.height);
  let differing = 0;
  for (let i = 0; i < a.length; i += 4) {
    const off = Math.abs(a[i] - e[i]) > 8 || Math.abs(a[i + 1] - e[i + 1]) > 8 || Math.abs(a[i + 2] - e[i + 2]) > 8;
    if (off) differing++;
    diff.data.set(off ? [255, 0, 255, 255] : [a[i], a[i + 1], a[i + 2], 60], i);
  }
  if (differing > 0) {
    await executeServerCommand('cbm-screenshot', { path: `${dir}/actual/actual.png`, base64: await toBase64(actual) });
    const d = document.createElement('canvas');
    d.width = actual.width;
    d.height = actual.height;
    d.getContext('2d')!.putImageData(diff, 0, 0);
    await executeServerCommand('cbm-screenshot', { path: `${dir}/actual/diff.png`, base64: await toBase64(d) });
  }
  return { differing, total };
}
