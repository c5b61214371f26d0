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
 * Exactness: a position is looked up by the bit patterns of its two numbers (so 0 and -0 are
 * different positions, as they may project differently), and the answer is what the wrapped
 * transform gave for it, so the result is the same number for number. Positions with more than
 * two members (a z), non-number or non-finite members go straight to the transform. The keys
 * are kept as bits in an Int32Array rather than as references to the source arrays: reading a
 * key then costs no pointer chase (on the parcels of the element's demo city, 228 -> 195 ms).
 * The returned arrays are shared between rings: callers must not mutate them (the engine never
 * mutates a projected vertex; hygiene.ts copies rings before reversing them and never writes
 * into a vertex).
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
  // Open addressing: a slot holds 1 + the entry's index, 0 when empty. Entry e has its key (the
  // four 32-bit halves of x and y) at keys[4e .. 4e + 3] and its answer at values[e]; entries
  // stay at most one over 3/4 of the slots (the table grows after the insertion that passes
  // 3/4), so keys need 3 ints per slot and 4 more.
  let slots = new Int32Array(cap);
  let keys = new Int32Array(cap * 3 + 4);
  const values: number[][] = [];

  const hash = (b0: number, b1: number, b2: number, b3: number): number => {
    let h = Math.imul(b0 ^ Math.imul(b1, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(b2 ^ Math.imul(b3, 0xc2b2ae35), 0x27d4eb2f);
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
    const more = new Int32Array(cap * 3 + 4);
    more.set(keys);
    keys = more;
    const mask = cap - 1;
    for (let e = 0; e < values.length; e++) {
      let k = hash(keys[4 * e], keys[4 * e + 1], keys[4 * e + 2], keys[4 * e + 3]) & mask;
      while (slots[k] !== 0) k = (k + 1) & mask;
      slots[k] = e + 1;
    }
  };

  return (c: number[]): number[] => {
    if (c.length !== 2) return xy(c);
    const x = c[0], y = c[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return xy(c);
    scratch[0] = x;
    scratch[1] = y;
    const b0 = bits[0], b1 = bits[1], b2 = bits[2], b3 = bits[3];
    const mask = cap - 1;
    let k = hash(b0, b1, b2, b3) & mask;
    for (let s = slots[k]; s !== 0; s = slots[k]) {
      const o = 4 * (s - 1);
      if (keys[o] === b0 && keys[o + 1] === b1 && keys[o + 2] === b2 && keys[o + 3] === b3) return values[s - 1];
      k = (k + 1) & mask;
    }
    const p = xy(c);
    const e = values.length;
    values.push(p);
    slots[k] = e + 1;
    keys[4 * e] = b0; keys[4 * e + 1] = b1; keys[4 * e + 2] = b2; keys[4 * e + 3] = b3;
    if (values.length > cap * 0.75) grow();
    return p;
  };
}
