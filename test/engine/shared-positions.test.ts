/**
 * Shared projected positions (spatial/shared-positions.ts) and the chunked network pieces
 * (spatial/network.ts) give the answers of the plain paths they stand in for.
 *
 * - `sharedPositionTransform` answers every position exactly as the wrapped transform does,
 *   0 and -0 apart, a z kept, non-finite members passed through; a repeated position gets the
 *   same array;
 * - `preparePolygonLayer` (which projects through it) keeps the geometry, areas, boxes and
 *   issues that `cleanPolygonalGeometry` gives with the plain transform, feature by feature, on
 *   hand-made cases (holes, a multipolygon, neighbours sharing an edge and a vertex, a hole
 *   touching its shell, a bow tie, a repeated and an unreadable position) and on a generated
 *   tiling;
 * - `cutNetwork` past one chunk of pieces (a line across 40,000 grid cells) lists every piece
 *   in order with its length;
 * - flat line layers: `prepareLineLayer` keeps the lines, features, boxes and issues of the
 *   vertex-array version (projected positions, `lineBBox`), LineString and MultiLineString,
 *   parts with a bad position or under two positions left out, a z, a position that does not
 *   project; `distanceToFlatLine` = `distanceToLine` (zero-length segments, points on lines and
 *   at vertices); `joinLineLayers` = the layers' lines one after the other;
 * - `preparePointLayer` (typed arrays from the start) keeps the points, features and issues of
 *   the array version (MultiPoints past one point per feature, bad positions, other geometries,
 *   no geometry, a keep filter); `GridIndex.of` and `flattenBoxes` give the index and boxes a
 *   fresh build gives, one per box list;
 * - the unit locator's flood fill (the first query in a region of cells no edge comes near
 *   answers for the whole region) gives `unitsCovering`'s answer point for point, on units
 *   whose regions almost touch: a ring-shaped unit with a unit in its hole, a comb with narrow
 *   teeth and gaps, an overlap, stars, a multipolygon, points on borders and vertices.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedPositionTransform } from '../../src/engine/spatial/shared-positions.js';
import { featureId, joinLineLayers, lineAt, lineCount, lineLayerOf, prepareLineLayer, preparePointLayer, preparePolygonLayer } from '../../src/engine/spatial/layers.js';
import type { LineLayer, PolygonLayer, XY } from '../../src/engine/spatial/layers.js';
import { cleanPolygonalGeometry } from '../../src/engine/geometry/hygiene.js';
import { createTransform } from '../../src/engine/crs/index.js';
import { distanceToLine, lineBBox, multiPolygonBBox } from '../../src/engine/geometry/planar.js';
import { distanceToFlatLine, flattenBoxes } from '../../src/engine/geometry/flat.js';
import type { MultiPolygon } from '../../src/engine/geometry/planar.js';
import { cutNetwork } from '../../src/engine/spatial/network.js';
import { indexBBoxes, overlayParcelsOnUnits } from '../../src/engine/spatial/overlay.js';
import { GridIndex } from '../../src/engine/spatial/grid-index.js';
import { UnitLocator, unitsCovering } from '../../src/engine/spatial/unit-locator.js';
import type { Feature, FeatureCollection, Issue } from '../../src/engine/types.js';
import { mulberry32 } from '../support/prng.js';

const toGk = createTransform('EPSG:4326', 'EPSG:4549');

const rng = mulberry32;

describe('sharedPositionTransform', () => {
  test('answers as the wrapped transform, position by position, one array per distinct position', () => {
    const next = rng(1);
    const shared = sharedPositionTransform(toGk, 8); // small: the table grows several times
    const seen: number[][] = [];
    const arrays = new Map<string, number[]>();
    for (let k = 0; k < 20_000; k++) {
      // Half the positions repeat an earlier one (as a fresh array with the same numbers).
      const c = k > 0 && next() < 0.5 ? seen[Math.floor(next() * seen.length)].slice() : [120 + next(), 31 + next()];
      seen.push(c);
      const got = shared(c);
      assert.deepEqual(got, toGk(c), `position ${c}`);
      const key = `${c[0]},${c[1]}`;
      if (arrays.has(key)) assert.equal(got, arrays.get(key), 'the same array for a repeated position');
      else arrays.set(key, got);
    }
  });

  test('tells 0 from -0, passes a z and non-finite members through', () => {
    const calls: number[][] = [];
    const signs: XY = (c) => { calls.push(c); return [Object.is(c[0], -0) ? -1 : 1, Object.is(c[1], -0) ? -1 : 1]; };
    const shared = sharedPositionTransform(signs);
    assert.deepEqual(shared([0, 0]), [1, 1]);
    assert.deepEqual(shared([-0, 0]), [-1, 1]);
    assert.deepEqual(shared([0, -0]), [1, -1]);
    assert.deepEqual(shared([-0, -0]), [-1, -1]);
    assert.deepEqual(shared([0, 0]), [1, 1]);
    assert.equal(calls.length, 4, 'the repeated [0, 0] is answered from the table');
    const z = sharedPositionTransform(toGk);
    assert.deepEqual(z([120.5, 31.5, 12]), toGk([120.5, 31.5, 12]));
    assert.equal(z([120.5, 31.5, 12])[2], 12);
    assert.deepEqual(z([120.5, 31.5]), toGk([120.5, 31.5]), 'the same x, y without z is its own position');
    for (const bad of [[NaN, 31], [120, Infinity], [-Infinity, 31]]) assert.deepEqual(z(bad), toGk(bad));
  });
});

/** The layer preparePolygonLayer made before positions were shared: the plain transform. */
function plainLayer(fc: FeatureCollection, xy: XY): { geoms: MultiPolygon[]; areas: number[]; faults: string[] } {
  const geoms: MultiPolygon[] = [];
  const areas: number[] = [];
  const faults: string[] = [];
  for (const f of fc.features) {
    const g = f.geometry as { type: string; coordinates: unknown };
    const cleaned = cleanPolygonalGeometry(g.type === 'Polygon' ? [g.coordinates] : (g.coordinates as unknown[]), xy);
    faults.push(...cleaned.faults.map((x) => x.code));
    if (cleaned.excluded) continue;
    geoms.push(cleaned.geometry);
    areas.push(cleaned.areaM2);
  }
  return { geoms, areas, faults };
}

const poly = (rings: number[][][]): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } });
const close = (ring: number[][]): number[][] => [...ring, ring[0]];
const sqLL = (x: number, y: number, s: number): number[][] => close([[x, y], [x + s, y], [x + s, y + s], [x, y + s]]);

describe('preparePolygonLayer with shared positions = the plain transform', () => {
  const X = 120.6, Y = 31.3, D = 0.001;
  const handMade: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      poly([sqLL(X, Y, D)]),
      poly([sqLL(X + D, Y, D)]), // shares an edge with the first
      poly([sqLL(X + 2 * D, Y + D, D)]), // shares a vertex with the second
      poly([sqLL(X, Y + 2 * D, 3 * D), sqLL(X + D, Y + 3 * D, D).reverse()]), // a hole
      poly([sqLL(X, Y + 6 * D, 2 * D), close([[X, Y + 6 * D], [X + D, Y + 6.5 * D], [X + 0.5 * D, Y + 7 * D]]).reverse()]), // a hole touching its shell at a vertex
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[sqLL(X + 5 * D, Y, D)], [sqLL(X + 6 * D, Y, D)], [sqLL(X + 5.5 * D, Y + 0.5 * D, D)]] } }, // parts touching and overlapping
      poly([close([[X + 8 * D, Y], [X + 9 * D, Y + D], [X + 9 * D, Y], [X + 8 * D, Y + D]])]), // a bow tie
      poly([close([[X + 10 * D, Y], [X + 11 * D, Y], [X + 11 * D, Y], [X + 11 * D, Y + D], [X + 10 * D, Y + D]])]), // a repeated position
      poly([[[X + 12 * D, Y], [X + 13 * D, Y], [X + 13 * D, Y + D], null as unknown as number[], [X + 12.5 * D, Y + 1.2 * D], [X + 12 * D, Y + D], [X + 12 * D, Y + 0.5 * D], [X + 12 * D, Y + 0.3 * D], [X + 12 * D, Y + 0.2 * D], [X + 12 * D, Y + 0.1 * D], [X + 12 * D, Y]]]), // an unreadable position (dropped)
      poly([close([[-0, 0], [0.001, 0], [0.001, 0.001], [0, 0.001]])]), // -0 and 0 at the origin
      poly([close([[0, 0], [0.001, -0.001], [0.002, 0]])]), // the same origin, +0
    ],
  };

  const same = (fc: FeatureCollection, xy: XY): void => {
    const issues: Issue[] = [];
    const layer: PolygonLayer = preparePolygonLayer('parcels', fc, xy, undefined, issues);
    const plain = plainLayer(fc, xy);
    assert.deepEqual(layer.geoms, plain.geoms);
    assert.deepEqual([...layer.areas], plain.areas);
    assert.deepEqual(layer.bboxes, plain.geoms.map(multiPolygonBBox));
    const codes = new Set(issues.map((i) => i.code));
    for (const code of plain.faults) assert.ok(codes.has(code), `issue ${code}`);
  };

  test('hand-made cases', () => {
    same(handMade, toGk);
    const issues: Issue[] = [];
    const layer = preparePolygonLayer('parcels', handMade, toGk, undefined, issues);
    // Neighbours share one projected array for a shared vertex.
    assert.equal(layer.geoms[0][0][0].find((c) => c === layer.geoms[1][0][0].find((d) => d[0] === c[0] && d[1] === c[1])) !== undefined, true);
    assert.ok(issues.some((i) => i.code === 'geometry-invalid-position-dropped'));
    assert.ok(issues.some((i) => i.code === 'geometry-self-intersection'));
  });

  test('a generated tiling with jittered shared vertices, in lon/lat and with the identity', () => {
    const next = rng(7);
    const n = 30;
    const grid: number[][][] = [];
    for (let i = 0; i <= n; i++) {
      grid.push([]);
      for (let j = 0; j <= n; j++) grid[i].push([120.5 + (i + (i % n ? next() * 0.4 - 0.2 : 0)) * 1e-3, 31.2 + (j + (j % n ? next() * 0.4 - 0.2 : 0)) * 1e-3]);
    }
    const features: Feature[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const ring = [grid[i][j], grid[i + 1][j], grid[i + 1][j + 1], grid[i][j + 1]];
      // Some clockwise, some open, some with a hole, some a midpoint on a neighbour's edge.
      const k = i * n + j;
      let outer = k % 3 === 0 ? ring.slice().reverse() : ring.slice();
      if (k % 7 === 0) outer = [outer[0], [(outer[0][0] + outer[1][0]) / 2, (outer[0][1] + outer[1][1]) / 2], ...outer.slice(1)];
      const rings = [k % 5 === 0 ? outer : close(outer)];
      if (k % 11 === 0) {
        const cx = (ring[0][0] + ring[2][0]) / 2, cy = (ring[0][1] + ring[2][1]) / 2, h = 1e-4;
        rings.push(close([[cx - h, cy - h], [cx - h, cy + h], [cx + h, cy + h], [cx + h, cy - h]]));
      }
      features.push(poly(rings));
    }
    const fc: FeatureCollection = { type: 'FeatureCollection', features };
    same(fc, toGk);
    same(fc, (c) => c.slice());
  });
});

describe('cutNetwork past one chunk of pieces', () => {
  test('a line across 40,000 grid cells gives one piece per cell, in order', () => {
    // One unit and one parcel, 40 km × 10 m; a line along it; 1 m grid cells.
    const X0 = 500_000, Y0 = 3_320_000, L = 40_000;
    const rect: MultiPolygon = [[[[X0, Y0], [X0 + L, Y0], [X0 + L, Y0 + 10], [X0, Y0 + 10]]]];
    const layer = (name: string): PolygonLayer => ({ layer: name, source: [0], ids: ['a'], geoms: [rect], areas: Float64Array.of(L * 10), bboxes: [multiPolygonBBox(rect)], inputCount: 1 });
    const parcels = layer('parcels'), units = layer('units');
    const pieces = overlayParcelsOnUnits(parcels, units);
    const line = [[X0 + 0.25, Y0 + 5], [X0 + L - 0.25, Y0 + 5]];
    const lines: LineLayer = lineLayerOf('roads', [line], Int32Array.of(0), [[line[0][0], Y0 + 5, line[1][0], Y0 + 5]], 1);
    const net = cutNetwork(lines, parcels, new GridIndex(parcels.bboxes), pieces, units, indexBBoxes(units), 1);
    assert.equal(net.line.length, L);
    for (const a of [net.parcel, net.unit, net.col, net.row, net.lengthM]) assert.equal(a.length, L);
    for (let k = 0; k < L; k++) {
      assert.equal(net.col[k], X0 + k, `piece ${k}`);
      assert.equal(net.row[k], Y0 + 5);
      assert.equal(net.line[k], 0);
      assert.equal(net.parcel[k], 0);
      assert.equal(net.unit[k], 0);
      assert.ok(Math.abs(net.lengthM[k] - (k === 0 || k === L - 1 ? 0.75 : 1)) < 1e-6, `length of piece ${k}: ${net.lengthM[k]}`);
    }
    assert.ok(Math.abs(net.inStudyM[0] - (L - 0.5)) < 1e-6);
  });
});

describe('unit locator flood fill = unitsCovering', () => {
  const X0 = 500_000, Y0 = 3_320_000;
  const sq = (x: number, y: number, s: number): number[][] => [[X0 + x, Y0 + y], [X0 + x + s, Y0 + y], [X0 + x + s, Y0 + y + s], [X0 + x, Y0 + y + s]];
  const star = (cx: number, cy: number, r: number, k: number): number[][] => Array.from({ length: 2 * k }, (_, i) => {
    const a = (Math.PI * i) / k, rr = i % 2 ? r / 3 : r;
    return [X0 + cx + rr * Math.cos(a), Y0 + cy + rr * Math.sin(a)];
  });
  // A comb: a spine with teeth 3 m wide and 2 m apart, 200 m long.
  const comb: number[][] = [[X0 + 1000, Y0], [X0 + 1100, Y0]];
  for (let t = 0; t < 20; t++) {
    const x = X0 + 1100 - t * 5;
    comb.push([x, Y0 + 200], [x - 3, Y0 + 200], [x - 3, Y0 + 10]);
  }
  comb.push([X0 + 1000, Y0 + 10]);
  const geoms: MultiPolygon[] = [
    [[sq(0, 0, 900), sq(300, 300, 300).reverse()]], // a ring
    [[sq(310, 310, 280)]], // inside its hole, 10 m from it
    [[comb]],
    [[sq(1100, 0, 400)]], // touches the comb's spine
    [[sq(1400, 300, 300)]], // overlaps the previous
    [[star(2200, 400, 300, 7)]],
    [[sq(1900, 900, 100)], [sq(2100, 900, 100)], [sq(2000, 1000, 100)]], // parts meeting at corners
  ];
  const layer: PolygonLayer = { layer: 'units', source: geoms.map((_, i) => i), ids: geoms.map((_, i) => `u${i}`), geoms, areas: new Float64Array(geoms.length), bboxes: geoms.map(multiPolygonBBox), inputCount: geoms.length };
  const index = indexBBoxes(layer);

  test('random points, lattice points and vertices, in random order', () => {
    const next = rng(3);
    const pts: number[][] = [];
    for (let k = 0; k < 30_000; k++) pts.push([X0 - 100 + next() * 2800, Y0 - 100 + next() * 1400]);
    for (let x = -50; x <= 2600; x += 12.5) for (let y = -50; y <= 1300; y += 12.5) pts.push([X0 + x, Y0 + y]);
    for (const mp of geoms) for (const p of mp) for (const r of p) for (let i = 0; i < r.length; i++) {
      const a = r[i], b = r[(i + 1) % r.length];
      pts.push(a, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
    }
    for (let k = pts.length - 1; k > 0; k--) { const j = Math.floor(next() * (k + 1)); [pts[k], pts[j]] = [pts[j], pts[k]]; }
    for (const order of [pts, pts.slice().reverse()]) {
      const locator = new UnitLocator(layer, index);
      const got: number[] = [], want: number[] = [];
      for (const [x, y] of order) {
        assert.deepEqual(locator.unitsAt(x, y, got), unitsCovering(layer, index, x, y, want), `point ${x - X0}, ${y - Y0}`);
      }
    }
  });
});

describe('flat line layers = vertex arrays', () => {
  const lineFeature = (coordinates: unknown, type = 'LineString'): Feature => ({ type: 'Feature', properties: {}, geometry: { type, coordinates } as never });
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      lineFeature([[120.5, 31.2], [120.51, 31.21], [120.52, 31.2]]),
      lineFeature([[[120.5, 31.3], [120.5, 31.31]], [[120.6, 31.3]], [[120.6, 31.3], [120.6, 31.3], [120.61, 31.29, 7]]], 'MultiLineString'), // a one-position part, a repeated position, a z
      lineFeature([[120.5, 31.2], [null, 31.2]]), // a bad position: the part is left out
      lineFeature([[120.5, 91.5], [120.5, 31.2]]), // does not project: kept as the plain version keeps it
      { type: 'Feature', properties: {}, geometry: null },
      lineFeature([[[120.5, 31.2], [120.5, 31.25]]], 'Polygon'),
      lineFeature([[120.7, 31.4], [120.71, 31.4]]),
    ],
  };

  /** The vertex-array version prepareLineLayer had: projected positions and lineBBox. */
  const plain = (xy: XY): { lines: number[][][]; feature: number[]; bboxes: number[][] } => {
    const lines: number[][][] = [], feature: number[] = [], bboxes: number[][] = [];
    fc.features.forEach((f, i) => {
      const g = f.geometry as { type: string; coordinates: number[][] | number[][][] } | null;
      if (!g) return;
      const parts = g.type === 'LineString' ? [g.coordinates as number[][]] : g.type === 'MultiLineString' ? (g.coordinates as number[][][]) : null;
      if (!parts) return;
      for (const part of parts) {
        if (!part.every((c) => Array.isArray(c) && Number.isFinite(c[0]) && Number.isFinite(c[1]))) continue;
        const line = part.map((c) => xy(c));
        if (line.length < 2) continue;
        lines.push(line); feature.push(i); bboxes.push(lineBBox(line));
      }
    });
    return { lines, feature, bboxes };
  };

  test('prepareLineLayer keeps lines, features, boxes and issues', () => {
    const issues: Issue[] = [];
    const layer = prepareLineLayer('roads', fc, toGk, undefined, issues);
    const want = plain(toGk);
    assert.equal(lineCount(layer), want.lines.length);
    for (let i = 0; i < want.lines.length; i++) assert.deepEqual(lineAt(layer, i), want.lines[i].map((c) => [c[0], c[1]]));
    assert.deepEqual([...layer.feature], want.feature);
    assert.deepEqual(layer.bboxes, want.bboxes);
    assert.deepEqual(issues.map((i) => i.code).sort(), ['feature-bad-coordinates', 'feature-no-geometry', 'feature-not-line']);
    assert.ok(layer.xy.length === 2 * layer.start[lineCount(layer)]);
  });

  test('a segment that starts where the previous ended reuses that projection, exactly', () => {
    const chain: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        lineFeature([[120.5, 31.2], [120.51, 31.21]]),
        lineFeature([[120.51, 31.21], [120.52, 31.2]]), // starts where the previous ended
        lineFeature([[[120.52, 31.2], [120.53, 31.2]], [[120.53, 31.2], [120.54, 31.25]]], 'MultiLineString'),
        lineFeature([[120.54, 31.25, 3], [120.55, 31.25]]), // the same x, y with a z
        lineFeature([[0, 0], [1e-3, -0]]),
        lineFeature([[1e-3, 0], [-0, 0]]), // -0 where the previous ended at +0 ...
        lineFeature([[0, 0], [0, 1e-3]]), // ... and +0 where it ended at -0
        lineFeature([[0, 1e-3], [0, 2e-3]]),
      ],
    };
    const calls: number[][] = [];
    // A transform that tells -0 from 0 and counts its calls.
    const signed: XY = (c) => { calls.push(c); return [Object.is(c[0], -0) ? -7 : c[0] * 1e5 + 0.5, Object.is(c[1], -0) ? -9 : c[1] * 1e5 + 0.25]; };
    const layer = prepareLineLayer('roads', chain, signed, undefined, []);
    const want: number[][][] = [];
    for (const f of chain.features) {
      const g = f.geometry as { type: string; coordinates: number[][] | number[][][] };
      const parts = g.type === 'LineString' ? [g.coordinates as number[][]] : (g.coordinates as number[][][]);
      for (const part of parts) want.push(part.map((c) => signed(c).slice(0, 2)));
    }
    assert.equal(lineCount(layer), want.length);
    for (let i = 0; i < want.length; i++) assert.deepEqual(lineAt(layer, i), want[i], `line ${i}`);
    const positions = want.reduce((a, l) => a + l.length, 0);
    assert.equal(calls.length - positions, positions - 4, 'four starts reused (line 1, both parts of the MultiLineString, the last line); none across a z or a change of sign');
  });

  test('distanceToFlatLine = distanceToLine, bit for bit', () => {
    const next = rng(11);
    const lines: number[][][] = [[[0, 0], [10, 0]], [[0, 0], [0, 0], [5, 5]], [[3, 3], [3, 3]], [[0, 0], [10, 10], [20, 0], [20, 0], [30, 5]]];
    for (let k = 0; k < 50; k++) lines.push(Array.from({ length: 2 + Math.floor(next() * 6) }, () => [500_000 + next() * 100, 3_320_000 + next() * 100]));
    const layer = lineLayerOf('roads', lines, new Int32Array(lines.length), lines.map((l) => lineBBox(l)), lines.length);
    for (let i = 0; i < lines.length; i++) {
      const pts = [...lines[i], [lines[i][0][0] + 1, lines[i][0][1] - 2]];
      for (let k = 0; k < 20; k++) pts.push([lines[i][0][0] + (next() - 0.5) * 60, lines[i][0][1] + (next() - 0.5) * 60]);
      const a = lines[i][0], b = lines[i][1];
      pts.push([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
      for (const [x, y] of pts) assert.equal(distanceToFlatLine(x, y, layer.xy, layer.start[i], layer.start[i + 1]), distanceToLine(x, y, lines[i]), `line ${i}, point ${x}, ${y}`);
    }
  });

  test('joinLineLayers puts the layers one after the other', () => {
    const a = prepareLineLayer('roads', fc, toGk, undefined, []);
    const b = lineLayerOf('rail', [[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10]]], Int32Array.of(0, 1), [[1, 2, 5, 6], [7, 8, 9, 10]], 2);
    const feature = Int32Array.of(...a.feature, ...b.feature);
    const joined = joinLineLayers('roads', [a, b], feature);
    assert.equal(lineCount(joined), lineCount(a) + lineCount(b));
    const want = [...Array.from({ length: lineCount(a) }, (_, i) => lineAt(a, i)), ...Array.from({ length: lineCount(b) }, (_, i) => lineAt(b, i))];
    for (let i = 0; i < want.length; i++) assert.deepEqual(lineAt(joined, i), want[i]);
    assert.deepEqual(joined.bboxes, [...a.bboxes, ...b.bboxes]);
    assert.equal(joined.feature, feature);
  });
});

describe('point layers and shared indexes = fresh builds', () => {
  test('preparePointLayer keeps points, features and issues', () => {
    const next = rng(13);
    const features: Feature[] = [];
    for (let k = 0; k < 400; k++) {
      const kind = k % 9;
      const pt = (): number[] => [120.5 + next() * 0.1, 31.2 + next() * 0.1];
      if (kind === 0) features.push({ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [pt(), pt(), pt(), pt()] } });
      else if (kind === 1) features.push({ type: 'Feature', properties: { id: `b${k}` }, geometry: { type: 'Point', coordinates: [NaN, 31] } });
      else if (kind === 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [pt(), ['x', 1] as unknown as number[], pt()] } });
      else if (kind === 3) features.push({ type: 'Feature', properties: {}, geometry: null });
      else if (kind === 4) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [pt(), pt()] } });
      else features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: kind === 5 ? [...pt(), 9] : pt() } });
    }
    const fc: FeatureCollection = { type: 'FeatureCollection', features };
    const keep = (_f: Feature, i: number): boolean => i % 13 !== 0;
    // The array version preparePointLayer had.
    const xs: number[] = [], ys: number[] = [], feature: number[] = [], codes: string[] = [];
    fc.features.forEach((f, i) => {
      if (!keep(f, i)) return;
      const g = f.geometry;
      if (!g) { codes.push(`feature-no-geometry ${featureId(f, i, 'id')}`); return; }
      const coords = g.type === 'Point' ? [g.coordinates] : g.type === 'MultiPoint' ? g.coordinates : null;
      if (!coords) { codes.push(`feature-not-point ${featureId(f, i, 'id')}`); return; }
      for (const c of coords) {
        if (!(Array.isArray(c) && c.length >= 2 && Number.isFinite(c[0]) && Number.isFinite(c[1]))) { codes.push(`feature-bad-coordinates ${featureId(f, i, 'id')}`); continue; }
        const p = toGk(c);
        xs.push(p[0]); ys.push(p[1]); feature.push(i);
      }
    });
    const issues: Issue[] = [];
    const layer = preparePointLayer('pois', fc, toGk, 'id', issues, keep);
    assert.deepEqual([...layer.xs], xs);
    assert.deepEqual([...layer.ys], ys);
    assert.deepEqual([...layer.feature], feature);
    assert.ok(xs.length > features.length / 2, 'MultiPoints took the arrays past one point per feature');
    assert.deepEqual(issues.map((i) => `${i.code} ${i.featureId}`), codes);
    assert.equal(layer.inputCount, features.length);
  });

  test('GridIndex.of and flattenBoxes: one per box list, as a fresh build', () => {
    const next = rng(17);
    const boxes: [number, number, number, number][] = Array.from({ length: 500 }, () => {
      const x = next() * 1000, y = next() * 1000;
      return [x, y, x + next() * 40, y + next() * 40];
    });
    const shared = GridIndex.of(boxes);
    assert.equal(GridIndex.of(boxes), shared);
    assert.notEqual(GridIndex.of(boxes.slice()), shared);
    const fresh = new GridIndex(boxes);
    assert.deepEqual([...shared.start], [...fresh.start]);
    assert.deepEqual([...shared.items], [...fresh.items]);
    const a: number[] = [], b: number[] = [];
    for (let k = 0; k < 300; k++) {
      const x = next() * 1100 - 50, y = next() * 1100 - 50, w = next() * 80;
      assert.deepEqual(shared.queryBox(x, y, x + w, y + w, a), fresh.queryBox(x, y, x + w, y + w, b));
    }
    const flat = flattenBoxes(boxes);
    assert.equal(flattenBoxes(boxes), flat);
    assert.deepEqual([...flat], boxes.flat());
  });
});
