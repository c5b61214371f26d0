/**
 * The run report's issues in plain words, in the UI language. An engine issue carries a stable
 * `code`, an English `message` and some of its values in `layer`, `featureId`, `field`,
 * `expected` and `actual`; the rest of its values are read back from the message, whose
 * templates are fixed per code (`src/engine/messages/*.ts`). A code without a template here, or
 * a message that does not read as its template, is shown with the engine's own English message.
 * In Chinese it follows a lead-in naming its severity and where it applies; the element keeps
 * the English message at hand as the item's title. The text is plain: render it with Lit text
 * bindings only (feature values are untrusted).
 */
import type { Issue } from '../../engine/index.js';
import type { IssueArgs, Lang } from '../i18n.js';
import { formatCount, issueTemplates, layerRoleName, strings } from '../i18n.js';

const NUM = String.raw`(-?[\d,]*\.?\d+(?:e[+-]?\d+)?)`;
const STR = String.raw`("(?:[^"\\]|\\.)*")`;

const num = (s: string): number => Number(s.replace(/,/g, ''));

function json(s: string): string {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'string' ? v : s;
  } catch {
    return s;
  }
}

/** A value of an issue field as a template argument (objects are not). */
function scalar(v: unknown): string | number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' ? v : undefined;
}

function match(message: string, pattern: string): RegExpExecArray | null {
  return new RegExp(pattern).exec(message);
}

/** Reads one code's values from the issue; null when they cannot all be found. */
type Reader = (issue: Issue) => IssueArgs | null;

const countOf = (i: Issue): IssueArgs | null => (typeof i.actual === 'number' ? { count: i.actual } : null);

const READERS: Record<string, Reader> = {
  'landuse-code-unmapped': (i) => {
    const m = match(i.message, String.raw`is not in the mapping: ${NUM} parcel\(s\), ${NUM} m², get no space type\.$`);
    const code = scalar(i.actual);
    return m && code !== undefined ? { code: String(code), parcels: num(m[1]), areaM2: num(m[2]) } : null;
  },
  'landuse-code-parent-fallback': (i) => {
    const m = match(i.message, String.raw`its (base code|first-level class) .* maps it to ${STR} \(${NUM} parcel\(s\)\)\.$`);
    const code = scalar(i.actual);
    const key = scalar(i.expected);
    return m && code !== undefined && key !== undefined
      ? { code: String(code), key: String(key), via: m[1] === 'base code' ? 'suffix' : 'parent', spaceType: json(m[2]), parcels: num(m[3]) }
      : null;
  },
  'landuse-code-missing': (i) => {
    const m = match(i.message, String.raw`^${NUM} parcel\(s\), ${NUM} m², have no land-use code`);
    return m ? { parcels: num(m[1]), areaM2: num(m[2]) } : null;
  },
  'points-outside-parcels': (i) => {
    const m = match(i.message, String.raw`: ${NUM} (\S+) points lie outside every parcel`);
    return m ? { count: num(m[1]), category: m[2] } : null;
  },
  'points-uncategorised': countOf,
  'points-duplicate-positions': countOf,
  'pool-zero-weight': (i) => {
    const m = match(i.message, String.raw`^(.+): the pool's total weight is zero; it was allocated by (.+)$`);
    return m ? { pool: m[1], fallback: m[2] === 'parcel area' ? 'area' : 'network' } : null;
  },
  'pool-no-parcels': (i) => {
    const m = match(i.message, String.raw`^(.+): no parcel of (.+) lies in the study area; ${NUM} t CO2e are unallocated$`);
    return m ? { pool: m[1], spaceTypes: m[2], tonnes: num(m[3]) } : null;
  },
  'pool-network': (i) => {
    const m = match(i.message, String.raw`^(.+): no transportation-land parcels, so the network itself carries the tonnes \(${NUM} lines\)$`);
    return m ? { pool: m[1], lines: num(m[2]) } : null;
  },
  'parcels-clipped': (i) => {
    const m = match(i.message, String.raw`^parcels: ${NUM} km² of parcel area lies outside every unit and was clipped off \(${NUM} parcels wholly outside\)$`);
    return m ? { areaM2: num(m[1]) * 1e6, parcels: num(m[2]) } : null;
  },
  'parcels-overlap': (i) => {
    const a = i.actual as { a?: unknown; b?: unknown; areaM2?: unknown } | undefined;
    const x = scalar(a?.a);
    const y = scalar(a?.b);
    return x !== undefined && y !== undefined && typeof a?.areaM2 === 'number' ? { a: String(x), b: String(y), areaM2: a.areaM2 } : null;
  },
  'parcels-overlap-summary': (i) => {
    const m = match(i.message, String.raw`^parcels: ${NUM} overlapping pair\(s\) covering ${NUM} m² in total \(${NUM} listed one by one\)`);
    return m ? { pairs: num(m[1]), areaM2: num(m[2]), listed: num(m[3]) } : null;
  },
  'units-overlap': (i) => {
    const m = match(i.message, String.raw`^units: ${NUM} pairs of units overlap \(${NUM} km² in all\)`);
    return m ? { count: num(m[1]), areaM2: num(m[2]) * 1e6 } : null;
  },
  'unallocated-large': (i) => {
    const m = match(i.message, String.raw`^${NUM} % of the city's gross emissions \(${NUM} t CO2e\)`);
    return m ? { share: num(m[1]), tonnes: typeof i.actual === 'number' ? i.actual : num(m[2]) } : null;
  },
  'economy-unit-unmatched': (i) => {
    const m = match(i.message, String.raw`^economy: no row for unit ${STR} \(key ${STR}\)`);
    return m ? { unit: json(m[1]), key: json(m[2]) } : null;
  },
  'economy-row-unmatched': (i) => {
    const key = scalar(i.actual);
    return key !== undefined ? { key: String(key) } : null;
  },
  'economy-proxy': (i) => {
    const m = match(i.message, String.raw`^economic weight is a proxy: (?:count of (.+) POIs per unit|area of (.+) land per unit \(m²\))(?:: ([\s\S]*))?$`);
    if (!m) return null;
    return m[1] !== undefined
      ? { proxy: 'poi-count', list: m[1], rationale: m[3] ?? '' }
      : { proxy: 'space-type-area', list: m[2], rationale: m[3] ?? '' };
  },
  'balance-zero-emissions': (i) => {
    const id = scalar(i.featureId);
    return id !== undefined ? { id: String(id) } : null;
  },
  'geometry-self-intersection': (i) => {
    const a = i.actual as { ring?: unknown; lobes?: unknown; areaM2?: unknown; shoelaceM2?: unknown } | undefined;
    const id = scalar(i.featureId);
    if (id === undefined || typeof a?.ring !== 'string' || typeof a.lobes !== 'number' || typeof a.areaM2 !== 'number' || typeof a.shoelaceM2 !== 'number') return null;
    const hole = /^hole (\d+)$/.exec(a.ring);
    return { id: String(id), ring: hole ? Number(hole[1]) : 0, lobes: a.lobes, areaM2: a.areaM2, shoelaceM2: a.shoelaceM2 };
  },
  'issues-truncated': (i) => {
    const m = match(i.message, String.raw`${NUM} issues ${STR}; the first ${NUM} are listed$`);
    return m ? { count: num(m[1]), code: json(m[2]), shown: num(m[3]) } : null;
  },
  'io-encoding-detected': (i) => (typeof i.actual === 'string' ? { encoding: i.actual } : null),
  'io-encoding-cpg': (i) => (typeof i.actual === 'string' ? { encoding: i.actual } : null),
  'io-encoding-ldid': (i) => (typeof i.actual === 'string' ? { encoding: i.actual } : null),
  'io-encoding-option': (i) => (typeof i.actual === 'string' ? { encoding: i.actual } : null),
  'io-encoding-invalid-bytes': (i) => {
    const m = match(i.message, String.raw`are not valid (.+) and were replaced by U\+FFFD`);
    return m && typeof i.actual === 'number' ? { encoding: m[1], count: i.actual } : null;
  },
  // From the structured fields: layer, field, expected ("one of the layer's fields: a, b").
  'layer-field-missing': (i) => {
    const field = scalar(i.field) ?? scalar(i.actual);
    if (typeof i.layer !== 'string' || field === undefined) return null;
    const setting = /^\S+: the (\w+) "/.exec(i.message)?.[1] ?? 'field';
    const present = typeof i.expected === 'string' ? /^one of the layer's fields: (.*)$/.exec(i.expected)?.[1] : undefined;
    return { field: String(field), setting, ...(present ? { present } : {}) };
  },
  // From the structured fields: layer, featureId, actual { count, part, ring, position, value }.
  'geometry-invalid-position-dropped': (i) => {
    const a = i.actual as { count?: unknown; part?: unknown; ring?: unknown; position?: unknown; value?: unknown } | undefined;
    const id = scalar(i.featureId);
    if (id === undefined || typeof a?.ring !== 'number' || typeof a.position !== 'number') return null;
    return {
      id: String(id),
      part: typeof a.part === 'number' ? a.part : 1,
      ring: a.ring,
      position: a.position,
      value: scalar(a.value) ?? JSON.stringify(a.value ?? null),
      count: typeof a.count === 'number' ? a.count : 1,
    };
  },
  // Config issues (validateConfig): path, actual, expected.
  'config-missing-field': (i) => (i.path ? {} : null),
  'config-empty-string': (i) => (i.path ? {} : null),
  'config-not-finite': (i) => (i.path && scalar(i.actual) !== undefined ? { actual: String(i.actual) } : null),
  'config-unknown-enum': (i) =>
    i.path && scalar(i.actual) !== undefined && Array.isArray(i.expected)
      ? { actual: String(i.actual), expected: i.expected.map((v) => JSON.stringify(v)).join(', '), ...(i.suggestion ? { suggestion: i.suggestion } : {}) }
      : null,
  'config-unknown-field': (i): IssueArgs | null => (i.path ? (typeof i.expected === 'string' ? { expected: i.expected } : {}) : null),
};

/** Codes with a plain-language template (the others show the engine's English message). */
export const WORDED_ISSUE_CODES: readonly string[] = Object.keys(READERS);

/**
 * An issue as one sentence in the UI language: the code's template filled with the issue's
 * values (numbers in the locale's format, with units), or the engine's English message.
 */
export function issueText(issue: Issue, lang: Lang): string {
  const read = READERS[issue.code];
  const template = issueTemplates(lang)[issue.code];
  if (!read || !template) return untemplated(issue, lang);
  const args = read(issue);
  if (!args) return untemplated(issue, lang);
  if (typeof issue.layer === 'string') args.layer = issue.layer;
  if (typeof issue.field === 'string') args.field = issue.field;
  if (typeof issue.path === 'string') args.path = issue.path;
  try {
    return template(args);
  } catch {
    return untemplated(issue, lang);
  }
}

/**
 * An issue with no sentence of its own: in English the engine's message; in Chinese a lead-in
 * from its structured fields (severity, layer or config path, feature) before that message.
 */
function untemplated(issue: Issue, lang: Lang): string {
  if (lang !== 'zh-CN') return issue.message;
  return `${issueLead(issue, lang)}：${issue.message}`;
}

/** `警告（地块，要素 “p1”）`: the severity and where the issue applies, from its fields only. */
export function issueLead(issue: Issue, lang: Lang): string {
  const t = strings(lang);
  const zh = lang === 'zh-CN';
  const where: string[] = [];
  if (typeof issue.layer === 'string') where.push(layerRoleName(issue.layer, lang) ?? issue.layer);
  else if (typeof issue.path === 'string') where.push(issue.path);
  const id = scalar(issue.featureId);
  if (id !== undefined) where.push(zh ? `要素 “${String(id)}”` : `feature "${String(id)}"`);
  const severity = t.severities[issue.severity] ?? issue.severity;
  if (where.length === 0) return severity;
  return zh ? `${severity}（${where.join('，')}）` : `${severity} (${where.join(', ')})`;
}

/** What the element knows of a failure (see `EngineFailure`). */
export interface FailureLike {
  code: string;
  message: string;
  issues?: readonly unknown[];
}

/**
 * A failure as the element shows it: its own messages in the UI language, an invalid config as
 * a count of errors and the first error's sentence, any other failure as a lead-in in the UI
 * language and the engine's (or browser's) message. The message itself stays the item's title.
 */
export function failureText(failure: FailureLike, lang: Lang): string {
  const t = strings(lang);
  const own = t.failures[failure.code];
  if (own) return own;
  const sep = lang === 'zh-CN' ? '：' : ': ';
  if (failure.code === 'invalid-config') {
    const issues = (failure.issues ?? []) as Issue[];
    const errors = issues.filter((i) => i && typeof i === 'object' && i.severity === 'error');
    const lead = t.invalidConfig(formatCount(Math.max(errors.length, 1), lang));
    return errors.length > 0 ? `${lead}${sep}${issueText(errors[0], lang)}` : `${lead}${sep}${failure.message}`;
  }
  const lead = t.failureLeads[failure.code] ?? t.runFailed;
  return `${lead}${sep}${failure.message}`;
}
