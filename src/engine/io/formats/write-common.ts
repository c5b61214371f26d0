/** Shared pieces of the writers: result type, attribute schema inference, ring orientation. */
import type { Feature, FeatureCollection, Issue, Position } from '../../types.js';

/** What a writer returns: the file's bytes and the data problems met on the way. */
export interface WriteResult {
  bytes: Uint8Array;
  issues: Issue[];
}

/** Attribute type of a column, inferred from its values. */
export type FieldKind = 'integer' | 'real' | 'boolean' | 'text' | 'json';

export interface FieldSchema {
  /** Property name as in the features. */
  name: string;
  kind: FieldKind;
}

/** Features of a collection or array, without copying. */
export function featuresOf(input: FeatureCollection | readonly Feature[]): readonly Feature[] {
  return Array.isArray(input) ? input : (input as FeatureCollection).features;
}

/**
 * Column kinds from the values, in first-seen key order: only safe integers → integer; any
 * non-integer number → real; only booleans → boolean; objects/arrays → json (written as JSON
 * text); strings or a mix of kinds → text. A column of nulls only is text.
 */
export function inferSchema(features: readonly Feature[], only?: readonly string[]): FieldSchema[] {
  const kinds = new Map<string, Set<string>>();
  if (only) for (const k of only) kinds.set(k, new Set());
  for (const f of features) {
    const p = f.properties;
    if (!p) continue;
    for (const k of Object.keys(p)) {
      let set = kinds.get(k);
      if (!set) {
        if (only) continue;
        set = new Set();
        kinds.set(k, set);
      }
      const v = p[k];
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') set.add(Number.isFinite(v) ? (Number.isSafeInteger(v) ? 'integer' : 'real') : 'nonfinite');
      else if (typeof v === 'boolean') set.add('boolean');
      else if (typeof v === 'string') set.add('text');
      else set.add('json');
    }
  }
  const out: FieldSchema[] = [];
  for (const [name, set] of kinds) {
    set.delete('nonfinite');
    let kind: FieldKind = 'text';
    if (set.size === 1) kind = [...set][0] as FieldKind;
    else if (set.size === 2 && set.has('integer') && set.has('real')) kind = 'real';
    out.push({ name, kind });
  }
  return out;
}

/** Twice the signed area of a ring (shoelace); positive when counter-clockwise with y up. */
export function ringArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

/** A closed copy of a ring oriented counter-clockwise (`ccw`) or clockwise. */
export function orientRing(ring: readonly Position[], ccw: boolean): Position[] {
  const r = ring.map((p) => [p[0], p[1]]);
  if (r.length > 0) {
    const a = r[0];
    const b = r[r.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) r.push([a[0], a[1]]);
  }
  const area = ringArea2(r);
  if ((area > 0) !== ccw && area !== 0) r.reverse();
  return r;
}

/** Counts non-finite numbers per field, reported once per field. */
export class NonFiniteTally {
  private readonly counts = new Map<string, number>();
  note(field: string): void {
    this.counts.set(field, (this.counts.get(field) ?? 0) + 1);
  }
  entries(): Array<[string, number]> {
    return [...this.counts];
  }
}
