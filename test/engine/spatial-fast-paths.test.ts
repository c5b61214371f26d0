/**
 * The fast paths of the spatial stages give the answers of the plain tests they stand in for:
 * flat-array point-in-polygon = planar.ts, the unit locator's grid = an R-tree search and a
 * point-in-polygon test per unit, point for point (inside, outside, on an edge, on a vertex,
 * within the on-edge tolerance, in a hole, in two overlapping units).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ON_EDGE_TOLERANCE_M, multiPolygonBBox, multiPolygonCoversPoint, pointInRing } from '../../src/engine/geometry/planar.js';
import type { MultiPolygon } from '../../src/engine/geometry/planar.js';
import { flatCoversPoint, flatPointInRing, flattenPolygons } from '../../src/engine/geometry/flat.js';
import type { PolygonLayer } from '../../src/engine/spatial/layers.js';
import { indexBBoxes, intersectMultiPolygons, overlayPolygons } from '../../src/engine/spatial/overlay.js';
import { multiPolygonArea } from '../../src/engine/geometry/planar.js';
import { UnitLocator, unitsCovering } from '../../src/engine/spatial/unit-locator.js';
import { GridIndex } from '../../src/engine/spatial/grid-index.js';
import { assignPointsToParcels, countDuplicatePositions } from '../../src/engine/spatial/points.js';
import type { PointLayer } from '../../src/engine/spatial/layers.js';
import { mulberry32 } from '../support/prng.js';

const X0 = 500_000, Y0 = 3_320_000;
const sq = (x: number, y: number, s: number): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];

function layerOf(geoms: MultiPolygon[]): PolygonLayer {
  return { layer: 'units', source: geoms.map((_, i) => i), ids: geoms.map((_, i) => `u${i}`), geoms, areas: new Float64Array(geoms.length), bboxes: geoms.map(multiPolygonBBox), inputCount: geoms.length };
}

const rng = mulberry32;

// Units at Gauss–Krüger-like coordinates: A and B share the edge x = X0 + 1000; C overlaps B by
// 200 m; D has a hole in which E lies; F is a concave L; a long diagonal edge cuts G.
const A = [sq(X0, Y0, 1000)];
const B = [sq(X0 + 1000, Y0, 1000)];
const C = [sq(X0 + 1800, Y0 + 200, 600)];
const D = [sq(X0, Y0 + 1500, 1000), sq(X0 + 300, Y0 + 1800, 400)];
const E = [sq(X0 + 300, Y0 + 1800, 400)];
const F = [[[X0 + 1500, Y0 + 1500], [X0 + 2500, Y0 + 1500], [X0 + 2500, Y0 + 1800], [X0 + 1800, Y0 + 1800], [X0 + 1800, Y0 + 2500], [X0 + 1500, Y0 + 2500]]];
const G = [[[X0 + 2600, Y0], [X0 + 4000, Y0], [X0 + 2600, Y0 + 2600]]];
const geoms: MultiPolygon[] = [[A], [B], [C], [D], [E], [F], [G]].map((p) => p.map((rings) => rings)) as MultiPolygon[];
const units = layerOf(geoms);

describe('flat polygons', () => {
  const flat = flattenPolygons(units.geoms);

  test('keeps every vertex in order, with polygon, ring and vertex offsets', () => {
    assert.deepEqual([...flat.polyStart], [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual([...flat.ringStart], [0, 1, 2, 3, 5, 6, 7, 8]); // D has two rings
    assert.equal(flat.vertexStart[flat.vertexStart.length - 1], 4 * 6 + 6 + 3);
    assert.deepEqual([flat.xy[0], flat.xy[1]], [X0, Y0]);
    assert.equal(flattenPolygons(units.geoms), flat, 'made once per list');
  });

  test('point in ring and covers-point agree with planar.ts on chosen and random points', () => {
    const chosen: [number, number][] = [
      [X0 + 500, Y0 + 500], [X0 + 1000, Y0 + 500], [X0 + 1000, Y0], [X0 + 1000 + ON_EDGE_TOLERANCE_M / 2, Y0 + 10],
      [X0 + 1000 + 2 * ON_EDGE_TOLERANCE_M, Y0 + 10], [X0 + 500, Y0 + 2000], [X0 + 300, Y0 + 2000], [X0 + 1650, Y0 + 2000],
      [X0 + 2000, Y0 + 2000], [X0 + 3300, Y0 + 1300], [X0 + 3300.0001, Y0 + 1300],
    ];
    const next = rng(7);
    const points = [...chosen];
    for (let k = 0; k < 5000; k++) points.push([X0 - 100 + next() * 4200, Y0 - 100 + next() * 2800]);
    let inside = 0;
    for (const [x, y] of points) {
      for (let u = 0; u < geoms.length; u++) {
        const want = multiPolygonCoversPoint(x, y, geoms[u]);
        assert.equal(flatCoversPoint(x, y, flat, u), want, `unit ${u} at ${x - X0}, ${y - Y0}`);
        if (want) inside++;
      }
    }
    assert.ok(inside > 1000, 'many points inside some unit');
    // Ring by ring too (D's hole is ring 4).
    for (const [x, y] of chosen) assert.equal(flatPointInRing(x, y, flat, 4), pointInRing(x, y, D[1]));
    assert.equal(flatPointInRing(X0 + 500, Y0 + 2000, flat, 4), 1); // inside the hole's ring
    assert.equal(flatCoversPoint(X0 + 500, Y0 + 2000, flat, 3), false); // so not covered by D
    assert.equal(flatCoversPoint(X0 + 300, Y0 + 2000, flat, 3), true); // on the hole's edge
  });
});

describe('unit locator', () => {
  const index = indexBBoxes(units);

  test('answers as the R-tree search and point-in-polygon do, on borders, overlaps and holes', () => {
    const locator = new UnitLocator(units, index);
    const cases: [number, number, number[]][] = [
      [X0 + 500, Y0 + 500, [0]],
      [X0 + 1000, Y0 + 500, [0, 1]], // on the shared edge: both
      // Within the tolerance of A's edge but outside A's box: the box search leaves A out.
      [X0 + 1000 + ON_EDGE_TOLERANCE_M / 2, Y0 + 500, [1]],
      [X0 + 1800 + ON_EDGE_TOLERANCE_M / 2, Y0 + 2000, [5]], // in the L's notch but within the tolerance of its edge
      [X0 + 1800 + 2 * ON_EDGE_TOLERANCE_M, Y0 + 2000, []],
      [X0 + 2600, Y0 + 1300, [6]], // on G's vertical edge
      [X0 + 1900, Y0 + 500, [1, 2]], // in the overlap of B and C
      [X0 + 500, Y0 + 2000, [4]], // in D's hole, which is E
      [X0 + 300, Y0 + 2000, [3, 4]], // on the hole's edge
      [X0 + 2000, Y0 + 2000, []], // in the notch of the L
      [X0 + 1600, Y0 + 2400, [5]],
      [X0 - 50, Y0 + 500, []], // outside every box
      [X0 + 9000, Y0 + 9000, []],
    ];
    // Twice: the second time from the cells' stored answers.
    for (let pass = 0; pass < 2; pass++) {
      for (const [x, y, want] of cases) {
        assert.deepEqual([...locator.unitsAt(x, y, [])], want, `pass ${pass} at ${x - X0}, ${y - Y0}`);
        assert.equal(locator.unitAt(x, y), want.length > 0 ? want[0] : -1);
      }
    }
  });

  test('gives the reference answer for 20,000 random points, in any order of queries', () => {
    const locator = new UnitLocator(units, index);
    const next = rng(11);
    const ref: number[] = [], got: number[] = [];
    for (let k = 0; k < 20_000; k++) {
      // Half the points on a 1 m lattice (many on edges and vertices exactly), half anywhere.
      const x = k % 2 === 0 ? X0 + Math.round(next() * 4200) - 100 : X0 - 100 + next() * 4200;
      const y = k % 2 === 0 ? Y0 + Math.round(next() * 2800) - 100 : Y0 - 100 + next() * 2800;
      assert.deepEqual(locator.unitsAt(x, y, got), unitsCovering(units, index, x, y, ref), `at ${x - X0}, ${y - Y0}`);
    }
  });

  test('no units or no index: nothing covers anything', () => {
    const empty = layerOf([]);
    const locator = new UnitLocator(empty, indexBBoxes(empty));
    assert.deepEqual(locator.unitsAt(X0, Y0, [1, 2]), []);
    assert.equal(locator.unitAt(X0, Y0), -1);
    assert.equal(locator.unitAt(Number.NaN, Y0), -1);
  });
});

describe('overlay of concave parcels', () => {
  // Two units split by a border that bends at (X0 + 50, Y0 + 50): the left unit is concave there.
  const left = [[[X0 - 100, Y0 - 100], [X0 + 40, Y0 - 100], [X0 + 50, Y0 + 50], [X0 + 40, Y0 + 300], [X0 - 100, Y0 + 300]]];
  const right = [[[X0 + 40, Y0 - 100], [X0 + 300, Y0 - 100], [X0 + 300, Y0 + 300], [X0 + 40, Y0 + 300], [X0 + 50, Y0 + 50]]];
  const units2 = layerOf([[left], [right]] as MultiPolygon[]);
  // Concave parcels: L shapes and a U with a hole, placed across the border, beside it and far inside.
  const L = (x: number, y: number, s: number): number[][] => [[x, y], [x + 2 * s, y], [x + 2 * s, y + s], [x + s, y + s], [x + s, y + 2 * s], [x, y + 2 * s]];
  const U = (x: number, y: number): number[][] => [[x, y], [x + 60, y], [x + 60, y + 60], [x + 40, y + 60], [x + 40, y + 20], [x + 20, y + 20], [x + 20, y + 60], [x, y + 60]];
  const parcelGeoms: MultiPolygon[] = [
    [[L(X0 + 20, Y0 + 20, 20)]], // across the bend
    [[L(X0 + 30, Y0 + 150, 15)]], // across the straight part
    [[U(X0 + 20, Y0 + 100), sq(X0 + 5 + 20, Y0 + 100 + 5, 10).reverse()]], // with a hole
    [[L(X0 - 90, Y0 - 90, 10)]], // wholly in the left unit
    [[L(X0 + 200, Y0 + 200, 10)]], // wholly in the right unit
    [[L(X0 + 250, Y0 - 130, 20)]], // half outside both units
  ];
  const parcels = layerOf(parcelGeoms);
  parcels.areas = Float64Array.from(parcelGeoms.map(multiPolygonArea));

  test('pieces have the areas of an exact polygon intersection and cover the same points', () => {
    const pieces = overlayPolygons(parcels, units2);
    const next = rng(3);
    for (let i = 0; i < parcelGeoms.length; i++) {
      const want: [number, number][] = [];
      for (let u = 0; u < 2; u++) {
        const a = multiPolygonArea(intersectMultiPolygons(parcelGeoms[i], units2.geoms[u], parcels.bboxes[i]));
        if (a > 0) want.push([u, a]);
      }
      const got: [number, number][] = [];
      for (let j = pieces.offsets[i]; j < pieces.offsets[i + 1]; j++) got.push([pieces.unit[j], pieces.areaM2[j]]);
      assert.equal(got.length, want.length, `parcel ${i}: pieces`);
      got.forEach(([u, a], k) => {
        assert.equal(u, want[k][0]);
        assert.ok(Math.abs(a - want[k][1]) <= 1e-9 * want[k][1], `parcel ${i} unit ${u}: ${a} vs ${want[k][1]}`);
      });
      const parts = pieces.geoms.get(i);
      if (!parts) continue;
      const b = parcels.bboxes[i];
      for (let k = 0; k < 400; k++) {
        const x = b[0] + next() * (b[2] - b[0]), y = b[1] + next() * (b[3] - b[1]);
        if (!multiPolygonCoversPoint(x, y, parcelGeoms[i])) continue;
        parts.forEach((mp, p) => {
          const u = pieces.unit[pieces.offsets[i] + p];
          const exact = intersectMultiPolygons(parcelGeoms[i], units2.geoms[u], b);
          assert.equal(multiPolygonCoversPoint(x, y, mp), multiPolygonCoversPoint(x, y, exact), `parcel ${i} unit ${u} at ${x - X0}, ${y - Y0}`);
        });
      }
    }
    // The parcel across the bend is cut in two, and its pieces add up to it.
    assert.equal(pieces.offsets[1] - pieces.offsets[0], 2);
    assert.ok(Math.abs(pieces.inStudyM2[0] - parcels.areas[0]) < 1e-6);
    assert.ok(pieces.inStudyM2[5] < parcels.areas[5] && pieces.inStudyM2[5] > 0);
  });
});

describe('points in parcels, visited cell by cell', () => {
  // A 20 × 20 block of 10 m parcels; point k's parcel is worked out by hand from its position.
  const geoms: MultiPolygon[] = [];
  for (let r = 0; r < 20; r++) for (let c = 0; c < 20; c++) geoms.push([[sq(X0 + 10 * c, Y0 + 10 * r, 10)]]);
  const parcels = layerOf(geoms);
  parcels.areas = new Float64Array(geoms.length).fill(100);
  const pieces = overlayPolygons(parcels, layerOf([[[sq(X0 - 1, Y0 - 1, 202)]]]));

  test('each point goes to the first parcel that covers it, and duplicates are counted whatever their cell', () => {
    const next = rng(5);
    const xs: number[] = [], ys: number[] = [];
    for (let k = 0; k < 3000; k++) {
      const kind = k % 5;
      if (kind === 0 && k > 0) { xs.push(xs[k - 5]); ys.push(ys[k - 5]); continue; } // a duplicate
      if (kind === 1) { xs.push(X0 - 50 + next() * 10); ys.push(Y0 + next() * 200); continue; } // outside the grid
      if (kind === 2) { xs.push(X0 + 55.5 + Math.floor(next() * 3) / 10); ys.push(Y0 + 55.5); continue; } // a crowded spot
      xs.push(X0 + Math.round(next() * 2000) / 10); ys.push(Y0 + Math.round(next() * 2000) / 10); // on a 0.1 m lattice, many on edges
    }
    const points: PointLayer = { layer: 'pois', xs: Float64Array.from(xs), ys: Float64Array.from(ys), feature: Int32Array.from(xs.keys()), inputCount: xs.length };
    const a = assignPointsToParcels(points, parcels, new GridIndex(parcels.bboxes), indexBBoxes(parcels), pieces, 0);
    let inside = 0;
    for (let k = 0; k < xs.length; k++) {
      const dx = xs[k] - X0, dy = ys[k] - Y0;
      let want = -1;
      if (dx >= 0 && dx <= 200 && dy >= 0 && dy <= 200) {
        // The lowest index among the parcels whose closed square holds the point: row first, then column.
        const r = Math.max(0, Math.ceil(dy / 10) - 1), c = Math.max(0, Math.ceil(dx / 10) - 1);
        want = r * 20 + c;
        inside++;
      }
      assert.equal(a.parcelOf[k], want, `point ${k} at ${dx}, ${dy}`);
    }
    assert.equal(a.inParcels, inside);
    assert.equal(a.outside, xs.length - inside);
    assert.equal(a.duplicatePositions, countDuplicatePositions(points));
    assert.equal(a.duplicatePositions, xs.length - new Set(xs.map((x, k) => `${x},${ys[k]}`)).size);
    assert.ok(a.duplicatePositions > 900, 'many duplicates');
  });
});
