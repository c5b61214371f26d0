/**
 * Small seeded random sources for the demo-city generator: a sequential generator (sfc32,
 * seeded through splitmix32) and a stateless integer hash for values that must not depend on
 * the order in which they are asked for (per-cell noise, per-edge choices).
 *
 * Nothing here touches `Math.random`, so a seed fixes every byte of the output.
 */

/** A seeded sequential random source. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform in [a, b). */
  range(a: number, b: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Fold any finite number into 32 bits (integer part, high and low words). */
export function seedBits(seed: number): number {
  const whole = Math.floor(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / 4294967296) >>> 0;
  return (low ^ Math.imul(high, 0x27d4eb2f)) >>> 0;
}

/**
 * sfc32 seeded from `seed` and a `salt` naming the stream, so each layer draws from its own
 * stream and changing one layer's count leaves the others unchanged.
 */
export function createRng(seed: number, salt: number): Rng {
  const init = splitmix32(seedBits(seed) ^ Math.imul(salt + 1, 0x9e3779b1));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  let spare: number | null = null;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // 1 − next() is in (0, 1], so the logarithm is finite.
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const th = 2 * Math.PI * next();
      spare = r * Math.sin(th);
      return r * Math.cos(th);
    },
  };
}

/** Stateless hash of up to three integers and a salt to a uniform number in [0, 1). */
export function hashUnit(a: number, b: number, c: number, salt: number): number {
  let h = Math.imul(salt ^ 0x2545f491, 0x9e3779b1);
  h = Math.imul(h ^ (a | 0), 0x85ebca6b);
  h = (h << 13) | (h >>> 19);
  h = Math.imul(h ^ (b | 0), 0xc2b2ae35);
  h = (h << 15) | (h >>> 17);
  h = Math.imul(h ^ (c | 0), 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Smooth value noise in [0, 1): bilinear interpolation of hashed lattice values, smoothstepped. */
export function valueNoise(x: number, y: number, salt: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const v00 = hashUnit(ix, iy, 0, salt);
  const v10 = hashUnit(ix + 1, iy, 0, salt);
  const v01 = hashUnit(ix, iy + 1, 0, salt);
  const v11 = hashUnit(ix + 1, iy + 1, 0, salt);
  return (v00 * (1 - sx) + v10 * sx) * (1 - sy) + (v01 * (1 - sx) + v11 * sx) * sy;
}
