/**
 * The demo city's geometry frame: two jittered lattices over one outline, a fine one for parcels
 * and a coarse one for units, built in an abstract square (u, v) ∈ [−1, 1]², warped into an
 * irregular blob, scaled to the target area and placed in the CGCS2000 3° Gauss–Krüger zone of
 * central meridian 120°E (EPSG:4549) around Suzhou; lon/lat come from proj4's exact inverse.
 *
 * Why the tiling is exact: every vertex is stored once and every ring refers to vertices by id,
 * so neighbours share identical coordinates. Along the outline, each ring also carries every
 * outline vertex of the *other* lattice that falls between its own two corners, so the parcels'
 * union, the units' union and the outline are the same vertex sequence after rounding.
 */
import proj4 from 'proj4';
import type { Position } from '../types.js';
import { createRng } from './prng.js';

/** proj4 definition of EPSG:4549 (CGCS2000 / 3-degree Gauss–Kruger CM 120E). */
export const DEMO_CITY_CRS_PROJ4 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

/** Centre of the demo city, lon/lat degrees (Suzhou). */
export const DEMO_CITY_CENTRE: readonly [number, number] = [120.62, 31.3];

const SCALE7 = 1e7;

/** Round degrees to 7 decimals (about 1 cm). */
export function round7(x: number): number {
  return Math.round(x * SCALE7) / SCALE7;
}

const FINE_JITTER = 0.22;
const COARSE_JITTER = 0.28;
const WIGGLES = 3;

export interface FrameOptions {
  seed: number;
  /** Fine lattice cells along u and v. */
  nx: number;
  ny: number;
  /** Coarse lattice cells along u and v. */
  mx: number;
  my: number;
  /** Target area of the outline, m². */
  areaM2: number;
}

export interface Frame {
  nx: number;
  ny: number;
  mx: number;
  my: number;
  /** Abstract coordinates of each vertex. */
  u: Float64Array;
  v: Float64Array;
  /** Metric coordinates (EPSG:4549 easting / northing, m). */
  x: Float64Array;
  y: Float64Array;
  /** Rounded lon/lat degrees. */
  lon: Float64Array;
  lat: Float64Array;
  /** Vertex id of fine lattice vertex (i, j), 0 ≤ i ≤ nx, 0 ≤ j ≤ ny. */
  fineId(i: number, j: number): number;
  coarseId(i: number, j: number): number;
  /** Ids strictly between fine vertices (i, j) and (i + 1, j), in that direction. */
  fineH(i: number, j: number): readonly number[];
  /** Ids strictly between fine vertices (i, j) and (i, j + 1), in that direction. */
  fineV(i: number, j: number): readonly number[];
  coarseH(i: number, j: number): readonly number[];
  coarseV(i: number, j: number): readonly number[];
  /** Closed outline ring of vertex ids, counter-clockwise. */
  outline: number[];
  /** Metric → rounded lon/lat. */
  toLonLat(x: number, y: number): Position;
  /** Metric position of an abstract point (the same warp as the vertices). */
  warp(u: number, v: number): [number, number];
}

/** Build the frame; see the file comment. */
export function buildFrame(opts: FrameOptions): Frame {
  const { nx, ny, mx, my } = opts;
  const rng = createRng(opts.seed, 1);
  const nFine = (nx + 1) * (ny + 1);
  const nCoarseNew = (mx + 1) * (my + 1) - 4;
  const nWiggle = WIGGLES * (mx * (my - 1) + my * (mx - 1));
  const total = nFine + nCoarseNew + nWiggle;
  const u = new Float64Array(total);
  const v = new Float64Array(total);

  // Fine lattice. Boundary vertices slide only along their side; corners stay put.
  const du = 2 / nx;
  const dv = 2 / ny;
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const id = i + j * (nx + 1);
      const ju = (rng.next() * 2 - 1) * FINE_JITTER * du;
      const jv = (rng.next() * 2 - 1) * FINE_JITTER * dv;
      u[id] = i === 0 ? -1 : i === nx ? 1 : -1 + i * du + ju;
      v[id] = j === 0 ? -1 : j === ny ? 1 : -1 + j * dv + jv;
    }
  }
  const fineId = (i: number, j: number): number => i + j * (nx + 1);

  // Coarse lattice: new ids except at the four corners, which are the fine corners.
  const cu = 2 / mx;
  const cv = 2 / my;
  const coarseIds = new Int32Array((mx + 1) * (my + 1));
  let next = nFine;
  for (let j = 0; j <= my; j++) {
    for (let i = 0; i <= mx; i++) {
      const corner = (i === 0 || i === mx) && (j === 0 || j === my);
      const ju = (rng.next() * 2 - 1) * COARSE_JITTER * cu;
      const jv = (rng.next() * 2 - 1) * COARSE_JITTER * cv;
      if (corner) {
        coarseIds[i + j * (mx + 1)] = fineId(i === 0 ? 0 : nx, j === 0 ? 0 : ny);
        continue;
      }
      const id = next++;
      coarseIds[i + j * (mx + 1)] = id;
      u[id] = i === 0 ? -1 : i === mx ? 1 : -1 + i * cu + ju;
      v[id] = j === 0 ? -1 : j === my ? 1 : -1 + j * cv + jv;
    }
  }
  const coarseId = (i: number, j: number): number => coarseIds[i + j * (mx + 1)];

  // Sides of the square: 0 bottom (t = u), 1 right (t = v), 2 top (t = u), 3 left (t = v).
  const sideT = (side: number, id: number): number => (side === 0 || side === 2 ? u[id] : v[id]);
  const sides: Array<{ t: number[]; id: number[] }> = [];
  for (let side = 0; side < 4; side++) {
    const fine: number[] = [];
    const coarse: number[] = [];
    if (side === 0 || side === 2) {
      const j = side === 0 ? 0 : ny;
      const cj = side === 0 ? 0 : my;
      for (let i = 0; i <= nx; i++) fine.push(fineId(i, j));
      for (let i = 1; i < mx; i++) coarse.push(coarseId(i, cj));
    } else {
      const i = side === 3 ? 0 : nx;
      const ci = side === 3 ? 0 : mx;
      for (let j = 0; j <= ny; j++) fine.push(fineId(i, j));
      for (let j = 1; j < my; j++) coarse.push(coarseId(ci, j));
    }
    const step = side === 0 || side === 2 ? du : dv;
    // Nudge a coarse outline vertex that falls within 2 % of a fine step of a fine one.
    for (const id of coarse) {
      for (const f of fine) {
        const d = sideT(side, id) - sideT(side, f);
        if (Math.abs(d) < 0.02 * step) {
          const shift = (d >= 0 ? 1 : -1) * 0.05 * step;
          if (side === 0 || side === 2) u[id] = sideT(side, f) + shift;
          else v[id] = sideT(side, f) + shift;
        }
      }
    }
    const all = fine.concat(coarse).sort((a, b) => sideT(side, a) - sideT(side, b));
    sides.push({ t: all.map((id) => sideT(side, id)), id: all });
  }

  const between = (side: number, ta: number, tb: number): number[] => {
    const s = sides[side];
    const lo = Math.min(ta, tb);
    const hi = Math.max(ta, tb);
    // First index with t > lo.
    let a = 0;
    let b = s.t.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (s.t[m] <= lo) a = m + 1; else b = m;
    }
    const out: number[] = [];
    for (let k = a; k < s.t.length && s.t[k] < hi; k++) out.push(s.id[k]);
    return ta <= tb ? out : out.reverse();
  };

  // Wiggle points on interior coarse edges, so unit borders are not straight lines.
  const hW: number[][] = new Array(mx * (my + 1));
  const vW: number[][] = new Array((mx + 1) * my);
  for (let j = 1; j < my; j++) {
    for (let i = 0; i < mx; i++) hW[i + j * mx] = wiggle(coarseId(i, j), coarseId(i + 1, j));
  }
  for (let j = 0; j < my; j++) {
    for (let i = 1; i < mx; i++) vW[i + j * (mx + 1)] = wiggle(coarseId(i, j), coarseId(i, j + 1));
  }
  function wiggle(a: number, b: number): number[] {
    const ids: number[] = [];
    const ex = u[b] - u[a];
    const ey = v[b] - v[a];
    for (let k = 1; k <= WIGGLES; k++) {
      const t = k / (WIGGLES + 1) + (rng.next() - 0.5) * 0.08;
      const off = (rng.next() * 2 - 1) * 0.07;
      const id = next++;
      u[id] = u[a] + ex * t - ey * off;
      v[id] = v[a] + ey * t + ex * off;
      ids.push(id);
    }
    return ids;
  }

  const EMPTY: readonly number[] = [];
  const fineH = (i: number, j: number): readonly number[] =>
    j === 0 ? between(0, u[fineId(i, 0)], u[fineId(i + 1, 0)]) : j === ny ? between(2, u[fineId(i, ny)], u[fineId(i + 1, ny)]) : EMPTY;
  const fineV = (i: number, j: number): readonly number[] =>
    i === 0 ? between(3, v[fineId(0, j)], v[fineId(0, j + 1)]) : i === nx ? between(1, v[fineId(nx, j)], v[fineId(nx, j + 1)]) : EMPTY;
  const coarseH = (i: number, j: number): readonly number[] =>
    j === 0 ? between(0, u[coarseId(i, 0)], u[coarseId(i + 1, 0)]) : j === my ? between(2, u[coarseId(i, my)], u[coarseId(i + 1, my)]) : hW[i + j * mx];
  const coarseV = (i: number, j: number): readonly number[] =>
    i === 0 ? between(3, v[coarseId(0, j)], v[coarseId(0, j + 1)]) : i === mx ? between(1, v[coarseId(mx, j)], v[coarseId(mx, j + 1)]) : vW[i + j * (mx + 1)];

  // Outline: bottom left→right, right bottom→top, top right→left, left top→bottom.
  const outline: number[] = [...sides[0].id];
  outline.push(...sides[1].id.slice(1));
  outline.push(...sides[2].id.slice(0, -1).reverse());
  outline.push(...sides[3].id.slice(1, -1).reverse());
  outline.push(outline[0]);

  // Warp: half-way from the square to a disc (elliptical grid mapping), then a seeded
  // low-frequency radial wobble, then a mild east–west stretch. Each step preserves
  // orientation (positive Jacobian), so the lattices stay valid tilings.
  const wr = createRng(opts.seed, 2);
  const a1 = wr.range(0.04, 0.07);
  const a2 = wr.range(0.03, 0.05);
  const a3 = wr.range(0.015, 0.03);
  const p1 = wr.range(0, 2 * Math.PI);
  const p2 = wr.range(0, 2 * Math.PI);
  const p3 = wr.range(0, 2 * Math.PI);
  const stretch = 1.12;
  const blend = 0.45;
  const rawWarp = (uu: number, vv: number): [number, number] => {
    const dx = uu * Math.sqrt(Math.max(0, 1 - (vv * vv) / 2));
    const dy = vv * Math.sqrt(Math.max(0, 1 - (uu * uu) / 2));
    const p0 = (1 - blend) * uu + blend * dx;
    const q0 = (1 - blend) * vv + blend * dy;
    const th = Math.atan2(q0, p0);
    const f = 1 + a1 * Math.sin(2 * th + p1) + a2 * Math.sin(3 * th + p2) + a3 * Math.sin(5 * th + p3);
    return [p0 * f * stretch, (q0 * f) / stretch];
  };
  const px = new Float64Array(total);
  const py = new Float64Array(total);
  for (let id = 0; id < total; id++) {
    const [p, q] = rawWarp(u[id], v[id]);
    px[id] = p;
    py[id] = q;
  }
  let area2 = 0;
  for (let k = 0; k + 1 < outline.length; k++) {
    const a = outline[k];
    const b = outline[k + 1];
    area2 += px[a] * py[b] - px[b] * py[a];
  }
  const scale = Math.sqrt(opts.areaM2 / (area2 / 2));

  const toGeo = proj4(DEMO_CITY_CRS_PROJ4, 'EPSG:4326');
  const [e0, n0] = proj4('EPSG:4326', DEMO_CITY_CRS_PROJ4).forward([DEMO_CITY_CENTRE[0], DEMO_CITY_CENTRE[1]]);
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  const lon = new Float64Array(total);
  const lat = new Float64Array(total);
  for (let id = 0; id < total; id++) {
    x[id] = e0 + scale * px[id];
    y[id] = n0 + scale * py[id];
    const g = toGeo.forward([x[id], y[id]]);
    lon[id] = round7(g[0]);
    lat[id] = round7(g[1]);
  }
  const toLonLat = (xx: number, yy: number): Position => {
    const g = toGeo.forward([xx, yy]);
    return [round7(g[0]), round7(g[1])];
  };
  const warp = (uu: number, vv: number): [number, number] => {
    const [p, q] = rawWarp(uu, vv);
    return [e0 + scale * p, n0 + scale * q];
  };

  return { nx, ny, mx, my, u, v, x, y, lon, lat, fineId, coarseId, fineH, fineV, coarseH, coarseV, outline, toLonLat, warp };
}
