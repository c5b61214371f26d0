/**
 * Well-Known Binary (ISO 13249 / OGC SFA), as GeoPackage stores it: read any byte order, ISO
 * (1000/2000/3000 offsets) and extended (EWKB high-bit) Z/M flags; write 2D little-endian ISO.
 * The engine is 2D, so Z and M values are dropped on reading and reported by the caller.
 */
import type { Geometry, Position } from '../../types.js';

/** What reading one WKB geometry found. */
export interface WkbReadResult {
  /** The 2D geometry, or null when it is empty, unsupported or unreadable. */
  geometry: Geometry | null;
  /** Z or M ordinates were present and dropped. */
  droppedZM: boolean;
  /** The geometry is a valid empty geometry (POINT EMPTY, an empty polygon, …). */
  empty: boolean;
  /** Name of a geometry type the engine cannot hold (CircularString, Curve, Surface, TIN, …). */
  unsupported: string | null;
  /** Why the bytes could not be read (truncated, unknown type), else null. */
  error: string | null;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'Point', 2: 'LineString', 3: 'Polygon', 4: 'MultiPoint', 5: 'MultiLineString', 6: 'MultiPolygon', 7: 'GeometryCollection',
  8: 'CircularString', 9: 'CompoundCurve', 10: 'CurvePolygon', 11: 'MultiCurve', 12: 'MultiSurface', 13: 'Curve', 14: 'Surface',
  15: 'PolyhedralSurface', 16: 'TIN', 17: 'Triangle',
};

class WkbError extends Error {}

class Reader {
  private readonly view: DataView;
  pos: number;
  droppedZM = false;
  unsupported: string | null = null;
  constructor(bytes: Uint8Array, offset: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = offset;
  }
  need(n: number): void {
    if (this.pos + n > this.view.byteLength) throw new WkbError(`truncated WKB at byte ${this.pos} (needs ${n} more)`);
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.pos++);
  }
  u32(le: boolean): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, le);
    this.pos += 4;
    return v;
  }
  f64(le: boolean): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, le);
    this.pos += 8;
    return v;
  }

  /** One geometry; null for an empty one. */
  geometry(): Geometry | null {
    const order = this.u8();
    if (order > 1) throw new WkbError(`bad byte-order mark ${order}`);
    const le = order === 1;
    let code = this.u32(le);
    // EWKB: high bits flag Z (0x80000000), M (0x40000000) and an embedded SRID (0x20000000).
    let dims = 2;
    if (code & 0xe0000000) {
      if (code & 0x80000000) dims++;
      if (code & 0x40000000) dims++;
      if (code & 0x20000000) this.u32(le);
      code &= 0x0fffffff;
    }
    // ISO: 1000 = Z, 2000 = M, 3000 = ZM.
    const iso = Math.floor(code / 1000);
    if (iso >= 1 && iso <= 3) dims += iso === 3 ? 2 : 1;
    const base = code % 1000;
    if (dims > 2) this.droppedZM = true;
    switch (base) {
      case 1: {
        const p = this.position(le, dims);
        return Number.isNaN(p[0]) && Number.isNaN(p[1]) ? null : { type: 'Point', coordinates: p };
      }
      case 2: {
        const c = this.positions(le, dims);
        return c.length === 0 ? null : { type: 'LineString', coordinates: c };
      }
      case 3: {
        const r = this.rings(le, dims);
        return r.length === 0 ? null : { type: 'Polygon', coordinates: r };
      }
      case 4:
      case 5:
      case 6:
      case 7: {
        const n = this.u32(le);
        const parts: Geometry[] = [];
        for (let i = 0; i < n; i++) {
          const g = this.geometry();
          if (g) parts.push(g);
        }
        if (parts.length === 0) return null;
        if (base === 7) return { type: 'GeometryCollection', geometries: parts };
        const want = base === 4 ? 'Point' : base === 5 ? 'LineString' : 'Polygon';
        if (parts.some((p) => p.type !== want)) throw new WkbError(`a Multi${want} holds a part that is not a ${want}`);
        if (base === 4) return { type: 'MultiPoint', coordinates: parts.map((p) => (p as { coordinates: Position }).coordinates) };
        if (base === 5) return { type: 'MultiLineString', coordinates: parts.map((p) => (p as { coordinates: Position[] }).coordinates) };
        return { type: 'MultiPolygon', coordinates: parts.map((p) => (p as { coordinates: Position[][] }).coordinates) };
      }
      default: {
        const name = TYPE_NAMES[base];
        if (name) {
          this.unsupported = name;
          throw new WkbError(`unsupported geometry type ${name}`);
        }
        throw new WkbError(`unknown WKB geometry type code ${code}`);
      }
    }
  }
  position(le: boolean, dims: number): Position {
    const x = this.f64(le);
    const y = this.f64(le);
    for (let d = 2; d < dims; d++) this.f64(le);
    return [x, y];
  }
  positions(le: boolean, dims: number): Position[] {
    const n = this.u32(le);
    this.need(n * dims * 8);
    const out: Position[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.position(le, dims);
    return out;
  }
  rings(le: boolean, dims: number): Position[][] {
    const n = this.u32(le);
    const out: Position[][] = [];
    for (let i = 0; i < n; i++) out.push(this.positions(le, dims));
    return out;
  }
}

/**
 * Read one WKB geometry starting at `offset`.
 *
 * @param bytes - the buffer; not modified.
 * @param offset - byte offset of the WKB (default 0).
 * @returns the 2D geometry and what was dropped; never throws.
 */
export function readWkb(bytes: Uint8Array, offset = 0): WkbReadResult {
  const r = new Reader(bytes, offset);
  try {
    const geometry = r.geometry();
    return { geometry, droppedZM: r.droppedZM, empty: geometry === null, unsupported: null, error: null };
  } catch (err) {
    if (!(err instanceof WkbError)) throw err;
    return { geometry: null, droppedZM: r.droppedZM, empty: false, unsupported: r.unsupported, error: r.unsupported ? null : err.message };
  }
}

const WKB_CODES: Record<Geometry['type'], number> = {
  Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7,
};

function wkbSize(g: Geometry): number {
  switch (g.type) {
    case 'Point':
      return 21;
    case 'LineString':
      return 9 + 16 * g.coordinates.length;
    case 'Polygon':
      return 9 + g.coordinates.reduce((n, r) => n + 4 + 16 * r.length, 0);
    case 'MultiPoint':
      return 9 + 21 * g.coordinates.length;
    case 'MultiLineString':
      return 9 + g.coordinates.reduce((n, l) => n + 9 + 16 * l.length, 0);
    case 'MultiPolygon':
      return 9 + g.coordinates.reduce((n, p) => n + 9 + p.reduce((m, r) => m + 4 + 16 * r.length, 0), 0);
    case 'GeometryCollection':
      return 9 + g.geometries.reduce((n, p) => n + wkbSize(p), 0);
  }
}

/**
 * 2D little-endian ISO WKB of a geometry (only x and y are written).
 *
 * @example
 * writeWkb({ type: 'Point', coordinates: [1, 2] }).length; // 21
 */
export function writeWkb(geometry: Geometry): Uint8Array {
  const out = new Uint8Array(wkbSize(geometry));
  writeWkbInto(geometry, new DataView(out.buffer), 0);
  return out;
}

/** Write WKB at `offset` of `view` (sized with {@link wkbByteLength}); returns the end offset. */
export function writeWkbInto(g: Geometry, view: DataView, offset: number): number {
  let o = offset;
  const head = (code: number): void => {
    view.setUint8(o, 1);
    view.setUint32(o + 1, code, true);
    o += 5;
  };
  const pt = (p: Position): void => {
    view.setFloat64(o, p[0], true);
    view.setFloat64(o + 8, p[1], true);
    o += 16;
  };
  const line = (ps: Position[]): void => {
    view.setUint32(o, ps.length, true);
    o += 4;
    for (const p of ps) pt(p);
  };
  const poly = (rs: Position[][]): void => {
    view.setUint32(o, rs.length, true);
    o += 4;
    for (const r of rs) line(r);
  };
  head(WKB_CODES[g.type]);
  switch (g.type) {
    case 'Point':
      pt(g.coordinates);
      break;
    case 'LineString':
      line(g.coordinates);
      break;
    case 'Polygon':
      poly(g.coordinates);
      break;
    case 'MultiPoint':
      view.setUint32(o, g.coordinates.length, true);
      o += 4;
      for (const p of g.coordinates) {
        head(1);
        pt(p);
      }
      break;
    case 'MultiLineString':
      view.setUint32(o, g.coordinates.length, true);
      o += 4;
      for (const l of g.coordinates) {
        head(2);
        line(l);
      }
      break;
    case 'MultiPolygon':
      view.setUint32(o, g.coordinates.length, true);
      o += 4;
      for (const p of g.coordinates) {
        head(3);
        poly(p);
      }
      break;
    case 'GeometryCollection':
      view.setUint32(o, g.geometries.length, true);
      o += 4;
      for (const p of g.geometries) o = writeWkbInto(p, view, o);
      break;
  }
  return o;
}

/** Byte length of the 2D WKB of a geometry. */
export function wkbByteLength(geometry: Geometry): number {
  return wkbSize(geometry);
}

/** Bounding box `[minX, minY, maxX, maxY]` of a geometry's x/y, or null when it has no position. */
export function geometryBbox(g: Geometry): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (p: Position): void => {
    const x = p[0];
    const y = p[1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  };
  const walk = (geom: Geometry): void => {
    switch (geom.type) {
      case 'Point':
        visit(geom.coordinates);
        break;
      case 'LineString':
      case 'MultiPoint':
        geom.coordinates.forEach(visit);
        break;
      case 'Polygon':
      case 'MultiLineString':
        for (const r of geom.coordinates) r.forEach(visit);
        break;
      case 'MultiPolygon':
        for (const p of geom.coordinates) for (const r of p) r.forEach(visit);
        break;
      case 'GeometryCollection':
        geom.geometries.forEach(walk);
        break;
    }
  };
  walk(g);
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}
