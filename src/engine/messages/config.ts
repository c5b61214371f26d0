/** Issue codes of the config area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

const at = (a: Record<string, unknown>) => String(a.path ?? '$');

export const CONFIG_MESSAGES: Record<string, MessageSpec> = {
  'config-not-object': {
    severity: 'error',
    template: (a) => `The city config must be a JSON object, got ${String(a.actual ?? 'something else')}.`,
  },
  'config-unreadable': {
    severity: 'error',
    template: (a) => `${at(a)} could not be read (${String(a.reason ?? 'unknown reason')}).`,
  },
  'config-missing-field': {
    severity: 'error',
    template: (a) => `${at(a)} is required${a.when ? ` when ${String(a.when)}` : ''}.`,
  },
  'config-wrong-type': {
    severity: 'error',
    template: (a) => `${at(a)} must be ${String(a.expected)}, got ${String(a.actual)}.`,
  },
  'config-not-finite': {
    severity: 'error',
    template: (a) => `${at(a)} must be a finite number, got ${String(a.actual)}.`,
  },
  'config-out-of-range': {
    severity: 'error',
    template: (a) => `${at(a)} must be ${String(a.expected)}, got ${fmt(a.actual)}.`,
  },
  'config-empty-string': {
    severity: 'error',
    template: (a) => `${at(a)} must not be empty.`,
  },
  'config-unknown-enum': {
    severity: 'error',
    template: (a) =>
      `${at(a)} must be one of ${(a.values as unknown[] | undefined)?.map((v) => fmt(v)).join(', ') ?? '?'}, got ${fmt(a.actual)}` +
      `${a.suggestion !== undefined ? `; did you mean ${fmt(a.suggestion)}?` : '.'}`,
  },
  'config-unknown-field': {
    severity: 'warning',
    template: (a) =>
      `${at(a)} is not a known setting and is ignored` +
      `${a.suggestion !== undefined ? `; did you mean ${fmt(a.suggestion)}?` : '.'}`,
  },
  'config-array-too-short': {
    severity: 'error',
    template: (a) => `${at(a)} needs at least ${fmt(a.min)} item(s), got ${fmt(a.actual)}.`,
  },
  'config-duplicate-item': {
    severity: 'warning',
    template: (a) => `${at(a)} repeats ${fmt(a.actual)}; the repetition is ignored.`,
  },
  'config-layer-source-missing': {
    severity: 'error',
    template: (a) => `${at(a)} needs a "path", a "url" or a "service" to read the layer from.`,
  },
  'config-poi-category-missing': {
    severity: 'error',
    template: (a) =>
      `${at(a)} needs "categoryField" with a "preset" or a "mapping", or a fixed "category", to know what its POIs are.`,
  },
  'config-land-use-empty': {
    severity: 'error',
    template: (a) => `${at(a)} needs a "preset" or "overrides" to map land-use codes to space types.`,
  },
  'config-crs-unknown': {
    severity: 'error',
    template: (a) =>
      `${at(a)} is ${fmt(a.actual)}, not a CRS the engine knows; use ${a.allowAuto ? '"auto", ' : ''}a bundled EPSG code (WGS84, CGCS2000 and its Gauss–Krüger zones, UTM, Web Mercator) or an OGC CRS URN.`,
  },
  'config-crs-not-projected': {
    severity: 'error',
    template: (a) => `${at(a)} is ${fmt(a.actual)}, a geographic CRS; areas and lengths need a projected metric CRS (or "auto").`,
  },
  'config-crs-web-mercator': {
    severity: 'warning',
    template: (a) =>
      `${at(a)} is ${fmt(a.actual)}, Web Mercator, whose metres are not ground metres (areas grow by 1/cos² of the latitude); use "auto" or a Gauss–Krüger or UTM zone.`,
  },
  'config-manual-breaks': {
    severity: 'error',
    template: (a) => `${at(a)}: manual classification ${String(a.reason ?? 'needs ascending finite breaks')}.`,
  },
  'config-breaks-ignored': {
    severity: 'warning',
    template: (a) => `${at(a)} is only used with method "manual"; method is ${fmt(a.method)}, so the breaks are ignored.`,
  },
  'config-economy-join': {
    severity: 'error',
    template: (a) => `${at(a)} has no "${String(a.key)}", so it cannot be joined to a unit (economy.joinBy is "${String(a.key)}").`,
  },
  'config-economy-duplicate-key': {
    severity: 'warning',
    template: (a) => `${at(a)} repeats the ${String(a.key)} ${fmt(a.actual)} of ${String(a.first)}; only the first row is joined.`,
  },
  'config-totals-empty': {
    severity: 'error',
    template: (a) => `${at(a)} lists no sector totals; give at least one entry or use "mode": "activity".`,
  },
  'config-negative-total': {
    severity: 'error',
    template: (a) => `${at(a)} is negative (${fmt(a.actual)}) for the ${String(a.sector)} sector; only sinks may be negative (enter removals in the sinks sector).`,
  },
  'config-subsector-sector': {
    severity: 'error',
    template: (a) => `${at(a)} is ${fmt(a.actual)}, a sub-sector of ${fmt(a.expected)}, not of the entry's sector ${fmt(a.sector)}.`,
  },
  'config-space-type-subsector': {
    severity: 'warning',
    template: (a) =>
      `${at(a)} is ${fmt(a.actual)}, which the sub-sector ${fmt(a.subsector)} does not use (it uses ${fmt(a.expected)}); the entry's own pool is kept.`,
  },
  'config-duplicate-layer': {
    severity: 'warning',
    template: (a) => `${at(a)} reads the same source as ${String(a.other)} (${fmt(a.actual)}); its features would count twice.`,
  },
  'config-economy-proxy-no-pois': {
    severity: 'warning',
    template: (a) => `${at(a)} is "poi-count" but layers.pois is empty; every unit's economic weight would be 0.`,
  },
};
