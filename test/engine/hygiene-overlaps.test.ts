/**
 * Overlapping parcels: exact overlap areas by hand, shared edges and corners that must not count,
 * the cap on issues, the demo city (whose parcels tile) and the issues in a run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import polygonClipping from 'polygon-clipping';
import { multiPolygonOverlapArea, ringAreaInConvex } from '../../src/engine/geometry/convex-clip.js';
import { multiPolygonArea } from '../../src/engine/geometry/planar.js';
import { preparePolygonLayer } from '../../src/engine/spatial/layers.js';
import { findParcelOverlaps, reportParcelOverlaps } from '../../src/engine/spatial/overlaps.js';
import { generateDemoCity } from '../../src/engine/demo-city/index.js';
import { chooseWorkingCrs, createTransform } from '../../src/engine/crs/index.js';
import type { FeatureCollection, Issue } from '../../src/engine/types.js';

const identity = (c: number[]): number[] => c;
const close = (actual: number, want: number, what: string, tol = 1e-9): void =>
  assert.ok(Math.abs(actual - want) <= tol * Math.max(1, Math.abs(want)), `${what}: expected ${want}, got ${actual}`);
const X = 500000, Y = 3320000; // Gauss–Krüger-sized coordinates, so precision is tested too

function layer(polys: Record<string, number[][][]>): ReturnType<typeof preparePolygonLayer> {
  const fc: FeatureCollection = { type: 'FeatureCollection', features: Object.entries(polys).map(([id, rings]) => ({
    type: 'Feature', id, properties: {},
    geometry: { type: 'Polygon', coordinates: rings.map((r) => [...r.map(([x, y]) => [X + x, Y + y]), [X + r[0][0], Y + r[0][1]]]) },
  })) };
  return preparePolygonLayer('parcels', fc, identity, undefined, []);
}

const square = (x: number, y: number, s: number): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];
// An L: the 20 × 20 square minus its north-east 10 × 10 quarter (300 m², concave).
const ell = (x: number, y: number): number[][] => [[x, y], [x + 20, y], [x + 20, y + 10], [x + 10, y + 10], [x + 10, y + 20], [x, y + 20]];

describe('overlap areas', () => {
  test('convex pairs: 5 × 5 corner overlap, shared edge, shared corner, duplicate', () => {
    const l = layer({ a: [square(0, 0, 10)], b: [square(5, 5, 10)], c: [square(10, -20, 10)], d: [square(20, 10, 10)], e: [square(10, -20, 10)] });
    // a∩b = [5,10]² = 25. a and c share the corner (10,0)... c is [10,20]×[-20,-10]: apart.
    // b and d share the edge x = 20? b = [5,15]², d = [20,30]×[10,20]: apart. c and e are the same square: 100.
    const r = findParcelOverlaps(l);
    assert.deepEqual(r.pairs.map((p) => [l.ids[p.a], l.ids[p.b]]), [['a', 'b'], ['c', 'e']]);
    close(r.pairs[0].areaM2, 25, 'a∩b');
    close(r.pairs[1].areaM2, 100, 'c∩e (duplicate)');
    close(r.totalAreaM2, 125, 'total');
  });

  test('neighbours that share edges and corners do not overlap', () => {
    // A 3 × 3 tiling of 10 m squares plus a rotated-looking quad sharing a slanted edge with another.
    const polys: Record<string, number[][][]> = {};
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) polys[`t${i}${j}`] = [square(10 * i, 10 * j, 10)];
    polys.q1 = [[[40, 0], [53, 2], [51, 14], [40, 10]]];
    polys.q2 = [[[53, 2], [65, 3], [64, 15], [51, 14]]];
    const r = findParcelOverlaps(layer(polys));
    assert.equal(r.pairs.length, 0);
    assert.equal(r.candidates, 1, 'the slanted quads are the one candidate (their boxes overlap) and measure 0');
  });

  test('concave pairs go through the exact overlay: two L shapes', () => {
    // L1 at (0,0), L2 at (5,5): L2 covers [5,25]² minus [15,25]². L1 ∩ L2 = ([5,20]×[5,10]) ∪ ([5,10]×[10,20])
    // = 75 + 50 = 125 (L1's missing quarter [10,20]² holds L2's part [10,15]×[10,15] only outside L1).
    const l = layer({ l1: [ell(0, 0)], l2: [ell(5, 5)] });
    const r = findParcelOverlaps(l);
    assert.equal(r.pairs.length, 1);
    close(r.pairs[0].areaM2, 125, 'L1∩L2');
  });

  test('a convex parcel inside a concave one, and one inside a hole (no overlap)', () => {
    // s1 [2,8]² lies in the L's solid part: 36. s2 [12,18]² lies in the L's missing quarter: 0.
    // h has a 10 × 10 hole [5,15]² with s3 [7,13]² inside it: 0.
    const l = layer({ el: [ell(0, 0)], s1: [square(2, 2, 6)], s2: [square(12, 12, 6)], h: [square(100, 0, 20), square(105, 5, 10).reverse()], s3: [square(107, 7, 6)] });
    const r = findParcelOverlaps(l);
    assert.deepEqual(r.pairs.map((p) => [l.ids[p.a], l.ids[p.b], p.areaM2]), [['el', 's1', 36]]);
  });

  test('overlaps at or below minAreaM2 are taken as rounding', () => {
    // A sliver 10 m × 0.0005 m = 0.005 m² (under the default 0.01), and one of 10 m × 0.01 m = 0.1 m².
    const l = layer({ a: [square(0, 0, 10)], b: [[[0, 9.9995], [10, 9.9995], [10, 20], [0, 20]]], c: [square(30, 0, 10)], d: [[[30, 9.99], [40, 9.99], [40, 20], [30, 20]]] });
    const r = findParcelOverlaps(l);
    assert.deepEqual(r.pairs.map((p) => l.ids[p.b]), ['d']);
    close(r.pairs[0].areaM2, 0.1, 'c∩d', 1e-6);
    assert.equal(findParcelOverlaps(l, { minAreaM2: 0.001 }).pairs.length, 2);
  });

  test('ringAreaInConvex: concave ring in a convex window equals the hand area', () => {
    // The L (300 m²) inside the window [5,25]×[0,20]: [5,20]×[0,10] = 150 plus [5,10]×[10,20] = 50 → 200.
    const window = [[5, 0], [25, 0], [25, 20], [5, 20]];
    close(ringAreaInConvex(ell(0, 0), window, 1), 200, 'L ∩ window');
    close(ringAreaInConvex(ell(0, 0), window.slice().reverse(), -1), 200, 'clockwise window');
    close(ringAreaInConvex(square(6, 1, 2), window, 1), 4, 'wholly inside');
    close(ringAreaInConvex(square(-10, 0, 5), window, 1), 0, 'apart');
  });
});

describe('fan-triangle overlap against polygon-clipping', () => {
  test('200 random star-shaped pairs, some with holes, at Gauss–Krüger-sized coordinates', () => {
    // polygon-clipping (a sweep-line overlay, independent of the fan decomposition) is the reference.
    let seed = 7;
    const rnd = (): number => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    const star = (cx: number, cy: number, r: number, k: number, ccw: boolean): number[][] => {
      const pts: number[][] = [];
      for (let i = 0; i < k; i++) {
        const t = (2 * Math.PI * i) / k, rr = r * (0.4 + 0.6 * rnd());
        pts.push([X + cx + rr * Math.cos(t), Y + cy + rr * Math.sin(t)]);
      }
      return ccw ? pts : pts.reverse();
    };
    for (let trial = 0; trial < 200; trial++) {
      const a = [[star(0, 0, 50, 5 + Math.floor(rnd() * 12), true), ...(trial % 3 === 0 ? [star(0, 0, 12, 6, false)] : [])]];
      const b = [[star(40 * rnd() - 20, 40 * rnd() - 20, 50, 5 + Math.floor(rnd() * 12), true)]];
      const closed = (mp: number[][][][]) => mp.map((p) => p.map((r) => [...r, r[0]]));
      const reference = multiPolygonArea(polygonClipping.intersection(closed(a) as never, closed(b) as never) as number[][][][]);
      const got = multiPolygonOverlapArea(a, b);
      assert.ok(Math.abs(got - reference) <= 1e-6 * Math.max(1, reference), `trial ${trial}: ${got} vs ${reference}`);
      assert.ok(Math.abs(multiPolygonOverlapArea(b, a) - reference) <= 1e-6 * Math.max(1, reference), `trial ${trial} swapped`);
    }
  });

  test('large non-convex pairs (pre-cut to their common box) through findParcelOverlaps', () => {
    let seed = 11;
    const rnd = (): number => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    for (let trial = 0; trial < 20; trial++) {
      const star = (cx: number, cy: number, k: number): number[][] => Array.from({ length: k }, (_, i) => {
        const t = (2 * Math.PI * i) / k, rr = 50 * (0.5 + 0.5 * rnd());
        return [X + cx + rr * Math.cos(t), Y + cy + rr * Math.sin(t)];
      });
      const a = star(0, 0, 40 + Math.floor(rnd() * 40)), b = star(60 * rnd() - 10, 60 * rnd() - 30, 40 + Math.floor(rnd() * 40));
      const fc: FeatureCollection = { type: 'FeatureCollection', features: [a, b].map((r, k) => ({ type: 'Feature', id: `s${k}`, properties: {}, geometry: { type: 'Polygon', coordinates: [[...r, r[0]]] } })) };
      const l = preparePolygonLayer('parcels', fc, identity, undefined, []);
      const reference = multiPolygonArea(polygonClipping.intersection([[[...a, a[0]]]] as never, [[[...b, b[0]]]] as never) as number[][][][]);
      const got = findParcelOverlaps(l, { minAreaM2: 0 }).totalAreaM2;
      assert.ok(Math.abs(got - reference) <= 1e-6 * Math.max(1, reference), `trial ${trial}: ${got} vs ${reference}`);
    }
  });
});

describe('reporting', () => {
  test('issues name both parcels, are capped, and a summary gives the total', () => {
    // Five disjoint pairs, each overlapping by 5 × 10 = 50 m².
    const polys: Record<string, number[][][]> = {};
    for (let k = 0; k < 5; k++) { polys[`a${k}`] = [square(100 * k, 0, 10)]; polys[`b${k}`] = [[[100 * k + 5, 0], [100 * k + 15, 0], [100 * k + 15, 10], [100 * k + 5, 10]]]; }
    const issues: Issue[] = [];
    const r = reportParcelOverlaps(layer(polys), issues, { maxIssues: 2 });
    assert.equal(r.pairs.length, 5);
    const each = issues.filter((i) => i.code === 'parcels-overlap');
    assert.equal(each.length, 2);
    assert.deepEqual(each[0].actual, { a: 'a0', b: 'b0', areaM2: 50 });
    assert.match(each[0].message, /"a0" and "b0" overlap by 50 m²/);
    const summary = issues.filter((i) => i.code === 'parcels-overlap-summary');
    assert.equal(summary.length, 1);
    assert.deepEqual(summary[0].actual, { pairs: 5, areaM2: 250, listed: 2 });
    assert.equal(summary[0].layer, 'parcels');
  });

  test('no overlaps, no issues', () => {
    const issues: Issue[] = [];
    reportParcelOverlaps(layer({ a: [square(0, 0, 10)], b: [square(10, 0, 10)] }), issues);
    assert.deepEqual(issues, []);
  });

  test('the demo city tiles exactly: no overlapping pair among 3,000 parcels', () => {
    const city = generateDemoCity({ parcels: 3000, pois: 0, roadSegments: 0 });
    const first = (city.layers.parcels.features[0].geometry as { coordinates: number[][][] }).coordinates[0][0];
    const xy = createTransform('EPSG:4326', chooseWorkingCrs([first[0], first[1], first[0], first[1]]).code);
    const parcels = preparePolygonLayer('parcels', city.layers.parcels, xy, 'bsm', []);
    const r = findParcelOverlaps(parcels);
    assert.ok(r.candidates > parcels.geoms.length, `neighbours are candidates (${r.candidates})`);
    assert.equal(r.pairs.length, 0, `overlaps found: ${JSON.stringify(r.pairs.slice(0, 3))}`);
  });
});
