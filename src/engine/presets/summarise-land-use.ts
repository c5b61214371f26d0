/**
 * Roll a parcel layer's land-use matches up into what the run report lists (METHOD.md §2: "Codes
 * not in the mapping are listed in the report with their parcel count and area").
 */
import type { Issue, SpaceType } from '../types.js';
import { makeIssue } from '../messages/index.js';
import type { LandUseMapper, LandUseMatchVia } from './create-land-use-mapper.js';

/** One parcel as the summary needs it. */
export interface LandUseParcelInput {
  /** The raw code, as read from the code field. */
  code: unknown;
  /** Area in m² (working CRS); a missing or non-finite area counts as 0. */
  areaM2?: number;
}

/** Where the issues point. */
export interface SummariseLandUseOptions {
  /** Layer role or file, copied into each issue. Default `parcels`. */
  layer?: string;
  /** Code field, copied into each issue. */
  field?: string;
}

/** Parcel count and area (m²). */
export interface LandUseTally {
  parcels: number;
  areaM2: number;
}

/** The land-use part of a run report, plus the issues to add to it. */
export interface LandUseSummary {
  /** Normalised codes no row covers, largest area first. */
  unmapped: Array<{ code: string } & LandUseTally>;
  /** Codes mapped through a suffix or first-level fallback, largest area first. */
  fallbacks: Array<{ code: string; key: string; via: LandUseMatchVia; spaceType: SpaceType | null } & LandUseTally>;
  /** Parcels whose code is empty. */
  missing: LandUseTally;
  /** Parcels per space type; parcels mapped to nothing on purpose count under `none`. */
  bySpaceType: Record<string, LandUseTally>;
  /** `landuse-code-unmapped` (one per code), `landuse-code-parent-fallback` (one per code), `landuse-code-missing` (at most one). */
  issues: Issue[];
}

/**
 * Map every parcel's code and tally the results for the run report.
 *
 * @param parcels each parcel's raw code and area (m²); not mutated.
 * @param mapper from {@link createLandUseMapper}.
 * @param options issue location; `layer` defaults to `parcels`.
 * @returns unmapped codes, fallbacks, missing codes and per-type tallies, with their issues.
 * @example
 * const s = summariseLandUse([{ code: '0101', areaM2: 5000 }, { code: '9999', areaM2: 20 }], createLandUseMapper({ preset: 'gbt21010' }));
 * s.unmapped // → [{ code: '9999', parcels: 1, areaM2: 20 }]
 */
export function summariseLandUse(parcels: Iterable<LandUseParcelInput>, mapper: LandUseMapper, options: SummariseLandUseOptions = {}): LandUseSummary {
  const layer = options.layer ?? 'parcels';
  const where: { layer: string; field?: string } = options.field === undefined ? { layer } : { layer, field: options.field };
  const unmapped = new Map<string, LandUseTally>();
  const fallbacks = new Map<string, { code: string; key: string; via: LandUseMatchVia; spaceType: SpaceType | null } & LandUseTally>();
  const missing: LandUseTally = { parcels: 0, areaM2: 0 };
  const bySpaceType: Record<string, LandUseTally> = {};

  for (const parcel of parcels) {
    const area = typeof parcel.areaM2 === 'number' && Number.isFinite(parcel.areaM2) ? parcel.areaM2 : 0;
    const m = mapper.map(parcel.code);
    if (m.code === null) {
      missing.parcels++;
      missing.areaM2 += area;
      continue;
    }
    if (!m.matched) {
      const t = unmapped.get(m.code) ?? { parcels: 0, areaM2: 0 };
      t.parcels++;
      t.areaM2 += area;
      unmapped.set(m.code, t);
      continue;
    }
    const typeKey = m.spaceType ?? 'none';
    const t = bySpaceType[typeKey] ?? (bySpaceType[typeKey] = { parcels: 0, areaM2: 0 });
    t.parcels++;
    t.areaM2 += area;
    if ((m.via === 'suffix' || m.via === 'parent') && m.key !== null) {
      const f = fallbacks.get(m.code) ?? { code: m.code, key: m.key, via: m.via, spaceType: m.spaceType, parcels: 0, areaM2: 0 };
      f.parcels++;
      f.areaM2 += area;
      fallbacks.set(m.code, f);
    }
  }

  const byArea = (a: { code: string } & LandUseTally, b: { code: string } & LandUseTally): number => b.areaM2 - a.areaM2 || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const unmappedList = [...unmapped].map(([code, t]) => ({ code, ...t })).sort(byArea);
  const fallbackList = [...fallbacks.values()].sort(byArea);

  const issues: Issue[] = [];
  for (const u of unmappedList) {
    issues.push(makeIssue('landuse-code-unmapped', { code: u.code, parcels: u.parcels, areaM2: u.areaM2 }, { ...where, actual: u.code }));
  }
  for (const f of fallbackList) {
    issues.push(makeIssue('landuse-code-parent-fallback', { code: f.code, key: f.key, via: f.via, spaceType: f.spaceType, parcels: f.parcels }, { ...where, actual: f.code, expected: f.key }));
  }
  if (missing.parcels > 0) {
    issues.push(makeIssue('landuse-code-missing', { parcels: missing.parcels, areaM2: missing.areaM2 }, { ...where }));
  }
  return { unmapped: unmappedList, fallbacks: fallbackList, missing, bySpaceType, issues };
}
