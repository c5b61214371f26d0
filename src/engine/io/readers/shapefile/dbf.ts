/**
 * The .dbf attribute table (dBASE III+ as Shapefiles use it): header, field descriptors,
 * fixed-width records. Text is decoded by a decoder the caller chooses (see `shapefile.ts`).
 */
import type { Properties } from '../../../types.js';

/** One field descriptor. */
export interface DbfField {
  /** Raw name bytes (up to 11, NUL-terminated), decoded later with the table's encoding. */
  rawName: Uint8Array;
  /** Field type letter: C, N, F, L, D (others are read as text). */
  type: string;
  length: number;
  decimals: number;
  /** Byte offset of the field within a record (after the deletion flag). */
  offset: number;
}

/** The parsed header of a .dbf. */
export interface DbfHeader {
  version: number;
  recordCount: number;
  headerLength: number;
  recordLength: number;
  /** Language driver id (byte 29); 0 = none. */
  ldid: number;
  fields: DbfField[];
}

/**
 * Language driver id → code page (xBase table as ArcGIS and GDAL use it). 0x57 means "the
 * writer's ANSI code page" (GBK on Chinese Windows), so it names no encoding by itself.
 */
export const LDID_CODE_PAGES: Readonly<Record<number, string>> = {
  0x01: '437', 0x02: '850', 0x03: '1252', 0x04: '10000', 0x08: '865', 0x09: '437', 0x0a: '850', 0x0b: '437',
  0x0d: '437', 0x0e: '850', 0x0f: '437', 0x10: '850', 0x11: '437', 0x12: '850', 0x13: '932', 0x14: '850',
  0x15: '437', 0x16: '850', 0x17: '865', 0x18: '437', 0x19: '437', 0x1a: '850', 0x1b: '437', 0x1c: '863',
  0x1d: '850', 0x1f: '852', 0x22: '852', 0x23: '852', 0x24: '860', 0x25: '850', 0x26: '866', 0x37: '850',
  0x40: '852', 0x4d: '936', 0x4e: '949', 0x4f: '950', 0x50: '874', 0x58: '1252', 0x59: '1252', 0x64: '852',
  0x65: '866', 0x66: '865', 0x67: '861', 0x6a: '737', 0x6b: '857', 0x6c: '863', 0x78: '950', 0x79: '949',
  0x7a: '936', 0x7b: '932', 0x7c: '874', 0x86: '737', 0x87: '852', 0x88: '857', 0xc8: '1250', 0xc9: '1251',
  0xca: '1254', 0xcb: '1253', 0xcc: '1257',
};

/** Read the header and field descriptors; `null` with a reason when the file is not a .dbf. */
export function readDbfHeader(bytes: Uint8Array): { header: DbfHeader | null; error: string | null } {
  if (bytes.length < 33) return { header: null, error: `the file has ${bytes.length} bytes, too few for a header` };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordCount = dv.getUint32(4, true);
  const headerLength = dv.getUint16(8, true);
  const recordLength = dv.getUint16(10, true);
  const fields: DbfField[] = [];
  let offset = 1;
  for (let p = 32; p + 32 <= Math.min(bytes.length, headerLength) && bytes[p] !== 0x0d; p += 32) {
    let nameEnd = p;
    while (nameEnd < p + 11 && bytes[nameEnd] !== 0) nameEnd++;
    const length = bytes[p + 16];
    fields.push({ rawName: bytes.subarray(p, nameEnd), type: String.fromCharCode(bytes[p + 11]).toUpperCase(), length, decimals: bytes[p + 17], offset });
    offset += length;
  }
  if (headerLength < 33 || recordLength < 1) return { header: null, error: `header length ${headerLength} / record length ${recordLength} are impossible` };
  return { header: { version: bytes[0], recordCount, headerLength, recordLength, ldid: bytes[29], fields }, error: null };
}

/** The bytes that carry text (field names and C fields), for encoding detection. */
export function dbfTextBytes(bytes: Uint8Array, header: DbfHeader): Uint8Array {
  const textFields = header.fields.filter((f) => f.type === 'C');
  const rows = Math.min(header.recordCount, Math.floor((bytes.length - header.headerLength) / header.recordLength));
  let size = header.fields.reduce((s, f) => s + f.rawName.length + 1, 0);
  for (const f of textFields) size += (f.length + 1) * rows;
  const out = new Uint8Array(size);
  let o = 0;
  for (const f of header.fields) { out.set(f.rawName, o); o += f.rawName.length; out[o++] = 0x20; }
  for (let r = 0; r < rows; r++) {
    const base = header.headerLength + r * header.recordLength;
    for (const f of textFields) { out.set(bytes.subarray(base + f.offset, base + f.offset + f.length), o); o += f.length; out[o++] = 0x20; }
  }
  return out;
}

/** A value that could not be read, for reporting. */
export interface DbfBadValue { row: number; field: string; text: string; kind: string }

/** Result of {@link readDbfRecords}. */
export interface DbfRecords {
  /** Field names as decoded (renamed `FIELD_n` when empty, suffixed when repeated). */
  names: string[];
  /** One entry per record; `null` for a record marked deleted. */
  rows: Array<Properties | null>;
  deleted: number;
  badValues: DbfBadValue[];
  /** Fields of types read as text (not C, N, F, L, D, I, O, +). */
  otherTypes: Array<{ field: string; type: string }>;
}

const trimSpaces = (s: string): string => s.replace(/^[\s\0]+|[\s\0]+$/g, '');

/**
 * Read every record.
 *
 * - C: text decoded by `decode`, surrounding spaces trimmed; empty → null (as GDAL does).
 * - N, F: number; empty or `*`-filled → null; unparseable → null and a bad value.
 * - L: T/t/Y/y → true, F/f/N/n → false, `?`/blank → null.
 * - D: `YYYYMMDD` → `YYYY-MM-DD`; blank or `00000000` → null; malformed → null and a bad value.
 * - I, + (int32) and O (float64), binary in Visual FoxPro tables, are read as numbers.
 *
 * @param bytes - the .dbf file.
 * @param header - from {@link readDbfHeader}.
 * @param decode - decodes text bytes (C fields).
 * @param decodeName - decodes field names; default `decode`.
 */
export function readDbfRecords(bytes: Uint8Array, header: DbfHeader, decode: (b: Uint8Array) => string, decodeName: (b: Uint8Array) => string = decode): DbfRecords {
  const names: string[] = [];
  const seen = new Set<string>();
  header.fields.forEach((f, i) => {
    let name = trimSpaces(decodeName(f.rawName));
    if (name === '') name = `FIELD_${i + 1}`;
    if (seen.has(name)) { let k = 2; while (seen.has(`${name}_${k}`)) k++; name = `${name}_${k}`; }
    seen.add(name);
    names.push(name);
  });
  const otherTypes = header.fields
    .map((f, i) => ({ field: names[i], type: f.type }))
    .filter((f) => !'CNFLDIO+'.includes(f.type));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (b: Uint8Array): string => { let s = ''; for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]); return s; };
  const rows: Array<Properties | null> = [];
  const badValues: DbfBadValue[] = [];
  let deleted = 0;
  const available = Math.floor(Math.max(0, bytes.length - header.headerLength) / header.recordLength);
  const count = Math.min(header.recordCount, available);
  for (let r = 0; r < count; r++) {
    const base = header.headerLength + r * header.recordLength;
    if (bytes[base] === 0x2a) { rows.push(null); deleted++; continue; }
    const props: Properties = {};
    header.fields.forEach((f, i) => {
      const raw = bytes.subarray(base + f.offset, base + f.offset + f.length);
      const name = names[i];
      switch (f.type) {
        case 'C': {
          const s = trimSpaces(decode(raw));
          props[name] = s === '' ? null : s;
          break;
        }
        case 'N': case 'F': {
          const s = trimSpaces(ascii(raw));
          if (s === '' || /^\*+$/.test(s) || /^-?\.?-*$/.test(s)) { props[name] = null; break; }
          const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
          if (Number.isFinite(v)) props[name] = v === 0 ? 0 : v;
          else { props[name] = null; badValues.push({ row: r + 1, field: name, text: s, kind: 'number' }); }
          break;
        }
        case 'L': {
          const c = ascii(raw).trim().charAt(0);
          props[name] = 'TtYy'.includes(c) && c !== '' ? true : 'FfNn'.includes(c) && c !== '' ? false : null;
          break;
        }
        case 'D': {
          const s = trimSpaces(ascii(raw));
          if (s === '' || /^0+$/.test(s)) { props[name] = null; break; }
          const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
          if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31) props[name] = `${m[1]}-${m[2]}-${m[3]}`;
          else { props[name] = null; badValues.push({ row: r + 1, field: name, text: s, kind: 'date (YYYYMMDD)' }); }
          break;
        }
        case 'I': case '+':
          props[name] = f.length >= 4 ? dv.getInt32(base + f.offset, true) : null;
          break;
        case 'O': {
          const v = f.length >= 8 ? dv.getFloat64(base + f.offset, true) : NaN;
          props[name] = Number.isFinite(v) ? v : null;
          break;
        }
        default: {
          const s = trimSpaces(decode(raw));
          props[name] = s === '' ? null : s;
        }
      }
    });
    rows.push(props);
  }
  return { names, rows, deleted, badValues, otherTypes };
}
