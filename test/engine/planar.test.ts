import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  multiPolygonArea, multiPolygonAreaInRect, multiPolygonCoversPoint, pointInRing, polygonArea, ringSignedArea, segmentCrossings,
} from '../../src/engine/geometry/planar.js';
import { intersectMultiPolygons } from '../../src/engine/spatial/overlay.js';

// A 100 m square placed at realistic Gauss–Krüger coordinates (x ≈ 5e5, y ≈ 3.3e6).
const X0 = 500_000, Y0 = 3_320_000;
const square = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s]];

describe('planar geometry', () => {
  test('shoelace area of a square far from the origin is exact', () => {
    assert.equal(ringSignedArea(square(X0, Y0, 100)), 10_000); // 100 m × 100 m, counter-clockwise
    assert.equal(ringSignedArea([...square(X0, Y0, 100)].reverse()), -10_000);
  });

  test('holes are subtracted whatever their winding; islands in holes add back', () => {
    const shell = square(X0, Y0, 100); // 10 000 m²
    const hole = square(X0 + 10, Y0 + 10, 50); // 2 500 m²
    assert.equal(polygonArea([shell, hole]), 7_500);
    assert.equal(polygonArea([shell, [...hole].reverse()]), 7_500);
    const island = [square(X0 + 20, Y0 + 20, 10)]; // 100 m² inside the hole
    assert.equal(multiPolygonArea([[shell, hole], island]), 7_600);
  });

  test('point in ring: inside, outside, on an edge and on a vertex', () => {
    const r = square(0, 0, 10);
    assert.equal(pointInRing(5, 5, r), 1);
    assert.equal(pointInRing(15, 5, r), -1);
    assert.equal(pointInRing(10, 5, r), 0);
    assert.equal(pointInRing(0, 0, r), 0);
    assert.equal(multiPolygonCoversPoint(5, 5, [[r, square(4, 4, 2)]]), false); // in the hole
    assert.equal(multiPolygonCoversPoint(4, 5, [[r, square(4, 4, 2)]]), true); // on the hole's edge
  });

  test('area inside a rectangle, for a concave (L-shaped) ring', () => {
    // L shape: 0..20 × 0..10 plus 0..10 × 10..20 = 300 m².
    const L = [[0, 0], [20, 0], [20, 10], [10, 10], [10, 20], [0, 20]];
    assert.equal(multiPolygonArea([[L]]), 300);
    // The cell 5..15 × 5..15 holds 5..15×5..10 (50) + 5..10×10..15 (25) = 75 m².
    assert.equal(multiPolygonAreaInRect([[L]], 5, 5, 15, 15), 75);
    // Splitting the L over a 10 m grid hands out all 300 m² (no slivers, no double counting).
    let sum = 0;
    for (let c = 0; c < 2; c++) for (let r = 0; r < 2; r++) sum += multiPolygonAreaInRect([[L]], c * 10, r * 10, c * 10 + 10, r * 10 + 10);
    assert.equal(sum, 300);
  });

  test('segment crossings give the parameters along the first segment', () => {
    const out: number[] = [];
    segmentCrossings(0, 0, 10, 0, 4, -1, 4, 1, out); // crosses x = 4
    assert.deepEqual(out, [0.4]);
    out.length = 0;
    segmentCrossings(0, 0, 10, 0, 2, 0, 6, 0, out); // collinear overlap from 2 to 6
    assert.deepEqual(out, [0.2, 0.6]);
  });

  test('exact intersection of overlapping squares', () => {
    const a = [[square(X0, Y0, 100)]];
    const b = [[square(X0 + 60, Y0 + 30, 100)]];
    // Overlap is 40 m × 70 m = 2 800 m².
    const piece = intersectMultiPolygons(a, b, [X0, Y0, X0 + 100, Y0 + 100]);
    assert.ok(Math.abs(multiPolygonArea(piece) - 2_800) < 1e-6);
  });
});
