/**
 * Reading the members of a zip archive with their names decoded correctly: the zip's UTF-8 flag
 * (general-purpose bit 11) is honoured, and unflagged non-ASCII names (written by Windows tools
 * in the system code page, GBK on Chinese Windows) are detected. Decompression by fflate.
 */
import { inflateSync } from 'fflate';
import { createDecoder, detectEncoding, isAscii } from '../../text.js';

/** One member of a zip archive. */
export interface ZipEntry {
  /** Decoded name with its folder path (`dir/地块.shp`). */
  name: string;
  /** Whether the archive marked the name as UTF-8 (bit 11). */
  utf8Flag: boolean;
  data: Uint8Array;
}

/** Result of {@link readZip}. */
export interface ZipContents {
  entries: ZipEntry[];
  /** Encoding used for names without the UTF-8 flag that are not ASCII, if any. */
  nameEncoding: string | null;
  /** How many names were decoded with `nameEncoding`. */
  decodedNames: number;
  /** Members that could not be read, with the reason. */
  skipped: Array<{ name: string; reason: string }>;
  /** Set when the archive as a whole cannot be read. */
  error: string | null;
}

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

/**
 * List and decompress the members of a zip archive (stored or deflated; no encryption, no
 * Zip64). Folders are left out.
 *
 * @param bytes - the archive.
 * @returns members with decoded names; `error` when the archive is unreadable.
 * @example
 * readZip(bytes).entries.map((e) => e.name); // ['地块.shp', '地块.dbf', …]
 */
export function readZip(bytes: Uint8Array): ZipContents {
  const out: ZipContents = { entries: [], nameEncoding: null, decodedNames: 0, skipped: [], error: null };
  // End of central directory record: within the last 22 + 65535 bytes (comment), searched backwards.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65535; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) { eocd = i; break; }
  }
  if (eocd < 0) { out.error = 'no end-of-central-directory record; the file is truncated or not a zip'; return out; }
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) { out.error = 'Zip64 archives are not supported'; return out; }

  interface Raw { rawName: Uint8Array; flags: number; method: number; compSize: number; size: number; local: number }
  const raws: Raw[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) { out.error = `central directory entry ${k + 1} is corrupt`; return out; }
    const nameLen = u16(bytes, p + 28);
    raws.push({
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      compSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      local: u32(bytes, p + 42),
      rawName: bytes.subarray(p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
  }

  // Names without the UTF-8 flag: one encoding for the whole archive, detected over all of them.
  const unflagged = raws.filter((r) => !(r.flags & 0x800) && !isAscii(r.rawName));
  let legacy: ReturnType<typeof createDecoder> | null = null;
  if (unflagged.length > 0) {
    const joined = new Uint8Array(unflagged.reduce((s, r) => s + r.rawName.length + 1, 0));
    let o = 0;
    for (const r of unflagged) { joined.set(r.rawName, o); o += r.rawName.length + 1; joined[o - 1] = 0x2f; }
    const enc = detectEncoding(joined).encoding;
    legacy = createDecoder(enc);
    out.nameEncoding = legacy.name;
    out.decodedNames = unflagged.length;
  }
  const utf8 = createDecoder('utf-8');

  for (const r of raws) {
    const name = (r.flags & 0x800 || isAscii(r.rawName) || !legacy ? utf8 : legacy).decode(r.rawName);
    if (name.endsWith('/')) continue;
    if (r.flags & 0x1) { out.skipped.push({ name, reason: 'encrypted' }); continue; }
    const lh = r.local;
    if (lh + 30 > bytes.length || u32(bytes, lh) !== 0x04034b50) { out.skipped.push({ name, reason: 'local header missing' }); continue; }
    const start = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
    const comp = bytes.subarray(start, start + r.compSize);
    if (comp.length < r.compSize) { out.skipped.push({ name, reason: 'truncated' }); continue; }
    try {
      let data: Uint8Array;
      if (r.method === 0) data = comp.slice();
      else if (r.method === 8) data = inflateSync(comp, { out: new Uint8Array(r.size) });
      else { out.skipped.push({ name, reason: `compression method ${r.method} is not supported (only stored and deflate)` }); continue; }
      out.entries.push({ name, utf8Flag: (r.flags & 0x800) !== 0, data });
    } catch (e) {
      out.skipped.push({ name, reason: `cannot be decompressed (${(e as Error).message})` });
    }
  }
  return out;
}
