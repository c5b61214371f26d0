/**
 * Reading a number out of a spreadsheet cell as statistics tables write them in China and
 * elsewhere: thousands separators, full-width digits, percentages, 万/亿 multipliers, accounting
 * negatives and the many ways of writing "no value".
 */

/** A notation {@link parseNumberCell} converted; reported per column so nothing is silent. */
export type NumberNotation =
  | 'thousands-separator'
  | 'full-width'
  | 'percent'
  | 'per-mille'
  | 'wan'
  | 'yi'
  | 'accounting-negative'
  | 'currency';

/** Result of {@link parseNumberCell}. */
export type NumberCell =
  | { kind: 'number'; value: number; notations: NumberNotation[] }
  | { kind: 'null' }
  | { kind: 'invalid'; text: string };

// Written for "no value" in statistics tables; compared after NFKC, trimming and lower-casing.
const NULL_TOKENS = new Set(['', '-', '--', '---', '—', '——', '–', '/', 'na', 'n/a', '#n/a', 'null', 'none', 'nan', '…', '...', '…。']);

// Plain decimal: 123, 123.45, .5, 1e5, 1.2E-3.
const PLAIN = /^(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?$/;
// Grouped: 1,234 or 1,234,567.89 (groups of exactly three digits).
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Parse one cell as a number.
 *
 * Accepted: `1234.5`, `1,234.5` (groups of three only; `1,5` is not read as 1.5 or 15 but is
 * invalid), full-width `１２３．４` (NFKC), `12.5%` → 0.125, `3‰` → 0.003, `1.2万` → 12000,
 * `3亿` → 300000000, `(123)` → -123, a leading `+`/`-`/`−`, a leading currency sign (`¥`, `$`,
 * `€`, `£`), scientific `1.2e5`. Multipliers and percentages are applied in decimal (`1.2万` is
 * `Number('1.2e4')`, exactly 12000), so no binary rounding is added. `N/A`, `NA`, `-`, `—`,
 * `null`, `NaN` and empty cells are `null`. Anything else is `invalid`; the result is never NaN
 * or Infinity.
 *
 * @param text - the cell as read.
 * @returns `{kind: 'number', value, notations}`, `{kind: 'null'}` or `{kind: 'invalid', text}`.
 * @example
 * parseNumberCell('1.2万');   // { kind: 'number', value: 12000, notations: ['wan'] }
 * parseNumberCell('(1,234)'); // { kind: 'number', value: -1234, notations: ['accounting-negative', 'thousands-separator'] }
 * parseNumberCell('N/A');     // { kind: 'null' }
 */
export function parseNumberCell(text: string): NumberCell {
  const notations: NumberNotation[] = [];
  const nfkc = text.normalize('NFKC');
  if (nfkc !== text && /[\uFF01-\uFF5E]/.test(text)) notations.push('full-width');
  let s = nfkc.trim().replace(/\u2212/g, '-');
  if (NULL_TOKENS.has(s.toLowerCase())) return { kind: 'null' };

  let sign = 1;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    sign = -1;
    s = paren[1].trim();
    notations.push('accounting-negative');
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -sign;
    s = s.slice(1).trim();
  }
  if (/^[¥$€£]/.test(s)) {
    s = s.slice(1).trim();
    notations.push('currency');
  }
  // A sign may also follow the currency sign: ¥-12.
  if (sign === 1 && !paren && s.startsWith('-')) {
    sign = -1;
    s = s.slice(1).trim();
  }

  let shift = 0;
  if (s.endsWith('%')) { shift = -2; s = s.slice(0, -1).trim(); notations.push('percent'); }
  else if (s.endsWith('‰')) { shift = -3; s = s.slice(0, -1).trim(); notations.push('per-mille'); }
  else if (s.endsWith('万亿')) { shift = 12; s = s.slice(0, -2).trim(); notations.push('wan', 'yi'); }
  else if (s.endsWith('万')) { shift = 4; s = s.slice(0, -1).trim(); notations.push('wan'); }
  else if (s.endsWith('亿')) { shift = 8; s = s.slice(0, -1).trim(); notations.push('yi'); }

  if (GROUPED.test(s)) {
    s = s.replace(/,/g, '');
    notations.push('thousands-separator');
  }
  const m = PLAIN.exec(s);
  if (!m) return { kind: 'invalid', text };
  const exponent = (m[2] === undefined ? 0 : Number(m[2])) + shift;
  const value = sign * Number(`${m[1]}e${exponent}`);
  if (!Number.isFinite(value)) return { kind: 'invalid', text };
  // -0 from "-0" reads as 0: no signed zero leaves the reader.
  return { kind: 'number', value: value === 0 ? 0 : value, notations };
}
