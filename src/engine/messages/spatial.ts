/** Issue codes of the spatial stages (layers, overlay, points, networks, allocation, aggregation, economy). Never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

const t = (n: unknown): string => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 3 }) : fmt(n));

export const SPATIAL_MESSAGES: Record<string, MessageSpec> = {
  'layer-not-feature-collection': { severity: 'error', template: (a) => `${a.layer}: expected a GeoJSON FeatureCollection with a features array` },
  'feature-no-geometry': { severity: 'warning', template: (a) => `${a.layer}: a feature has no geometry and was left out` },
  'feature-not-polygon': { severity: 'warning', template: (a) => `${a.layer}: expected a Polygon or MultiPolygon, got ${fmt(a.type)}; the feature was left out` },
  'feature-not-point': { severity: 'warning', template: (a) => `${a.layer}: expected a Point or MultiPoint, got ${fmt(a.type)}; the feature was left out` },
  'feature-not-line': { severity: 'warning', template: (a) => `${a.layer}: expected a LineString or MultiLineString, got ${fmt(a.type)}; the feature was left out` },
  'feature-bad-coordinates': { severity: 'warning', template: (a) => `${a.layer}: a feature has missing or non-numeric coordinates (or a ring with fewer than 3 distinct vertices); it was left out` },
  'feature-zero-area': { severity: 'warning', template: (a) => `${a.layer}: a polygon has zero area; it carries no area weight` },
  'duplicate-feature-id': { severity: 'warning', template: (a) => `${a.layer}: the id ${fmt(a.id)} is used by more than one feature` },
  'offset-on-projected': { severity: 'warning', template: (a) => `${a.layer}: a GCJ-02/BD-09 offset applies to lon/lat coordinates, but the layer is in ${fmt(a.crs)}; the offset was applied after converting to lon/lat` },
  'units-generated': { severity: 'info', template: (a) => `units: no township layer; ${t(a.count)} square units of ${t(a.cellSizeM)} m were generated over the parcels` },
  'parcels-clipped': { severity: 'info', template: (a) => `parcels: ${t(Number(a.areaM2) / 1e6)} km² of parcel area lies outside every unit and was clipped off (${t(a.parcels)} parcels wholly outside)` },
  'points-outside-parcels': { severity: 'warning', template: (a) => `${a.layer}: ${t(a.count)} ${a.category} points lie outside every parcel of the study area and weigh nothing` },
  'points-uncategorised': { severity: 'info', template: (a) => `${a.layer}: ${t(a.count)} points match no POI category and were not counted` },
  'points-duplicate-positions': { severity: 'info', template: (a) => `${a.layer}: ${t(a.count)} points share their position with another point; each is counted (a stop served by several lines carries more traffic)` },
  'road-class-unknown': { severity: 'warning', template: (a) => `roads: class ${fmt(a.roadClass)} has no weight in the table (${t(a.count)} lines); weight 1 was used` },
  'population-weight-missing': { severity: 'warning', template: (a) => `population: ${t(a.count)} features have no usable number (≥ 0) in ${fmt(a.field)}; they weigh 0 (the first${a.firstId !== undefined ? `, feature ${fmt(a.firstId)},` : ''} holds ${fmt(a.firstValue === undefined ? null : a.firstValue)})` },
  'pool-zero-weight': { severity: 'warning', template: (a) => `${a.pool}: the pool's total weight is zero; it was allocated by ${a.fallbackTo}` },
  'pool-no-parcels': { severity: 'warning', template: (a) => `${a.pool}: no parcel of ${a.spaceTypes} lies in the study area; ${t(a.tonnes)} t CO2e are unallocated` },
  'pool-network': { severity: 'info', template: (a) => `${a.pool}: no transportation-land parcels, so the network itself carries the tonnes (${t(a.lines)} lines)` },
  'conservation-failed': { severity: 'error', template: (a) => `${a.pool}: allocated tonnes differ from the pool total by ${t(a.residual)} t CO2e` },
  'aggregation-stray': { severity: 'error', template: (a) => `${t(a.tonnes)} t CO2e reached no unit or cell during aggregation` },
  'economy-missing': { severity: 'warning', template: () => `no economic table or proxy in the config: ECC and zones cannot be computed` },
  'economy-duplicate-row': { severity: 'warning', template: (a) => `economy: more than one row for ${fmt(a.key)}; the last one is used` },
  'economy-unit-unmatched': { severity: 'warning', template: (a) => `economy: no row for unit ${fmt(a.unit)} (key ${fmt(a.key)}); it gets no ECC and no zone` },
  'economy-row-unmatched': { severity: 'warning', template: (a) => `economy: the row ${fmt(a.key)} matches no unit` },
  'economy-value-invalid': { severity: 'warning', template: (a) => `economy: the value for ${fmt(a.unit)} is not a finite number ≥ 0 (${fmt(a.value)})` },
  'economy-unit-key-duplicate': { severity: 'warning', template: (a) => `economy: unit ${fmt(a.unit)} has the same join key ${fmt(a.key)} as an earlier unit; it gets no economic value, so the row is not counted twice` },
  'features-outside-lonlat': { severity: 'warning', template: (a) => `${a.layer}: ${t(a.count)} features have coordinates outside longitude/latitude range (swapped or mistyped?) and were left out: ${(a.ids as unknown[]).map((x) => fmt(x)).join(', ')}${Number(a.count) > 10 ? ', …' : ''}` },
  'layer-field-missing': { severity: 'error', template: (a) => `${a.layer}: the ${a.setting} ${fmt(a.field)} is not a field of this layer; fields present: ${(a.present as string[]).join(', ') || '(none)'}` },
  'units-overlap': { severity: 'warning', template: (a) => `units: ${t(a.count)} pairs of units overlap (${t(Number(a.areaM2) / 1e6)} km² in all); parcels in an overlap are split between the units by area, so no tonne is counted twice, but the units' borders should be checked` },
  'unallocated-large': { severity: 'warning', template: (a) => `${t(a.share)} % of the city's gross emissions (${t(a.tonnes)} t CO2e) could not be placed on any parcel or network; see conservation[] for the pools` },
  'issues-truncated': { severity: 'info', template: (a) => `${a.layer ? `${a.layer}: ` : ''}${t(a.count)} issues ${fmt(a.code)}; the first ${t(a.shown)} are listed` },
  'economy-proxy': { severity: 'info', template: (a) => `economic weight is a ${a.label}${a.rationale ? `: ${a.rationale}` : ''}` },
};
