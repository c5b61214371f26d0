/**
 * Shared helpers of the browser tests: mounting the element with a small generated city,
 * waiting for runs and renders, and reading rendered pixels.
 */
import { expect } from '@open-wc/testing';
import GeoJSON from 'ol/format/GeoJSON.js';
import type Polygon from 'ol/geom/Polygon.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import type { CarbonBalanceMapEventMap } from '../../src/widgets/events.js';
import type { CityConfig, FeatureCollection } from '../../src/engine/index.js';

/** A small demo city: fast enough for tests (about 2 000 parcels, 24 units). */
export const SMALL_CITY = { parcels: 2000, units: 24, pois: 3000, populationPoints: 3000, seed: 7 };

/** Elements mounted by {@link mount}; removed by {@link cleanup}. */
const mounted: HTMLElement[] = [];

export interface MountOptions {
  attributes?: Record<string, string>;
  demoOptions?: Record<string, unknown>;
  /** Inline style of the element (default: a fixed 800 × 500 box). */
  style?: string;
  parent?: HTMLElement;
}

/** Creates an element, appends it, and returns it (no waiting). */
export function create(options: MountOptions = {}): CarbonBalanceMap {
  const el = document.createElement('carbon-balance-map');
  el.demoOptions = options.demoOptions ?? SMALL_CITY;
  for (const [k, v] of Object.entries(options.attributes ?? {})) el.setAttribute(k, v);
  el.setAttribute('style', options.style ?? 'width: 800px; height: 500px; display: block;');
  (options.parent ?? document.body).appendChild(el);
  mounted.push(el);
  return el;
}

/** Resolves with the next event of a type (rejects after `timeoutMs`). */
export function nextEvent<K extends keyof CarbonBalanceMapEventMap>(
  target: EventTarget,
  type: K,
  timeoutMs = 45_000,
): Promise<CarbonBalanceMapEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, on as EventListener);
      reject(new Error(`no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (e: Event): void => {
      clearTimeout(timer);
      target.removeEventListener(type, on as EventListener);
      resolve(e as CarbonBalanceMapEventMap[K]);
    };
    target.addEventListener(type, on as EventListener);
  });
}

/** Mounts an element and waits for its first complete run and render. */
export async function mountAndRun(options: MountOptions = {}): Promise<CarbonBalanceMap> {
  const el = create(options);
  const done = nextEvent(el, 'cbm-run-complete');
  const failed = nextEvent(el, 'cbm-run-error').then((e) => {
    throw new Error(`run failed: ${e.detail.code}: ${e.detail.message}`);
  });
  await Promise.race([done, failed]);
  await el.whenRendered();
  return el;
}

/** Removes every mounted element. */
export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/**
 * The layer canvases of an OpenLayers map composed onto one canvas, each with its CSS transform
 * and opacity, independently of the element's own export code. Every pixel test reads this.
 */
export function composeMapCanvases(map: { getSize(): number[] | undefined; getViewport(): HTMLElement | undefined }, background?: string): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D; ratio: number } {
  const size = map.getSize()!;
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size[0] * ratio);
  canvas.height = Math.round(size[1] * ratio);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  if (background) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  for (const layer of map.getViewport()!.querySelectorAll('canvas')) {
    if (layer.width === 0) continue;
    const opacity = (layer.parentElement as HTMLElement).style.opacity;
    ctx.globalAlpha = opacity === '' ? 1 : Number(opacity);
    const m = /^matrix\(([^)]*)\)$/.exec(layer.style.transform);
    if (m) {
      const [a, b, c, d, e, f] = m[1].split(',').map(Number);
      ctx.setTransform(a, b, c, d, e, f);
    } else {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    }
    ctx.drawImage(layer, 0, 0);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  return { canvas, ctx, ratio };
}

/** The colour at a CSS pixel of the element's map. */
export function pixelAt(el: CarbonBalanceMap, x: number, y: number): [number, number, number, number] {
  const { ctx, ratio } = composeMapCanvases(el.map!);
  const data = ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
  return [data[0], data[1], data[2], data[3]];
}

/** Pixel of a map coordinate (EPSG:3857). */
export function pixelAtCoordinate(el: CarbonBalanceMap, coordinate: number[]): [number, number, number, number] {
  const px = el.map!.getPixelFromCoordinate(coordinate);
  return pixelAt(el, px[0], px[1]);
}

/** `#rrggbb` → [r, g, b]. */
export function hex(h: string): [number, number, number] {
  const n = parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** True when two colours differ by at most `tolerance` in every channel. */
export function near(a: readonly number[], b: readonly number[], tolerance = 3): boolean {
  return [0, 1, 2].every((i) => Math.abs(a[i] - b[i]) <= tolerance);
}

/** Polls `check` every frame until it returns true or `timeoutMs` passes. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (check()) return true;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
  return check();
}

/**
 * The documented default zone fills (docs/element.md), restated here on purpose, once for every
 * test: a change of the defaults must show up as a failing test.
 */
export const ZONE_DEFAULTS: Record<string, string> = {
  'low-carbon-economic': '#228833',
  'carbon-source-control': '#ccbb44',
  'carbon-sink-functional': '#4477aa',
  'high-carbon-optimisation': '#ee6677',
};

const unitFormat = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export interface UnitPoint {
  id: string;
  name: string;
  zone: string | null;
  /** An interior point of the unit (of its first part), EPSG:3857. */
  coordinate: number[];
}

/**
 * Interior points of the units of the element's last run that are on screen (5 px in from the
 * edges). Duck-typed on the element, so it also reads an element of another frame.
 */
export function unitPoints(el: CarbonBalanceMap): UnitPoint[] {
  const size = el.map!.getSize()!;
  const out: UnitPoint[] = [];
  for (const f of unitFormat.readFeatures(el.results!.units)) {
    const g = f.getGeometry() as Polygon | MultiPolygon;
    const poly = g.getType() === 'MultiPolygon' ? (g as MultiPolygon).getPolygon(0) : (g as Polygon);
    const coordinate = poly!.getInteriorPoint().getCoordinates().slice(0, 2);
    const px = el.map!.getPixelFromCoordinate(coordinate);
    if (!px || px[0] < 5 || px[1] < 5 || px[0] > size[0] - 5 || px[1] > size[1] - 5) continue;
    out.push({ id: String(f.get('id')), name: String(f.get('name')), zone: (f.get('zone') as string | null) ?? null, coordinate });
  }
  return out;
}

/** Every zoned unit on screen (more than five of them) is drawn in its zone's documented default fill. */
export function expectZoneFills(el: CarbonBalanceMap): void {
  const points = unitPoints(el).filter((p) => p.zone !== null);
  expect(points.length, 'zoned units on screen').to.be.greaterThan(5);
  for (const p of points) {
    const px = pixelAtCoordinate(el, p.coordinate);
    expect(near(px, hex(ZONE_DEFAULTS[p.zone!])), `${p.name} (${p.zone}) drawn as ${px}`).to.equal(true);
  }
}

/** The two-unit fixture city (test/widgets/fixtures/two-units): its config and layers, freshly parsed. */
export async function twoUnitCity(): Promise<{ config: CityConfig; parcels: FeatureCollection; units: FeatureCollection }> {
  const base = '/test/widgets/fixtures/two-units/';
  const [config, parcels, units] = await Promise.all(['city.json', 'parcels.geojson', 'units.geojson'].map((f) => fetch(base + f).then((r) => r.json())));
  return { config, parcels, units };
}
