/**
 * `validateConfig`: checks a city config against {@link CONFIG_SCHEMA} and the method's
 * cross-field rules, and returns every issue at once. It never throws (STYLE.md §3).
 */
import type { Issue } from '../types.js';
import { makeIssue } from '../messages/index.js';
import type { IssueDetails } from '../messages/index.js';
import { SUBSECTORS } from '../method.js';
import { CONFIG_SCHEMA } from './schema.js';
import type { AnyOfNode, ArrayNode, NumberNode, ObjectNode, OneOfNode, RecordNode, SchemaNode, StringNode } from './schema.js';
import { SPACE_TYPES } from '../types.js';
import { isGeographicCrs, isKnownCrs, parseCrsName } from '../crs/index.js';

/**
 * Validate a city config (any JSON value) and return every issue found, errors and warnings.
 * Never throws: garbage in (null, arrays, strings, cyclic objects, NaN) gives issues out.
 *
 * Each issue has a JSON `path` into the config (`$.layers.parcels.codeField`), `expected` and
 * `actual`. `actual` is always JSON-safe: objects and arrays are summarised, non-finite numbers
 * become strings.
 *
 * Codes (see `messages/config.ts`): `config-not-object`, `config-unreadable`,
 * `config-missing-field`, `config-wrong-type`, `config-not-finite`, `config-out-of-range`,
 * `config-empty-string`, `config-unknown-enum`, `config-unknown-field` (warning, with the closest
 * known key), `config-array-too-short`, `config-duplicate-item`, `config-layer-source-missing`,
 * `config-poi-category-missing`, `config-land-use-empty`, `config-crs-unknown`,
 * `config-crs-not-projected`, `config-crs-web-mercator` (warning), `config-manual-breaks`, `config-breaks-ignored`,
 * `config-economy-join`, `config-economy-duplicate-key`, `config-economy-proxy-no-pois`,
 * `config-totals-empty`, `config-negative-total`, `config-subsector-sector`,
 * `config-space-type-subsector`, `config-duplicate-layer`.
 *
 * @param config The parsed config (JSON).
 * @returns The issues, in document order; empty when the config is valid.
 * @example
 * const issues = validateConfig(JSON.parse(text));
 * if (issues.some((i) => i.severity === 'error')) throw new Error(issues[0].message);
 */
export function validateConfig(config: unknown): Issue[] {
  const issues: Issue[] = [];
  try {
    if (!isPlainObject(config)) {
      const actual = describe(config);
      issues.push(makeIssue('config-not-object', { actual }, { path: '$', expected: 'an object', actual }));
      return issues;
    }
    walk(CONFIG_SCHEMA, config, '$', issues);
    checkSemantics(config, issues);
  } catch (error) {
    // A getter or proxy that throws while being read: report it instead of throwing.
    const reason = error instanceof Error ? error.message : String(error);
    issues.push(makeIssue('config-unreadable', { path: '$', reason }, { path: '$', actual: reason }));
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Schema walk
// ---------------------------------------------------------------------------------------------

function push(issues: Issue[], code: string, path: string, args: Record<string, unknown>, details: IssueDetails = {}): void {
  issues.push(makeIssue(code, { path, ...args }, { path, ...details }));
}

function walk(node: SchemaNode, value: unknown, path: string, issues: Issue[]): void {
  if (value === null) {
    if (!node.nullable) wrongType(node, value, path, issues);
    return;
  }
  switch (node.kind) {
    case 'string':
      return walkString(node, value, path, issues);
    case 'number':
    case 'integer':
      return walkNumber(node, value, path, issues);
    case 'boolean':
      if (typeof value !== 'boolean') wrongType(node, value, path, issues);
      return;
    case 'enum':
      if (typeof value !== 'string') return wrongType(node, value, path, issues);
      if (!node.values.includes(value)) {
        const suggestion = closest(value, node.values);
        push(issues, 'config-unknown-enum', path, { values: node.values, actual: value, suggestion }, { expected: [...node.values], actual: value, ...(suggestion ? { suggestion } : {}) });
      }
      return;
    case 'array':
      return walkArray(node, value, path, issues);
    case 'record':
      return walkRecord(node, value, path, issues);
    case 'object':
      return walkObject(node, value, path, issues);
    case 'oneOf':
      return walkOneOf(node, value, path, issues);
    case 'anyOf':
      return walkAnyOf(node, value, path, issues);
  }
}

function wrongType(node: SchemaNode, value: unknown, path: string, issues: Issue[]): void {
  const expected = typeName(node);
  const actual = describe(value);
  // Quote strings in the message so "1000" (text) reads differently from 1000 (a number).
  const shown = typeof actual === 'string' && typeof value === 'string' ? JSON.stringify(actual) : String(actual);
  push(issues, 'config-wrong-type', path, { expected, actual: shown }, { expected, actual });
}

function walkString(node: StringNode, value: unknown, path: string, issues: Issue[]): void {
  if (typeof value !== 'string') return wrongType(node, value, path, issues);
  if (node.minLength !== undefined && value.trim().length < node.minLength) {
    push(issues, 'config-empty-string', path, {}, { expected: 'a non-empty string', actual: value });
    return;
  }
  if (node.format === 'crs') {
    const verdict = checkCrsName(value, { allowAuto: node.allowAuto === true });
    if (verdict === 'unknown') {
      push(issues, 'config-crs-unknown', path, { actual: value, allowAuto: node.allowAuto === true }, { expected: 'a known CRS', actual: value });
    } else if (verdict === 'geographic' && node.allowAuto) {
      // Only the working CRS must be projected: layers may well come in lon/lat.
      push(issues, 'config-crs-not-projected', path, { actual: value }, { expected: 'a projected metric CRS', actual: value });
    } else if (verdict === 'web-mercator' && node.allowAuto) {
      // Web Mercator metres are not ground metres: areas grow by 1/cos²(latitude), 1.36× at 31° N.
      push(issues, 'config-crs-web-mercator', path, { actual: value }, { expected: 'a conformal zone CRS (Gauss–Krüger, UTM) or "auto"', actual: value });
    }
  }
}

function walkNumber(node: NumberNode, value: unknown, path: string, issues: Issue[]): void {
  if (typeof value !== 'number') return wrongType(node, value, path, issues);
  if (!Number.isFinite(value)) {
    push(issues, 'config-not-finite', path, { actual: String(value) }, { expected: 'a finite number', actual: String(value) });
    return;
  }
  if (node.kind === 'integer' && !Number.isInteger(value)) return wrongType(node, value, path, issues);
  const tooLow =
    (node.min !== undefined && value < node.min) || (node.exclusiveMin !== undefined && value <= node.exclusiveMin);
  const tooHigh = node.max !== undefined && value > node.max;
  if (tooLow || tooHigh) {
    const expected = rangeText(node);
    push(issues, 'config-out-of-range', path, { expected, actual: value }, { expected, actual: value });
  }
}

function walkArray(node: ArrayNode, value: unknown, path: string, issues: Issue[]): void {
  if (!Array.isArray(value)) return wrongType(node, value, path, issues);
  if (node.minItems !== undefined && value.length < node.minItems) {
    const code = node.minItemsCode ?? 'config-array-too-short';
    push(issues, code, path, { min: node.minItems, actual: value.length }, { expected: `at least ${node.minItems} item(s)`, actual: value.length });
  }
  const seen = new Set<unknown>();
  value.forEach((item, i) => {
    walk(node.items, item, `${path}[${i}]`, issues);
    if (node.uniqueItems && (typeof item === 'string' || typeof item === 'number')) {
      if (seen.has(item)) push(issues, 'config-duplicate-item', `${path}[${i}]`, { actual: item }, { actual: item });
      seen.add(item);
    }
  });
}

function walkRecord(node: RecordNode, value: unknown, path: string, issues: Issue[]): void {
  if (!isPlainObject(value)) return wrongType(node, value, path, issues);
  for (const key of Object.keys(value)) {
    const keyPath = joinPath(path, key);
    if (node.keys && !node.keys.includes(key)) {
      const suggestion = closest(key, node.keys);
      push(issues, 'config-unknown-enum', keyPath, { values: node.keys, actual: key, suggestion }, { expected: [...node.keys], actual: key, ...(suggestion ? { suggestion } : {}) });
      continue;
    }
    walk(node.values, value[key], keyPath, issues);
  }
}

function walkObject(node: ObjectNode, value: unknown, path: string, issues: Issue[]): void {
  if (!isPlainObject(value)) return wrongType(node, value, path, issues);
  if (node.open) return; // validated by its own module (inventory activity data)
  const present = (key: string) => value[key] !== undefined;
  for (const key of node.required) {
    if (!present(key)) push(issues, 'config-missing-field', joinPath(path, key), {}, { expected: typeName(node.properties[key]) });
  }
  for (const rule of node.requiredIf ?? []) {
    if (!present(rule.property) && rule.in.includes(value[rule.when])) {
      const when = `${rule.when} is ${rule.in.map((v) => JSON.stringify(v)).join(' or ')}`;
      const code = rule.code ?? 'config-missing-field';
      push(issues, code, joinPath(path, rule.property), { when, reason: `needs "${rule.property}" (${when})` }, {
        expected: typeName(node.properties[rule.property]),
      });
    }
  }
  for (const rule of node.anyOfRequired ?? []) {
    if (!rule.alternatives.some((group) => group.every(present))) {
      push(issues, rule.code, path, {}, { expected: rule.alternatives.map((g) => g.join(' + ')).join(' | ') });
    }
  }
  const known = Object.keys(node.properties);
  for (const key of Object.keys(value)) {
    const child = node.properties[key];
    if (child && Object.prototype.hasOwnProperty.call(node.properties, key)) {
      if (value[key] !== undefined) walk(child, value[key], joinPath(path, key), issues);
    } else {
      const suggestion = closest(key, known);
      push(issues, 'config-unknown-field', joinPath(path, key), { suggestion }, { expected: suggestion, actual: key, ...(suggestion ? { suggestion } : {}) });
    }
  }
}

function walkOneOf(node: OneOfNode, value: unknown, path: string, issues: Issue[]): void {
  if (!isPlainObject(value)) return wrongType(node, value, path, issues);
  const tag = value[node.discriminant];
  const values = Object.keys(node.variants);
  if (tag === undefined) {
    if (node.whenAbsent) return walkObject(node.whenAbsent, value, path, issues);
    push(issues, 'config-missing-field', joinPath(path, node.discriminant), {}, { expected: values });
    return;
  }
  const variant = typeof tag === 'string' && Object.prototype.hasOwnProperty.call(node.variants, tag) ? node.variants[tag] : undefined;
  if (!variant) {
    const actual = typeof tag === 'string' ? tag : describe(tag);
    const suggestion = typeof tag === 'string' ? closest(tag, values) : undefined;
    push(issues, 'config-unknown-enum', joinPath(path, node.discriminant), { values, actual, suggestion }, { expected: values, actual, ...(suggestion ? { suggestion } : {}) });
    return;
  }
  walkObject(variant, value, path, issues);
}

function walkAnyOf(node: AnyOfNode, value: unknown, path: string, issues: Issue[]): void {
  const kind = jsonKind(value);
  const option = node.options.find((o) => acceptsKind(o, kind));
  if (!option) return wrongType(node, value, path, issues);
  walk(option, value, path, issues);
}

// ---------------------------------------------------------------------------------------------
// Cross-field checks
// ---------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

function checkSemantics(config: Obj, issues: Issue[]): void {
  checkClassification(config.classification, issues);
  checkEconomy(config.economy, config.layers, issues);
  checkTotals(config.inventory, issues);
  checkDuplicateLayers(config.layers, issues);
}

function checkClassification(c: unknown, issues: Issue[]): void {
  if (!isPlainObject(c) || !Array.isArray(c.breaks)) return;
  const path = '$.classification.breaks';
  const method = c.method ?? 'jenks';
  if (method !== 'manual') {
    push(issues, 'config-breaks-ignored', path, { method }, { expected: 'method "manual"', actual: describe(method) });
    return;
  }
  const breaks = c.breaks;
  if (!breaks.every((b) => typeof b === 'number' && Number.isFinite(b))) return; // already reported per item
  for (let i = 1; i < breaks.length; i++) {
    if (!((breaks[i] as number) > (breaks[i - 1] as number))) {
      push(issues, 'config-manual-breaks', `${path}[${i}]`, { reason: 'needs strictly ascending breaks' }, {
        expected: `> ${String(breaks[i - 1])}`,
        actual: breaks[i],
      });
      return;
    }
  }
  if (typeof c.classes === 'number' && Number.isInteger(c.classes) && breaks.length !== c.classes - 1) {
    // n classes have n − 1 inner limits.
    push(issues, 'config-manual-breaks', path, { reason: `with ${c.classes} classes needs ${c.classes - 1} breaks, got ${breaks.length}` }, {
      expected: c.classes - 1,
      actual: breaks.length,
    });
  } else if (c.classes === undefined && breaks.length + 1 > 12) {
    push(issues, 'config-manual-breaks', path, { reason: `allows at most 11 breaks (12 classes), got ${breaks.length}` }, {
      expected: 'at most 11 breaks',
      actual: breaks.length,
    });
  }
}

function checkEconomy(e: unknown, layers: unknown, issues: Issue[]): void {
  if (!isPlainObject(e)) return;
  if (e.source === 'proxy' && e.proxy === 'poi-count') {
    const pois = isPlainObject(layers) ? layers.pois : undefined;
    if (!Array.isArray(pois) || pois.length === 0) push(issues, 'config-economy-proxy-no-pois', '$.economy.proxy', {}, { actual: 'poi-count' });
  }
  if (e.source !== 'table' || (e.joinBy !== 'id' && e.joinBy !== 'name') || !Array.isArray(e.rows)) return;
  const key = e.joinBy;
  const first = new Map<string, string>();
  e.rows.forEach((row, i) => {
    if (!isPlainObject(row)) return;
    const rowPath = `$.economy.rows[${i}]`;
    const k = row[key];
    if (k === undefined || k === null || (typeof k === 'string' && k.trim() === '')) {
      push(issues, 'config-economy-join', rowPath, { key }, { expected: `a ${key}`, actual: describe(k) });
      return;
    }
    if (typeof k !== 'string' && typeof k !== 'number') return; // wrong type already reported
    // Ids join as text: 101 and "101" are the same unit.
    const norm = String(k).trim();
    const seen = first.get(norm);
    if (seen !== undefined) push(issues, 'config-economy-duplicate-key', `${rowPath}.${key}`, { key, actual: k, first: seen }, { actual: k });
    else first.set(norm, rowPath);
  });
}

function checkTotals(inv: unknown, issues: Issue[]): void {
  if (!isPlainObject(inv) || inv.mode !== 'totals' || !Array.isArray(inv.totals)) return;
  inv.totals.forEach((entry, i) => {
    if (!isPlainObject(entry)) return;
    const path = `$.inventory.totals[${i}]`;
    const spec = SUBSECTORS.find((s) => s.id === entry.subsector);
    const sectorKnown = typeof entry.sector === 'string' && SUBSECTORS.some((s) => s.sector === entry.sector);
    if (spec && sectorKnown && spec.sector !== entry.sector) {
      push(issues, 'config-subsector-sector', `${path}.subsector`, { actual: spec.id, expected: spec.sector, sector: entry.sector }, {
        expected: spec.sector,
        actual: spec.id,
      });
    }
    if (spec && Array.isArray(entry.spaceTypes)) {
      entry.spaceTypes.forEach((st, j) => {
        if (typeof st === 'string' && !spec.spaceTypes.includes(st as never) && SPACE_TYPE_SET.has(st)) {
          push(issues, 'config-space-type-subsector', `${path}.spaceTypes[${j}]`, { actual: st, subsector: spec.id, expected: spec.spaceTypes }, {
            expected: [...spec.spaceTypes],
            actual: st,
          });
        }
      });
    }
    if (sectorKnown && entry.sector !== 'sinks' && typeof entry.value === 'number' && Number.isFinite(entry.value) && entry.value < 0) {
      push(issues, 'config-negative-total', `${path}.value`, { actual: entry.value, sector: entry.sector }, { expected: '≥ 0', actual: entry.value });
    }
  });
}

function checkDuplicateLayers(layers: unknown, issues: Issue[]): void {
  if (!isPlainObject(layers)) return;
  for (const role of ['pois', 'roads'] as const) {
    const list = layers[role];
    if (!Array.isArray(list)) continue;
    const seen = new Map<string, string>();
    list.forEach((layer, i) => {
      if (!isPlainObject(layer)) return;
      const src = typeof layer.path === 'string' ? layer.path : typeof layer.url === 'string' ? layer.url : undefined;
      if (src === undefined || src.trim() === '') return;
      const key = src.trim().replace(/^(\.\/)+/, '').replace(/\\/g, '/');
      const path = `$.layers.${role}[${i}]`;
      const other = seen.get(key);
      if (other !== undefined) push(issues, 'config-duplicate-layer', path, { other, actual: src }, { actual: src });
      else seen.set(key, path);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const SPACE_TYPE_SET = new Set<string>(SPACE_TYPES);

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type JsonKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'other';

function jsonKind(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  return t === 'object' ? 'object' : 'other';
}

function acceptsKind(node: SchemaNode, kind: JsonKind): boolean {
  switch (node.kind) {
    case 'string':
    case 'enum':
      return kind === 'string';
    case 'number':
    case 'integer':
      return kind === 'number';
    case 'boolean':
      return kind === 'boolean';
    case 'array':
      return kind === 'array';
    default:
      return kind === 'object';
  }
}

/** What a node expects, in words, for messages. */
function typeName(node: SchemaNode | undefined): string {
  if (!node) return 'a value';
  const base = ((): string => {
    switch (node.kind) {
      case 'string':
        return node.format === 'crs' ? 'a CRS name' : 'a string';
      case 'number':
        return 'a number';
      case 'integer':
        return 'an integer';
      case 'boolean':
        return 'true or false';
      case 'enum':
        return `one of ${node.values.map((v) => JSON.stringify(v)).join(', ')}`;
      case 'array':
        return `an array (items: ${typeName(node.items)})`;
      case 'record':
      case 'object':
      case 'oneOf':
        return 'an object';
      case 'anyOf':
        return node.options.map(typeName).join(' or ');
    }
  })();
  return node.nullable ? `${base} or null` : base;
}

function rangeText(node: NumberNode): string {
  const parts: string[] = [];
  if (node.exclusiveMin !== undefined) parts.push(`> ${node.exclusiveMin}`);
  if (node.min !== undefined) parts.push(`≥ ${node.min}`);
  if (node.max !== undefined) parts.push(`≤ ${node.max}`);
  return parts.join(' and ');
}

/** A JSON-safe, short description of any value for `actual`. */
function describe(v: unknown): string | number | boolean | null {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === undefined) return 'nothing';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** `$.a.b`, or `$.a["0101"]` for keys that aren't identifiers. */
function joinPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** The known value closest to `input` by edit distance, if close enough to be a likely typo. */
function closest(input: string, known: readonly string[]): string | undefined {
  const a = input.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(a, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  // Up to a third of the word (at least 2 edits) still reads as a typo; beyond that, no guess.
  return bestD <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}

/** Levenshtein distance (insert, delete, substitute each cost 1). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * CRS check through the crs module: a name it cannot parse, or a code it has no definition for
 * (it could not transform the coordinates), is `unknown`. `auto` only where allowed.
 */
function checkCrsName(name: string, options: { allowAuto: boolean }): 'auto' | 'geographic' | 'web-mercator' | 'projected' | 'unknown' {
  if (name.trim().toLowerCase() === 'auto') return options.allowAuto ? 'auto' : 'unknown';
  const code = parseCrsName(name);
  if (code === null || !isKnownCrs(code)) return 'unknown';
  if (isGeographicCrs(code)) return 'geographic';
  return code === 'EPSG:3857' ? 'web-mercator' : 'projected';
}
