/**
 * Issue codes of the geometry hygiene (docs/geometry-hygiene.md) and of the legacy Chinese
 * datums. Never reuse or rename one. Every feature-level code carries `layer` and `featureId`
 * in its details; the message names them too.
 */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

const m2 = (v: unknown): string => (typeof v === 'number' ? `${v.toLocaleString('en-US', { maximumFractionDigits: 2 })} m²` : fmt(v));
const n = (v: unknown): string => (typeof v === 'number' ? v.toLocaleString('en-US') : fmt(v));
const at = (a: Record<string, unknown>): string => `${a.layer}: feature ${fmt(a.featureId)}`;
/** "ring 1, position 37" (with "part 2, " for a multipolygon's later parts). */
const where = (a: Record<string, unknown>): string =>
  `${Number(a.part) > 1 ? `part ${a.part}, ` : ''}${a.ring === undefined ? '' : `ring ${a.ring}, `}${typeof a.position === 'number' ? `position ${a.position}` : String(a.position)}`;

export const GEOMETRY_MESSAGES: Record<string, MessageSpec> = {
  // Excluded features.
  'geometry-invalid-coordinates': { severity: 'warning', template: (a) => `${at(a)} has ${a.position === undefined ? 'a position' : `${where(a)} holding ${a.value}`}, which is not two finite numbers (or cannot be projected)${a.position === undefined ? '' : ' and too much of its ring is unreadable to mend'}; the feature was left out` },
  'geometry-invalid-position-dropped': { severity: 'warning', template: (a) => `${at(a)}: ${where(a)} holds ${a.value}, which is not two finite numbers (or cannot be projected); it was dropped and the ring joined across the gap${Number(a.count) > 1 ? ` (${n(a.count)} such positions in the feature; the first is named)` : ''}` },
  'geometry-empty': { severity: 'warning', template: (a) => `${at(a)} has an empty polygon (no positions); the feature was left out` },
  'geometry-zero-area': { severity: 'warning', template: (a) => `${at(a)} has no area once its rings are cleaned (${m2(a.areaM2)}); the feature was left out` },
  'geometry-repair-failed': { severity: 'warning', template: (a) => `${at(a)} is invalid and could not be repaired; the feature was left out` },
  // Repaired, area unchanged.
  'geometry-unclosed-ring': { severity: 'info', template: (a) => `${at(a)}: ${n(a.rings)} ring(s) did not end at their first position; they were closed` },
  'geometry-duplicate-vertices': { severity: 'info', template: (a) => `${at(a)}: ${n(a.vertices)} repeated consecutive position(s) were dropped` },
  'geometry-ring-winding': { severity: 'info', template: (a) => `${at(a)}: ${n(a.rings)} ring(s) wound against RFC 7946 (shells counter-clockwise, holes clockwise) were reversed; areas do not depend on it` },
  'geometry-spike': { severity: 'info', template: (a) => `${at(a)}: ${n(a.vertices)} vertex(es) of zero-width spikes (edges folding straight back) were removed; they enclose no area` },
  'geometry-degenerate-ring': { severity: 'info', template: (a) => `${at(a)}: ${n(a.rings)} ring(s) with fewer than three distinct vertices or no area were dropped` },
  // Repaired, area differs from a naive sum of ring areas.
  'geometry-self-intersection': { severity: 'warning', template: (a) => `${at(a)}: the ${a.ring} ring crosses or touches itself; it was split into ${n(a.lobes)} loop(s) measuring ${m2(a.areaM2)} (the ring's shoelace area is ${m2(a.shoelaceM2)})` },
  'geometry-hole-outside-shell': { severity: 'warning', template: (a) => `${at(a)}: hole ${n(a.hole)} (${m2(a.areaM2)}) lies outside its shell; it was dropped (not made an island)` },
  'geometry-hole-crosses-shell': { severity: 'warning', template: (a) => `${at(a)}: hole ${n(a.hole)} crosses its shell; only its part inside the shell was cut out (${m2(a.outsideM2)} outside ignored)` },
  'geometry-holes-overlap': { severity: 'warning', template: (a) => `${at(a)}: holes overlap; their overlap (${m2(a.overlapM2)}) was cut out once` },
  'geometry-parts-overlap': { severity: 'warning', template: (a) => `${at(a)}: parts of the multipolygon overlap; the overlap (${m2(a.overlapM2)}) counts once` },
  // Layer summaries.
  'geometry-faults-more': { severity: 'info', template: (a) => `${a.layer}: ${n(a.count)} more feature(s) with ${a.fault} are not listed one by one` },
  'parcels-overlap': { severity: 'warning', template: (a) => `parcels: ${fmt(a.a)} and ${fmt(a.b)} overlap by ${m2(a.areaM2)}; area-based weights count that ground twice` },
  'parcels-overlap-summary': { severity: 'warning', template: (a) => `parcels: ${n(a.pairs)} overlapping pair(s) covering ${m2(a.areaM2)} in total (${n(a.listed)} listed one by one); area-based weights count that ground twice` },
  // Legacy datums (crs area).
  'crs-legacy-datum': { severity: 'warning', template: (a) => `${a.layer ? `Layer ${fmt(a.layer)}: ` : ''}${a.code} (${a.name}) is on the ${a.datum} datum, which the engine converts with no datum shift (no official public parameters); positions may be off by up to ~${n(a.offsetM)} m against WGS 84 / CGCS2000 layers, while areas and lengths within the layer are unaffected` },
};
