/**
 * Reader for the hstore text in which GDAL's OSM driver packs the tags it has no column for
 * (`other_tags`): `"amenity"=>"parking","name"=>"X"`.
 */

/**
 * Parse an hstore string (`"key"=>"value","k2"=>"v2"`) into a plain object of tags.
 *
 * Robust to what real files hold: `\"` and `\\` escapes inside quoted strings, commas and `=>`
 * inside quoted values, spaces around `=>` and `,`, unquoted keys or values (hstore allows them),
 * and `NULL` values (skipped). A malformed tail is dropped, the pairs before it are kept. When a
 * key repeats, the first value wins (as in PostgreSQL's hstore). Anything that is not a string
 * gives an empty object.
 *
 * @param text the hstore text, e.g. a feature's `other_tags` property.
 * @returns a new object, key → value (both strings, unchanged case).
 * @example
 * parseOsmOtherTags('"amenity"=>"parking","name"=>"Say \\"hi\\", please"')
 * // → { amenity: 'parking', name: 'Say "hi", please' }
 */
export function parseOsmOtherTags(text: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (typeof text !== 'string') return tags;
  const s = text;
  let i = 0;
  const n = s.length;

  const skipSpace = (): void => {
    while (i < n && /\s/.test(s[i])) i++;
  };

  // Reads a quoted string starting at s[i] === '"', or an unquoted token; returns null when the
  // text is malformed here (an unterminated quote), so the caller stops.
  const readToken = (stopAtArrow: boolean): { value: string; quoted: boolean } | null => {
    if (s[i] === '"') {
      i++;
      let out = '';
      while (i < n) {
        const ch = s[i];
        if (ch === '\\' && i + 1 < n) {
          out += s[i + 1];
          i += 2;
          continue;
        }
        if (ch === '"') {
          i++;
          return { value: out, quoted: true };
        }
        out += ch;
        i++;
      }
      return null;
    }
    const start = i;
    while (i < n && s[i] !== ',' && !/\s/.test(s[i]) && !(stopAtArrow && s.startsWith('=>', i))) i++;
    if (i === start) return null;
    return { value: s.slice(start, i), quoted: false };
  };

  while (i < n) {
    skipSpace();
    if (i >= n) break;
    if (s[i] === ',') {
      i++;
      continue;
    }
    const key = readToken(true);
    if (!key) break;
    skipSpace();
    if (!s.startsWith('=>', i)) break;
    i += 2;
    skipSpace();
    const value = readToken(false);
    if (!value) break;
    // An unquoted NULL is hstore's null value: the tag has no value.
    const isNull = !value.quoted && value.value.toUpperCase() === 'NULL';
    if (!isNull && !Object.prototype.hasOwnProperty.call(tags, key.value)) {
      // defineProperty, not assignment: a key such as `__proto__` must stay an ordinary tag.
      Object.defineProperty(tags, key.value, { value: value.value, enumerable: true, writable: true, configurable: true });
    }
    skipSpace();
    if (i < n && s[i] !== ',') break;
  }
  return tags;
}
