/**
 * Geometry hygiene for polygonal features (docs/geometry-hygiene.md): read, project and check
 * every ring, repair what can be repaired without changing the area a surveyor would give, and
 * say what was found. The common case, a valid polygon, costs one pass over its vertices and a
 * segment test over its edges; only features that fail it go through the exact repair with
 * polygon-clipping.
 */
import polygonClipping from 'polygon-clipping';
import { difference as robustDifference, intersection as robustIntersection, union as robustUnion, xor as robustXor } from 'polyclip-ts';
import type { MultiPolygon, Polygon, Ring } from './planar.js';
import { multiPolygonArea, pointInRing, ringSignedArea } from './planar.js';
import { buildSegments, forEachContact, ringIsSimple, splitRingIntoLoops } from './segments.js';
import type { SegmentContact } from './segments.js';

/** The faults the hygiene step recognises (issue codes are these with a `geometry-` prefix). */
export type GeometryFaultCode =
  | 'geometry-invalid-coordinates'
  | 'geometry-invalid-position-dropped'
  | 'geometry-empty'
  | 'geometry-zero-area'
  | 'geometry-repair-failed'
  | 'geometry-unclosed-ring'
  | 'geometry-duplicate-vertices'
  | 'geometry-ring-winding'
  | 'geometry-spike'
  | 'geometry-degenerate-ring'
  | 'geometry-self-intersection'
  | 'geometry-hole-outside-shell'
  | 'geometry-hole-crosses-shell'
  | 'geometry-holes-overlap'
  | 'geometry-parts-overlap';

/** One fault found in a feature, with the numbers its issue message needs. */
export interface GeometryFault {
  code: GeometryFaultCode;
  /** Message arguments: counts, areas in m². */
  args: Record<string, number | string>;
}

/** Options of {@link cleanPolygonalGeometry}. */
export interface HygieneOptions {
  /**
   * Largest sine of the angle between an edge and the next one folding back on it for the
   * vertex between them to count as the tip of a zero-width spike. Default 1e-9: removing such
   * a tip changes the area by at most ½ · 1e-9 · |a| · |b| (5e-4 m² for two 1 km edges).
   */
  spikeSine?: number;
  /**
   * Area below which a loop, a ring or a whole feature counts as having no area, m².
   * Default 1e-6 (one square millimetre): far below any parcel, far above rounding noise.
   */
  zeroAreaM2?: number;
}

/** Result of {@link cleanPolygonalGeometry}. */
export interface CleanedGeometry {
  /**
   * The repaired geometry: parts that do not overlap, shells counter-clockwise, holes
   * clockwise, rings open (no closing vertex). Empty when the feature is excluded.
   */
  geometry: MultiPolygon;
  /** Area of `geometry`, m². */
  areaM2: number;
  /** Every fault found, in the order met; empty for a clean feature. */
  faults: GeometryFault[];
  /** Why the feature cannot be used, or null when it is kept. */
  excluded: null | 'geometry-invalid-coordinates' | 'geometry-empty' | 'geometry-zero-area' | 'geometry-repair-failed';
}

type PC = [number, number][][][];

function finitePosition(c: unknown): c is number[] {
  return Array.isArray(c) && c.length >= 2 && Number.isFinite(c[0]) && Number.isFinite(c[1]);
}

const sameXY = (a: number[], b: number[]): boolean => a[0] === b[0] && a[1] === b[1];

/**
 * Remove the tips of zero-width spikes: a vertex b whose next edge folds straight back along
 * the previous one (a → b → c with c on the line a–b, going back). Tips are removed until none
 * is left (a spike of several vertices goes tip by tip), duplicates that the removal creates
 * with them. Returns the new ring and the number of vertices removed.
 */
export function removeSpikes(ring: Ring, spikeSine = 1e-9): { ring: Ring; removed: number } {
  // Most rings have no spike: check first, copy only when there is one.
  const n = ring.length;
  let any = false;
  for (let i = 0; i < n && !any; i++) any = isSpike(ring[i === 0 ? n - 1 : i - 1], ring[i], ring[i + 1 === n ? 0 : i + 1], spikeSine);
  if (!any) return { ring, removed: 0 };
  const out: Ring = [];
  let removed = 0;
  for (const v of ring) {
    while (out.length >= 2 && isSpike(out[out.length - 2], out[out.length - 1], v, spikeSine)) { out.pop(); removed++; }
    if (out.length > 0 && sameXY(out[out.length - 1], v)) { removed++; continue; }
    out.push(v);
  }
  // Around the closing vertex.
  let changed = true;
  while (changed && out.length >= 3) {
    changed = false;
    if (sameXY(out[out.length - 1], out[0])) { out.pop(); removed++; changed = true; continue; }
    if (isSpike(out[out.length - 2], out[out.length - 1], out[0], spikeSine)) { out.pop(); removed++; changed = true; continue; }
    if (isSpike(out[out.length - 1], out[0], out[1], spikeSine)) { out.shift(); removed++; changed = true; }
  }
  return { ring: out, removed };
}

/** Whether b is the tip of a zero-width spike a → b → c (c folds back along b → a). */
function isSpike(a: number[], b: number[], c: number[], spikeSine: number): boolean {
  const ux = b[0] - a[0], uy = b[1] - a[1], vx = c[0] - b[0], vy = c[1] - b[1];
  if (ux * vx + uy * vy >= 0) return false;
  const cross = ux * vy - uy * vx;
  return Math.abs(cross) <= spikeSine * Math.sqrt((ux * ux + uy * uy) * (vx * vx + vy * vy));
}

interface ReadRing {
  ring: Ring;
  unclosed: boolean;
  duplicates: number;
  /** Positions that were not two finite numbers or did not project, dropped: index and value. */
  dropped: { index: number; value: unknown }[];
}

/**
 * At most this share of a ring's positions may be unreadable for the ring to be kept without
 * them; more, and the feature is left out (its outline is too damaged to guess).
 */
const MAX_DROPPED_SHARE = 0.1;

/**
 * Read one ring: check its positions, project them, drop the closing vertex and consecutive
 * duplicates. A position that is not two finite numbers or projects to a non-finite one is
 * dropped (the ring joins its neighbours across the gap) and listed in `dropped`; 'bad' when the
 * ring is not an array or more than {@link MAX_DROPPED_SHARE} of its positions are unreadable.
 */
function readRing(raw: unknown, xy: (c: number[]) => number[]): ReadRing | { bad: { index: number; value: unknown } | null } {
  if (!Array.isArray(raw)) return { bad: null };
  const ring: Ring = [];
  const dropped: ReadRing['dropped'] = [];
  let duplicates = 0;
  let prevRaw: number[] | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c: unknown = raw[i];
    if (!finitePosition(c)) { dropped.push({ index: i, value: c }); continue; }
    if (prevRaw && sameXY(prevRaw, c)) { duplicates++; continue; }
    const p = xy(c);
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) { dropped.push({ index: i, value: c }); continue; }
    prevRaw = c;
    const last = ring[ring.length - 1];
    // Two source positions that project onto one point (closer than float resolution): one vertex.
    if (last && sameXY(last, p)) continue;
    ring.push(p); // a new array from the transform, never mutated here
  }
  if (dropped.length > 0 && dropped.length > MAX_DROPPED_SHARE * raw.length) return { bad: dropped[0] };
  let unclosed = false;
  // Closed or not is judged on the readable positions; only a ring that lost some needs a copy.
  const readable = (dropped.length > 0 ? raw.filter(finitePosition) : raw) as number[][];
  if (readable.length > 0) {
    const first = readable[0], lastRaw = readable[readable.length - 1];
    unclosed = readable.length < 2 || !sameXY(first, lastRaw);
  }
  if (ring.length > 1 && sameXY(ring[0], ring[ring.length - 1])) ring.pop();
  return { ring, unclosed, duplicates, dropped };
}

function toPC(rings: Ring[]): PC[number] {
  return rings.map((r) => {
    const out = r.map((c) => [c[0], c[1]] as [number, number]);
    out.push([r[0][0], r[0][1]]);
    return out;
  });
}

/** polygon-clipping output → engine convention (open rings). */
function fromPC(mp: PC): MultiPolygon {
  const out: MultiPolygon = [];
  for (const p of mp) {
    const poly: Polygon = [];
    for (const r of p) {
      const ring = r.slice(0, r.length > 1 && sameXY(r[0], r[r.length - 1]) ? r.length - 1 : r.length).map((c) => [c[0], c[1]]);
      if (ring.length >= 3) poly.push(ring);
    }
    if (poly.length > 0) out.push(poly);
  }
  return out;
}

type Op = 'union' | 'xor' | 'difference' | 'intersection';

/** A polygon-clipping operation, with polyclip-ts (exact, slower) when the fast one throws. */
function clip(op: Op, first: MultiPolygon, ...rest: MultiPolygon[]): MultiPolygon {
  const a = first.map(toPC) as PC;
  const b = rest.map((m) => m.map(toPC) as PC);
  try {
    return fromPC(polygonClipping[op](a as never, ...(b as never[])) as PC);
  } catch {
    const fn = op === 'union' ? robustUnion : op === 'xor' ? robustXor : op === 'difference' ? robustDifference : robustIntersection;
    return fromPC(fn(a as never, ...(b as never[])) as unknown as PC);
  }
}

interface PartInput { rings: Ring[] }

/**
 * Check, repair and measure one polygonal feature.
 *
 * Faults and what is done (docs/geometry-hygiene.md):
 * - a position that is not two finite numbers, or that does not project: the feature is
 *   excluded (`geometry-invalid-coordinates`);
 * - no ring at all: excluded (`geometry-empty`); no area left after the repairs: excluded
 *   (`geometry-zero-area`);
 * - an unclosed ring is closed, consecutive duplicate vertices dropped, clockwise shells and
 *   counter-clockwise holes reversed (info faults; the area does not change);
 * - the tips of zero-width spikes are removed (`geometry-spike`); rings with fewer than three
 *   distinct vertices or no area are dropped (`geometry-degenerate-ring`);
 * - a ring that crosses or touches itself is split at those points into simple loops and
 *   its region is their even-odd combination (`geometry-self-intersection`): a figure-eight
 *   counts as the sum of its two lobes, a ring that pinches round an inner loop keeps the inner
 *   loop as a hole;
 * - each part is its shell minus the union of its holes: a hole outside its shell is dropped
 *   (`geometry-hole-outside-shell`), one that crosses it removes only what lies inside
 *   (`geometry-hole-crosses-shell`), overlapping holes remove their overlap once
 *   (`geometry-holes-overlap`);
 * - the parts are unioned: ground covered by two parts counts once (`geometry-parts-overlap`).
 *
 * @param polygons - GeoJSON polygon coordinate arrays (a Polygon's `coordinates`, or each
 *   member of a MultiPolygon's), in source coordinates.
 * @param xy - source coordinates → projected metres.
 * @param options - see {@link HygieneOptions}.
 * @returns the cleaned geometry, its area in m², the faults, and whether it is excluded.
 * @example
 * // A figure-eight: two 1 m² triangles crossing at (1, 0.5) → 0.5 + 0.5 = 1 m², not 0.
 * cleanPolygonalGeometry([[[[0, 0], [2, 1], [2, 0], [0, 1], [0, 0]]]], (c) => c).areaM2; // 1
 */
export function cleanPolygonalGeometry(polygons: readonly unknown[], xy: (c: number[]) => number[], options: HygieneOptions = {}): CleanedGeometry {
  const spikeSine = options.spikeSine ?? 1e-9;
  const zeroArea = options.zeroAreaM2 ?? 1e-6;
  const faults: GeometryFault[] = [];

  // ---- read and project -----------------------------------------------------------------
  let positions = 0, unclosed = 0, duplicates = 0, spikes = 0, degenerate = 0, partIndex = 0;
  const parts: PartInput[] = [];
  const droppedPositions: { part: number; ring: number; position: number; value: string }[] = [];
  for (const rawPoly of polygons) {
    if (!Array.isArray(rawPoly)) return excludedAs(faults, 'geometry-invalid-coordinates', { part: partIndex + 1, position: 'the polygon', value: fmtValue(rawPoly) });
    partIndex++;
    const rings: Ring[] = [];
    let shellOk = true;
    for (let r = 0; r < rawPoly.length; r++) {
      const rawRing = rawPoly[r];
      if (Array.isArray(rawRing)) positions += rawRing.length;
      const read = readRing(rawRing, xy);
      if ('bad' in read) {
        return excludedAs(faults, 'geometry-invalid-coordinates', {
          part: partIndex,
          ring: r + 1,
          position: read.bad ? read.bad.index + 1 : 'the ring',
          value: fmtValue(read.bad ? read.bad.value : rawRing),
        });
      }
      for (const d of read.dropped) droppedPositions.push({ part: partIndex, ring: r + 1, position: d.index + 1, value: fmtValue(d.value) });
      if (Array.isArray(rawRing) && rawRing.length === 0) {
        if (r === 0) shellOk = false;
        continue;
      }
      if (read.unclosed) unclosed++;
      duplicates += read.duplicates;
      const { ring, removed } = removeSpikes(read.ring, spikeSine);
      // Dropping the duplicates that spike removal made is part of the spike repair.
      if (ring.length < read.ring.length && ring.length >= 3) spikes += removed;
      if (ring.length < 3 || Math.abs(ringSignedArea(ring)) <= zeroArea && !selfTouches(ring)) {
        degenerate++;
        if (r === 0) shellOk = false;
        continue;
      }
      if (r === 0 || shellOk) rings.push(ring);
    }
    if (shellOk && rings.length > 0) parts.push({ rings });
  }
  if (positions === 0) return excludedAs(faults, 'geometry-empty');
  if (droppedPositions.length > 0) {
    const first = droppedPositions[0];
    faults.push({ code: 'geometry-invalid-position-dropped', args: { count: droppedPositions.length, ...first } });
  }
  if (unclosed > 0) faults.push({ code: 'geometry-unclosed-ring', args: { rings: unclosed } });
  if (duplicates > 0) faults.push({ code: 'geometry-duplicate-vertices', args: { vertices: duplicates } });
  if (spikes > 0) faults.push({ code: 'geometry-spike', args: { vertices: spikes } });
  if (degenerate > 0) faults.push({ code: 'geometry-degenerate-ring', args: { rings: degenerate } });
  if (parts.length === 0) return excludedAs(faults, 'geometry-zero-area', { areaM2: 0 });

  // ---- fast validity check ----------------------------------------------------------------
  // One part, one ring (most parcels): simple means valid.
  if (parts.length === 1 && parts[0].rings.length === 1 && ringIsSimple(parts[0].rings[0])) {
    let ring = parts[0].rings[0];
    const signed = ringSignedArea(ring);
    if (signed < 0) {
      ring = ring.slice().reverse();
      faults.push({ code: 'geometry-ring-winding', args: { rings: 1 } });
    }
    const areaM2 = Math.abs(signed);
    if (!(areaM2 > zeroArea)) return excludedAs(faults, 'geometry-zero-area', { areaM2 });
    return { geometry: [[ring]], areaM2, faults, excluded: null };
  }
  const allRings: Ring[] = [];
  const ringPart: number[] = [];
  const ringRole: number[] = []; // 0 = shell, k ≥ 1 = hole k of its part
  parts.forEach((p, pi) => p.rings.forEach((r, k) => { allRings.push(r); ringPart.push(pi); ringRole.push(k); }));
  const segs = buildSegments(allRings);
  const selfHit = new Map<number, SegmentContact[]>();
  const pairHit = new Set<string>(); // "ringA,ringB" (a < b)
  forEachContact(segs, (k, m, contact) => {
    const ra = segs.ring[k], rb = segs.ring[m];
    if (ra === rb) {
      const list = selfHit.get(ra) ?? [];
      list.push(contact);
      selfHit.set(ra, list);
    } else pairHit.add(ra < rb ? `${ra},${rb}` : `${rb},${ra}`);
  });

  // Winding: normalise, and report rings that were simple but wound the wrong way.
  let reversed = 0;
  for (let g = 0; g < allRings.length; g++) {
    const a = ringSignedArea(allRings[g]);
    const wrong = ringRole[g] === 0 ? a < 0 : a > 0;
    if (wrong) {
      allRings[g] = allRings[g].slice().reverse();
      parts[ringPart[g]].rings[ringRole[g]] = allRings[g];
      if (!selfHit.has(g)) reversed++;
    }
  }
  if (reversed > 0) faults.push({ code: 'geometry-ring-winding', args: { rings: reversed } });

  // Containment: for rings whose edges meet no other edge, one vertex settles where the whole
  // ring lies. (Rings that do meet go to the repair, which intersects them exactly.)
  const ringsMeet = selfHit.size > 0 || pairHit.size > 0;
  let suspicious = ringsMeet;
  const holeOutside = new Set<number>(); // global ring index
  const holeNested = new Set<number>();
  let partsOverlap = false;
  {
    let g = 0;
    for (const p of parts) {
      const shell = p.rings[0];
      for (let h = 1; h < p.rings.length; h++) {
        const v = p.rings[h][0];
        const s = pointInRing(v[0], v[1], shell);
        if (s < 0) holeOutside.add(g + h);
        else if (s === 0) suspicious = true;
        for (let o = 1; o < p.rings.length; o++) {
          if (o === h) continue;
          const t = pointInRing(v[0], v[1], p.rings[o]);
          if (t > 0) holeNested.add(g + h);
          else if (t === 0) suspicious = true;
        }
      }
      g += p.rings.length;
    }
    if (parts.length > 1) {
      const boxes = parts.map((p) => ringBox(p.rings[0]));
      for (let i = 0; i < parts.length && !partsOverlap; i++) for (let j = 0; j < parts.length; j++) {
        if (i === j || !boxesMeet(boxes[i], boxes[j])) continue;
        const v = parts[i].rings[0][0];
        const where = coverage(v[0], v[1], parts[j].rings);
        if (where === 'inside') { partsOverlap = true; break; }
        if (where === 'edge') suspicious = true;
      }
    }
  }
  if (!suspicious && holeOutside.size === 0 && holeNested.size === 0 && !partsOverlap) {
    const geometry: MultiPolygon = parts.map((p) => p.rings);
    const areaM2 = multiPolygonArea(geometry);
    if (!(areaM2 > zeroArea)) return excludedAs(faults, 'geometry-zero-area', { areaM2 });
    return { geometry, areaM2, faults, excluded: null };
  }

  // ---- repair -----------------------------------------------------------------------------
  try {
    const regions: MultiPolygon[] = [];
    let sumParts = 0;
    let g = 0;
    for (const p of parts) {
      const base = g;
      g += p.rings.length;
      const region = (k: number): MultiPolygon => {
        const ring = p.rings[k];
        const hits = selfHit.get(base + k);
        if (!hits) return [[ring]];
        const loops = splitRingIntoLoops(ring).filter((l) => Math.abs(ringSignedArea(l)) > zeroArea);
        const repaired = loops.length === 0 ? [] : loops.length === 1 ? [[loops[0]]] : clip('xor', [[loops[0]]], ...loops.slice(1).map((l) => [[l]]));
        const shoelace = Math.abs(ringSignedArea(ring));
        const areaM2 = multiPolygonArea(repaired);
        const crossed = hits.some((h) => h !== 'touch');
        // A ring that only touches itself and whose shoelace area is already right is harmless.
        const changed = Math.abs(areaM2 - shoelace) > Math.max(zeroArea, 1e-9 * areaM2);
        if (crossed || changed) {
          faults.push({ code: 'geometry-self-intersection', args: { ring: k === 0 ? 'shell' : `hole ${k}`, lobes: loops.length, areaM2, shoelaceM2: shoelace, changed: changed ? 1 : 0 } });
        }
        return repaired;
      };
      let shell = region(0);
      if (p.rings.length > 1 && shell.length > 0) {
        const holes: MultiPolygon[] = [];
        let holeSum = 0;
        for (let k = 1; k < p.rings.length; k++) {
          let hole = region(k);
          const holeArea = multiPolygonArea(hole);
          if (holeArea <= zeroArea) continue;
          const touchesShell = pairHit.has(`${base},${base + k}`) || selfHit.has(base) || selfHit.has(base + k);
          if (holeOutside.has(base + k) || touchesShell) {
            const inside = clip('intersection', hole, shell);
            const insideArea = multiPolygonArea(inside);
            if (insideArea <= zeroArea) {
              faults.push({ code: 'geometry-hole-outside-shell', args: { hole: k, areaM2: holeArea } });
              continue;
            }
            if (insideArea < holeArea - Math.max(zeroArea, 1e-9 * holeArea)) {
              faults.push({ code: 'geometry-hole-crosses-shell', args: { hole: k, outsideM2: holeArea - insideArea } });
              hole = inside;
            }
          }
          holes.push(hole);
          holeSum += multiPolygonArea(hole);
        }
        if (holes.length > 0) {
          const holeUnion = holes.length === 1 ? holes[0] : clip('union', holes[0], ...holes.slice(1));
          const overlap = holeSum - multiPolygonArea(holeUnion);
          if (overlap > Math.max(zeroArea, 1e-9 * holeSum)) faults.push({ code: 'geometry-holes-overlap', args: { overlapM2: overlap } });
          shell = clip('difference', shell, holeUnion);
        }
      }
      if (shell.length > 0) {
        regions.push(shell);
        sumParts += multiPolygonArea(shell);
      }
    }
    // Parts whose rings meet no ring of another part, and that lie in no other part, are
    // disjoint already: no union needed.
    let partsMeet = partsOverlap;
    for (const key of pairHit) {
      const [a, b] = key.split(',').map(Number);
      if (ringPart[a] !== ringPart[b]) partsMeet = true;
    }
    let geometry: MultiPolygon;
    if (regions.length <= 1) geometry = regions[0] ?? [];
    else if (!partsMeet) geometry = regions.flat();
    else {
      geometry = clip('union', regions[0], ...regions.slice(1));
      const overlap = sumParts - multiPolygonArea(geometry);
      if (overlap > Math.max(zeroArea, 1e-9 * sumParts)) faults.push({ code: 'geometry-parts-overlap', args: { overlapM2: overlap } });
    }
    geometry = normaliseWinding(geometry);
    const areaM2 = multiPolygonArea(geometry);
    if (!(areaM2 > zeroArea)) return excludedAs(faults, 'geometry-zero-area', { areaM2 });
    return { geometry, areaM2, faults, excluded: null };
  } catch {
    return excludedAs(faults, 'geometry-repair-failed');
  }
}

/**
 * The geometry without the positions {@link cleanPolygonalGeometry} drops (not two finite
 * numbers), for writing a kept feature's source geometry out; the same object when it has none.
 * Polygonal geometries only; others are returned as given.
 */
export function withoutUnreadablePositions<G extends { type: string; coordinates?: unknown }>(g: G): G {
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return g;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[][][];
  if (!Array.isArray(polys) || polys.every((p) => !Array.isArray(p) || p.every((r) => !Array.isArray(r) || r.every(finitePosition)))) return g;
  const clean = polys.map((p) => (Array.isArray(p) ? p.map((r) => (Array.isArray(r) ? r.filter(finitePosition) : r)) : p));
  return { ...g, coordinates: g.type === 'Polygon' ? clean[0] : clean };
}

/** A raw position (or ring) for a message: short JSON, never more than 60 characters. */
function fmtValue(value: unknown): string {
  let text: string;
  try { text = JSON.stringify(value) ?? String(value); } catch { text = String(value); }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function excludedAs(faults: GeometryFault[], code: NonNullable<CleanedGeometry['excluded']>, args: Record<string, number | string> = {}): CleanedGeometry {
  faults.push({ code, args });
  return { geometry: [], areaM2: 0, faults, excluded: code };
}

/** Whether a ring meets itself (used to keep a zero-net-area figure-eight for the repair). */
function selfTouches(ring: Ring): boolean {
  return !ringIsSimple(ring);
}

function normaliseWinding(mp: MultiPolygon): MultiPolygon {
  return mp.map((p) => p.map((r, k) => {
    const a = ringSignedArea(r);
    return (k === 0 ? a < 0 : a > 0) ? r.slice().reverse() : r;
  }));
}

function ringBox(r: Ring): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const c of r) {
    if (c[0] < minX) minX = c[0];
    if (c[0] > maxX) maxX = c[0];
    if (c[1] < minY) minY = c[1];
    if (c[1] > maxY) maxY = c[1];
  }
  return [minX, minY, maxX, maxY];
}

function boxesMeet(a: number[], b: number[]): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Where a point lies relative to a polygon (shell and holes). */
function coverage(x: number, y: number, rings: Ring[]): 'inside' | 'outside' | 'edge' {
  const s = pointInRing(x, y, rings[0]);
  if (s < 0) return 'outside';
  if (s === 0) return 'edge';
  for (let h = 1; h < rings.length; h++) {
    const t = pointInRing(x, y, rings[h]);
    if (t === 0) return 'edge';
    if (t > 0) return 'outside';
  }
  return 'inside';
}
