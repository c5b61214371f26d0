/**
 * Decoding text from bytes: encoding labels as they appear in .cpg files, configs and DBF headers,
 * byte-order marks, and detection of UTF-8 against GBK (the two encodings Chinese GIS data come
 * in). Uses the platform's `TextDecoder` (WHATWG Encoding: Node 20 with full ICU and every
 * browser decode `gbk`, `gb18030`, `big5`, `shift_jis`, `windows-125x`, …).
 * Decisions: docs/io-readers.md, "Encodings".
 */

// The engine compiles without DOM or Node types, so the one platform API it needs is declared
// here (module scope; at run time the global is used).
interface TextDecoderLike { readonly encoding: string; decode(input?: Uint8Array): string }
declare const TextDecoder: { new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoderLike };

/** Where the encoding of a file's text came from. */
export type EncodingSource = 'cpg' | 'ldid' | 'detected' | 'option';

/** The encoding a reader used, and why. */
export interface EncodingInfo {
  /** WHATWG name of the decoder used: `utf-8`, `gbk`, `gb18030`, `big5`, `windows-1252`, … */
  name: string;
  source: EncodingSource;
}

// Labels seen in .cpg files (ArcGIS writes code-page numbers, QGIS and GDAL names) and configs,
// mapped to WHATWG labels. Anything else is tried on TextDecoder as written.
const LABELS: Record<string, string> = {
  'utf8': 'utf-8', 'utf-8': 'utf-8', '65001': 'utf-8', 'utf-8-sig': 'utf-8', 'cp65001': 'utf-8',
  'gbk': 'gbk', '936': 'gbk', 'cp936': 'gbk', 'ms936': 'gbk', 'windows-936': 'gbk', 'gb2312': 'gbk', 'euc-cn': 'gbk',
  'gb_2312-80': 'gbk', 'x-gbk': 'gbk', 'ansi_936': 'gbk', 'chinese': 'gbk',
  'gb18030': 'gb18030', '54936': 'gb18030', 'cp54936': 'gb18030',
  'big5': 'big5', '950': 'big5', 'cp950': 'big5', 'big5-hkscs': 'big5',
  '932': 'shift_jis', 'cp932': 'shift_jis', 'shift_jis': 'shift_jis', 'sjis': 'shift_jis',
  '949': 'euc-kr', 'cp949': 'euc-kr', 'euc-kr': 'euc-kr',
  '874': 'windows-874', 'cp874': 'windows-874',
  'latin1': 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', 'iso88591': 'windows-1252',
  '8859_1': 'windows-1252', '88591': 'windows-1252', 'iso_8859-1': 'windows-1252',
};
for (let cp = 1250; cp <= 1258; cp++) {
  LABELS[String(cp)] = `windows-${cp}`;
  LABELS[`cp${cp}`] = `windows-${cp}`;
  LABELS[`ansi_${cp}`] = `windows-${cp}`;
  LABELS[`windows-${cp}`] = `windows-${cp}`;
}

/**
 * The WHATWG decoder name for an encoding label, or `null` when the runtime cannot decode it.
 *
 * @param label - as written in a .cpg file or a config: `UTF-8`, `GBK`, `936`, `CP936`,
 *   `GB18030`, `ANSI 1252`, … (case, spaces and a `CP`/`ANSI_` prefix are forgiven).
 * @returns `utf-8`, `gbk`, `gb18030`, `big5`, `windows-1252`, … or `null`.
 * @example
 * normaliseEncodingLabel('CP936'); // 'gbk'
 * normaliseEncodingLabel('936');   // 'gbk'
 * normaliseEncodingLabel('IBM437'); // null (no WHATWG decoder)
 */
export function normaliseEncodingLabel(label: string): string | null {
  const key = label.trim().toLowerCase().replace(/\s+/g, '_').replace(/^ansi_?(?=\d)/, 'ansi_');
  if (key === '') return null;
  const mapped = LABELS[key] ?? LABELS[key.replace(/_/g, '-')] ?? LABELS[key.replace(/[-_]/g, '')];
  try {
    return new TextDecoder(mapped ?? key).encoding;
  } catch {
    return null;
  }
}

/** Whether the bytes are well-formed UTF-8 (ASCII included). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Whether every byte is 7-bit ASCII. */
export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

/** Byte-order mark at the start of the bytes: its encoding and length, or `null`. */
export function detectBom(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Guess the encoding of text bytes that carry no declaration.
 *
 * Rules, in order: a byte-order mark; only ASCII bytes → `utf-8` (any choice decodes them the
 * same); well-formed UTF-8 → `utf-8` (GBK text is almost never well-formed UTF-8: common
 * hanzi have trail bytes 0xA1–0xFE, where UTF-8 needs 0x80–0xBF after every lead byte); a GBK decoding
 * without errors in which at least half of the two-byte characters lie in the GB2312 block
 * (both bytes 0xA1–0xFE, where all common hanzi are) → `gbk`; otherwise `windows-1252`
 * (Latin text, where a high byte is mostly followed by an ASCII letter).
 *
 * @param bytes - the text's bytes (a sample is enough; the whole buffer is scanned).
 * @returns the WHATWG decoder name and a short reason for the report.
 * @example
 * detectEncoding(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4])); // { encoding: 'gbk', reason: … } ("中文" in GBK)
 */
export function detectEncoding(bytes: Uint8Array): { encoding: string; reason: string; ascii: boolean } {
  const bom = detectBom(bytes);
  if (bom) return { encoding: bom.encoding, reason: `byte-order mark for ${bom.encoding.toUpperCase()}`, ascii: false };
  if (isAscii(bytes)) return { encoding: 'utf-8', reason: 'only ASCII characters, which every encoding reads alike', ascii: true };
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', reason: 'the bytes are well-formed UTF-8', ascii: false };
  let gbkOk = true;
  try {
    new TextDecoder('gbk', { fatal: true }).decode(bytes);
  } catch {
    gbkOk = false;
  }
  if (gbkOk) {
    let pairs = 0;
    let gb2312 = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b < 0x81) continue;
      const t = bytes[i + 1];
      pairs++;
      if (b >= 0xa1 && b <= 0xf7 && t >= 0xa1 && t <= 0xfe) gb2312++;
      i++;
    }
    if (pairs > 0 && gb2312 * 2 >= pairs) {
      return { encoding: 'gbk', reason: 'the bytes are not UTF-8 but read as GBK Chinese characters', ascii: false };
    }
  }
  return { encoding: 'windows-1252', reason: 'the bytes are neither UTF-8 nor GBK Chinese text; read as Windows-1252 (Latin)', ascii: false };
}

/**
 * A reusable decoder for one encoding that counts replaced (invalid) byte sequences.
 *
 * @param encoding - a WHATWG name (from {@link normaliseEncodingLabel} or {@link detectEncoding}).
 */
export function createDecoder(encoding: string): { name: string; decode: (bytes: Uint8Array) => string; invalidCount: () => number } {
  const dec = new TextDecoder(encoding, { ignoreBOM: true });
  let invalid = 0;
  return {
    name: dec.encoding,
    decode(bytes: Uint8Array): string {
      const s = dec.decode(bytes);
      if (s.includes('\uFFFD')) for (const ch of s) if (ch === '\uFFFD') invalid++;
      return s;
    },
    invalidCount: () => invalid,
  };
}

/** Result of {@link decodeText}. */
export interface DecodedText {
  text: string;
  encoding: EncodingInfo;
  /** Human-readable reason for a detected encoding (for `io-encoding-detected`). */
  reason?: string;
  /** Label given in `encoding` that the runtime cannot decode (for `io-encoding-unknown-label`). */
  unknownLabel?: string;
  /** Byte sequences replaced by U+FFFD. */
  invalidCount: number;
}

/**
 * Decode a whole text file: a byte-order mark wins (and is removed), then the given encoding,
 * then {@link detectEncoding}.
 *
 * @param bytes - the file's bytes.
 * @param options - `encoding`: label from the config (`gbk`, `utf-8`, `936`, …); default detect.
 * @returns the text without BOM, the encoding used and where it came from.
 * @example
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).text; // 'a'
 */
export function decodeText(bytes: Uint8Array, options: { encoding?: string } = {}): DecodedText {
  const bom = detectBom(bytes);
  let name: string;
  let source: EncodingSource;
  let reason: string | undefined;
  let unknownLabel: string | undefined;
  let body = bytes;
  if (bom) {
    name = bom.encoding;
    source = 'detected';
    reason = `byte-order mark for ${bom.encoding.toUpperCase()}`;
    body = bytes.subarray(bom.length);
  } else {
    const given = options.encoding !== undefined && options.encoding.trim() !== '' ? normaliseEncodingLabel(options.encoding) : null;
    if (given) {
      name = given;
      source = 'option';
    } else {
      if (options.encoding !== undefined && options.encoding.trim() !== '') unknownLabel = options.encoding;
      const d = detectEncoding(bytes);
      name = d.encoding;
      source = 'detected';
      reason = d.reason;
    }
  }
  const dec = createDecoder(name);
  const text = dec.decode(body);
  return { text, encoding: { name: dec.name, source }, reason, unknownLabel, invalidCount: dec.invalidCount() };
}
