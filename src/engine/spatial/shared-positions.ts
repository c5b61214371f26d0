/**
 * A coordinate transform that projects each distinct source position once per layer and hands
 * every later occurrence the same projected array.
 *
 * Neighbouring parcels share their boundary vertices, and road segments their end points: in
 * the generated 10⁵-parcel city 550,000 parcel positions are 126,000 distinct ones, 500,000 road
 * positions 359,000. Projecting each once saves the transcendental functions of the projection
 * and, since the kept rings then point to one array per distinct vertex, most of the long-lived
 * `[x, y]` arrays (fewer objects for the garbage collector to copy and mark).
 *
 * Exactness: a position is looked up by its two numbers, 0 and -0 told apart (they may project
 * differently), and the answer is what the wrapped transform gave for it, so the result is the
 * same number for number. Positions with more than two members (a z), non-number or non-finite
 * members go straight to the transform. The source arrays are kept for the comparison: the
 * caller must not mutate them while the transform is in use. The returned arrays
 * are shared between rings: callers must not mutate them (the engine never mutates a projected
 * vertex; hygiene.ts copies rings before reversing them and never writes into a vertex).
 */
import type { XY } from './layers.js';

const scratch = new Float64Array(2);
const bits = new Int32Array(scratch.buffer);

/**
 * `xy` with a cache of its answers per distinct two-number position. The cache lives as long as
 * the returned function: make one per layer.
 *
 * @param xy - the transform to wrap (it must give the same answer for the same position).
 * @param expected - a guess of the number of distinct positions, to size the table.
 */
export function sharedPositionTransform(xy: XY, expected = 1024): XY {
  let cap = 1024;
  while (cap * 0.75 < expected) cap *= 2;
  // Open addressing: a slot holds 1 + the entry's index, 0 when empty. Entry e is the source
  // position sources[e] (the caller's own array, kept anyway) and its answer values[e].
  let slots = new Int32Array(cap);
  const sources: number[][] = [];
  const values: number[][] = [];

  const hash = (x: number, y: number): number => {
    scratch[0] = x;
    scratch[1] = y;
    // The four 32-bit halves of x and y, mixed (murmur3's finaliser on a simple combine).
    let h = Math.imul(bits[0] ^ Math.imul(bits[1], 0x9e3779b1), 0x85ebca6b) ^ Math.imul(bits[2] ^ Math.imul(bits[3], 0xc2b2ae35), 0x27d4eb2f);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h;
  };

  const grow = (): void => {
    cap *= 2;
    slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let e = 0; e < sources.length; e++) {
      let k = hash(sources[e][0], sources[e][1]) & mask;
      while (slots[k] !== 0) k = (k + 1) & mask;
      slots[k] = e + 1;
    }
  };

  return (c: number[]): number[] => {
    if (c.length !== 2) return xy(c);
    const x = c[0], y = c[1];
    // Only finite numbers are shared (a non-finite one projects to NaN anyway).
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return xy(c);
    const mask = cap - 1;
    let k = hash(x, y) & mask;
    for (let s = slots[k]; s !== 0; s = slots[k]) {
      const o = sources[s - 1];
      // Equal as numbers and in sign for zeros: the same bits for finite numbers.
      if (o[0] === x && o[1] === y && (x !== 0 || 1 / o[0] === 1 / x) && (y !== 0 || 1 / o[1] === 1 / y)) return values[s - 1];
      k = (k + 1) & mask;
    }
    const p = xy(c);
    slots[k] = sources.length + 1;
    sources.push(c);
    values.push(p);
    if (sources.length > cap * 0.75) grow();
    return p;
  };
}
