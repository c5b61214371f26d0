/**
 * The whole method end to end: inventory → allocation to parcels (and networks) → grid and
 * unit totals → CCR / ECC / ESC → zones → a report that accounts for every tonne.
 */
import Flatbush from 'flatbush';
import { SECTOR_COUNT, SECTOR_INDEX, allocatePools } from './allocate/allocate.js';
import type { NetworkWeights, ParcelWeights } from './allocate/allocate.js';
import { aggregate, cellOfKey, computeCellShares } from './aggregate/aggregate.js';
import type { CellShares } from './aggregate/aggregate.js';
import { computeBalance } from './balance/index.js';
import { classify } from './classify/index.js';
import type { CityConfig, GeneratedUnitsConfig, LayerSource, UnitLayerConfig } from './config/types.js';
import { resolveConfig, roadClassWeight, validateConfig } from './config/index.js';
import type { ResolvedConfig } from './config/index.js';
import {
  chooseWorkingCrs, createTransform, detectProjectedWithoutCrs, fromOffsetToWgs84, getProj4Definition, isGeographicCrs, parseCrsName, resolveLayerCrs, transformGeometry,
} from './crs/index.js';
import type { MultiPolygon } from './geometry/planar.js';
import { multiPolygonArea, multiPolygonBBox } from './geometry/planar.js';
import { distanceToFlatLine } from './geometry/flat.js';
import { withoutUnreadablePositions } from './geometry/hygiene.js';
import { computeInventory, summariseSectors } from './inventory/index.js';
import { makeIssue } from './messages/index.js';
import { createLandUseMapper, createPoiClassifier, summariseLandUse } from './presets/index.js';
import type {
  ConservationRow, GridCellProperties, LayerData, ParcelColumnsResult, ParcelProperties, RunOptions, RunReport, RunResult, UnitProperties,
} from './run-types.js';
import { featureId, joinLineLayers, lineCount, numberProperty, prepareLineLayer, preparePointLayer, preparePolygonLayer } from './spatial/layers.js';
import type { LineLayer, PointLayer, PolygonLayer, XY } from './spatial/layers.js';
import { GridIndex } from './spatial/grid-index.js';
import { cutNetwork } from './spatial/network.js';
import type { NetworkPieces } from './spatial/network.js';
import { indexBBoxes, intersectMultiPolygons, overlayParcelsOnUnits, overlayPolygons } from './spatial/overlay.js';
import { UnitLocator } from './spatial/unit-locator.js';
import { findParcelOverlaps, reportParcelOverlaps } from './spatial/overlaps.js';
import { assignPointsToParcels } from './spatial/points.js';
import type { Feature, FeatureCollection, Geometry, Issue, PoiCategory, SpaceType, TransportMode } from './types.js';
import { EngineError, SECTOR_IDS, ZONE_IDS } from './types.js';

/** Thrown by {@link run} for an invalid config; `issues` lists every problem. */
export class ConfigError extends EngineError {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super('invalid-config', `the city config has ${issues.filter((i) => i.severity === 'error').length} error(s): ${issues.filter((i) => i.severity === 'error').slice(0, 3).map((i) => `${i.path ?? ''} ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

const GEOGRAPHIC_OUT = 'EPSG:4326';

/** Numeric parcel columns of `RunOptions.parcelOutput: 'columns'`, in this order. */
const PARCEL_NUMBER_COLUMNS = ['areaM2', 'grossT', 'sinkT', 'netT', 'netPerKm2', ...SECTOR_IDS.map((s) => `${s}T`)];

interface LayerReader {
  role: string;
  config: LayerSource;
  fc: FeatureCollection;
  crs: string;
  /** Source coordinates → working CRS. */
  toWorking: XY;
  /** Source coordinates → WGS84 lon/lat (for outputs). */
  toWgs84: XY;
  identityWgs84: boolean;
}

/** The layers in the working CRS with everything that does not depend on land use or the inventory. */
interface SpatialState {
  key: string;
  issues: Issue[];
  timings: Record<string, number>;
  parcelsReader: LayerReader;
  unitsReader: LayerReader | null;
  poiReaders: LayerReader[];
  roadReaders: LayerReader[];
  popReader: LayerReader | null;
  working: { code: string; proj4: string; reason: string };
  parcels: PolygonLayer;
  units: PolygonLayer;
  unitNames: string[];
  unitFeatures: Feature[];
  generatedUnits: GeneratedUnitsConfig | null;
  cellSizeM: number;
  poiLayers: PointLayer[];
  roadLayers: LineLayer[];
  pieces: ReturnType<typeof overlayParcelsOnUnits>;
  parcelsInStudy: number;
  clippedM2: number;
  parcelAreaM2: number;
  unitIndex: Flatbush | null;
  n: number;
  poiCounts: Record<PoiCategory, Float64Array>;
  poiStats: RunReport['pois'];
  unitPoiCounts: Float64Array;
  population: Float64Array;
  networkStdM: Record<TransportMode, Float64Array>;
  lineLayerIndex: number[];
  network: NetworkPieces | null;
  networkWeights: NetworkWeights | null;
  cellShares: CellShares;
  /** Parcel geometries in WGS84 for the output, made on the first run that needs them. */
  parcelOutGeometries?: (Geometry | null)[];
  /** WGS84 outlines of grid cells by cell key, made on the first run. */
  cellGeometries?: Map<number, Geometry>;
  /** Land-use code of each parcel as read, and as text. */
  rawCodeValues?: unknown[];
  rawCodes?: (string | null)[];
}

/**
 * What a run may reuse from an earlier run on the same layers: everything up to the weights
 * depends only on the layers, their field bindings, the working CRS, the grid, the snapping
 * distances, the road-class weights and the POI-count economic proxy. A land-use remap, a new
 * inventory, GDP table or zoning threshold reuse it (the element's remap → zones path).
 */
function spatialKey(cfg: ResolvedConfig): string {
  const proxy = cfg.economy?.source === 'proxy' && cfg.economy.proxy === 'poi-count' ? cfg.economy.categories ?? null : null;
  return JSON.stringify([cfg.layers, cfg.workingCrs, cfg.gridCellSizeM, cfg.allocation.poiSnapDistanceM, cfg.allocation.networkSnapDistanceM, cfg.allocation.roadClassWeights, proxy]);
}

/** Spatial states of recent runs, per layers object (layers are treated as immutable). */
const spatialCache = new WeakMap<LayerData, SpatialState>();

function prepareSpatial(cfg: ResolvedConfig, layers: LayerData, key: string, enter: (stage: string) => void, progress: (f: number) => void): SpatialState {
  const issues: Issue[] = [];
  const timings: Record<string, number> = {};
  // ---- read: CRSs and the working CRS -------------------------------------------------------
  if (!layers || !layers.parcels) throw new EngineError('missing-layer', 'layers.parcels must be a FeatureCollection, got nothing');
  const unitsConfig = cfg.layers.units;
  const generatedUnits = 'generate' in unitsConfig ? (unitsConfig as GeneratedUnitsConfig) : null;
  if (!generatedUnits && !layers.units) throw new EngineError('missing-layer', 'layers.units must be a FeatureCollection when the config names a units layer, got nothing');

  const readers: LayerReader[] = [];
  const makeReader = (role: string, lc: LayerSource, fc: FeatureCollection | undefined): LayerReader => {
    const data = fc && Array.isArray(fc.features) ? fc : emptyCollection();
    if (fc && !Array.isArray(fc.features)) issues.push(makeIssue('layer-not-feature-collection', { layer: role }, { layer: role, severity: 'error', expected: 'FeatureCollection' }));
    const resolved = resolveLayerCrs(lc.crs, data, { layer: role });
    issues.push(...resolved.issues);
    let crs = resolved.code;
    if (resolved.issues.some((i) => i.severity === 'error')) throw new EngineError('crs-unusable', `${role}: ${resolved.issues.map((i) => i.message).join('; ')}`);
    let usable = data;
    if (isGeographicCrs(crs)) {
      // One pass over every coordinate. A few features with coordinates outside lon/lat range
      // (a swapped pair, a typo) are left out and named; only a layer mostly out of range is
      // taken as projected data (detectProjectedWithoutCrs, on the extent of what is used).
      const scan = scanCoordinates(data);
      const { outside, total } = scan;
      let bb = scan.bbox;
      if (outside.length > 0 && outside.length * 2 < total) {
        const left = new Set(outside);
        usable = { ...data, features: data.features.filter((_, i) => !left.has(i)) };
        bb = scan.inRangeBBox;
        issues.push(makeIssue('features-outside-lonlat', { layer: role, count: outside.length, ids: outside.slice(0, 10).map((i) => featureId(data.features[i], i, lc.idField)) },
          { layer: role, featureId: featureId(data.features[outside[0]], outside[0], lc.idField), expected: 'longitude in [-180, 180], latitude in [-90, 90]', actual: outside.length }));
      }
      const bad = bb ? detectProjectedWithoutCrs(bb, { code: crs, layer: role }) : null;
      if (bad) {
        issues.push(bad);
        if (bad.severity === 'error') throw new EngineError('crs-missing', bad.message);
      }
    }
    const offset = offsetFn(lc.coordinateOffset);
    if (offset && !isGeographicCrs(crs)) {
      issues.push(makeIssue('offset-on-projected', { layer: role, crs }, { layer: role, field: 'coordinateOffset' }));
    }
    const toWgs = createTransform(crs, GEOGRAPHIC_OUT);
    const toWgs84: XY = offset ? (c) => offset(toWgs(c)) : toWgs;
    reportMissingFields(role, lc, usable, issues);
    const reader: LayerReader = { role, config: lc, fc: usable, crs, toWorking: toWgs84, toWgs84, identityWgs84: isGeographicCrs(crs) && !offset };
    readers.push(reader);
    return reader;
  };
  const parcelsReader = makeReader('parcels', cfg.layers.parcels, layers.parcels);
  const unitsReader = generatedUnits ? null : makeReader('units', unitsConfig as UnitLayerConfig, layers.units);
  const poiReaders = (cfg.layers.pois ?? []).map((lc, i) => makeReader(`pois[${i}]`, lc, layers.pois?.[i]));
  const roadReaders = (cfg.layers.roads ?? []).map((lc, i) => makeReader(`roads[${i}]`, lc, layers.roads?.[i]));
  const popReader = cfg.layers.population ? makeReader('population', cfg.layers.population, layers.population) : null;

  let working: { code: string; proj4: string; reason: string };
  if (cfg.workingCrs === 'auto') {
    const bb = lonLatBBox(unitsReader ?? parcelsReader);
    if (!bb) throw new EngineError('empty-layer', `${unitsReader ? 'units' : 'parcels'}: no usable coordinates to choose a working CRS from`);
    working = chooseWorkingCrs(bb);
  } else {
    const code = parseCrsName(cfg.workingCrs) ?? cfg.workingCrs;
    working = { code, proj4: getProj4Definition(code) ?? '', reason: `${code} is set in the config` };
  }
  for (const r of readers) {
    const toWork = createTransform(r.crs, working.code);
    const offset = offsetFn(r.config.coordinateOffset);
    if (offset) {
      const wgsToWork = createTransform(GEOGRAPHIC_OUT, working.code);
      const toWgs = createTransform(r.crs, GEOGRAPHIC_OUT);
      r.toWorking = (c) => wgsToWork(offset(toWgs(c)));
    } else r.toWorking = toWork;
  }

  // ---- project ------------------------------------------------------------------------------
  enter('project');
  const parcels = preparePolygonLayer('parcels', parcelsReader.fc, parcelsReader.toWorking, cfg.layers.parcels.idField, issues);
  progress(0.4);
  const cellSizeM = cfg.gridCellSizeM;
  let units: PolygonLayer;
  let unitNames: string[];
  let unitFeatures: Feature[];
  if (generatedUnits) {
    const gen = generateGridUnits(parcels, generatedUnits.cellSizeM, working.code);
    units = gen.layer;
    unitNames = gen.names;
    unitFeatures = gen.features;
    issues.push(makeIssue('units-generated', { count: units.geoms.length, cellSizeM: generatedUnits.cellSizeM }, { layer: 'units' }));
  } else {
    const uc = unitsConfig as UnitLayerConfig;
    units = preparePolygonLayer('units', unitsReader!.fc, unitsReader!.toWorking, uc.idField, issues);
    unitNames = units.source.map((src, k) => {
      const v = uc.nameField ? unitsReader!.fc.features[src].properties?.[uc.nameField] : undefined;
      return v === undefined || v === null || String(v).trim() === '' ? units.ids[k] : String(v);
    });
    unitFeatures = units.source.map((src) => unitsReader!.fc.features[src]);
  }
  if (units.geoms.length === 0) throw new EngineError('empty-layer', 'units: no usable polygon, so there is no study area');
  if (parcels.geoms.length === 0) throw new EngineError('empty-layer', `parcels: no usable polygon among ${parcels.inputCount} features, so no tonne can be placed`);
  const fieldErrors = issues.filter((i) => i.code === 'layer-field-missing' && i.severity === 'error');
  if (fieldErrors.length > 0) throw new ConfigError(fieldErrors);
  checkGridSize(units, cellSizeM);
  const unitOverlaps = findParcelOverlaps(units);
  if (unitOverlaps.pairs.length > 0) {
    issues.push(makeIssue('units-overlap', { count: unitOverlaps.pairs.length, areaM2: unitOverlaps.totalAreaM2 }, { layer: 'units', actual: unitOverlaps.pairs.slice(0, 20).map((p) => [units.ids[p.a], units.ids[p.b]]) }));
  }
  reportDuplicateIds('units', units.ids, issues);
  progress(0.7);
  const poiLayers: PointLayer[] = poiReaders.map((r) => preparePointLayer(r.role, r.fc, r.toWorking, r.config.idField, issues));
  const roadLayers: LineLayer[] = roadReaders.map((r) => prepareLineLayer(r.role, r.fc, r.toWorking, r.config.idField, issues));

  // ---- overlay: parcels × units -------------------------------------------------------------
  enter('overlay');
  const unitIndex = indexBBoxes(units);
  // Which units cover a point, from a grid for points well inside a unit (overlay, POIs, roads).
  const unitLocator = new UnitLocator(units, unitIndex);
  const pieces = overlayParcelsOnUnits(parcels, units, progress, unitLocator);
  let parcelsInStudy = 0, clippedM2 = 0, parcelAreaM2 = 0;
  for (let i = 0; i < parcels.geoms.length; i++) {
    parcelAreaM2 += parcels.areas[i];
    clippedM2 += Math.max(0, parcels.areas[i] - pieces.inStudyM2[i]);
    if (pieces.inStudyM2[i] > 0) parcelsInStudy++;
  }
  if (clippedM2 > 1e-6 * Math.max(1, parcelAreaM2)) {
    issues.push(makeIssue('parcels-clipped', { areaM2: clippedM2, parcels: parcels.geoms.length - parcelsInStudy }, { layer: 'parcels' }));
  }
  // Overlapping parcels count their shared ground twice in area weights: report each pair and the total.
  reportParcelOverlaps(parcels, issues);
  // ---- weights ------------------------------------------------------------------------------
  enter('weights');
  const parcelIndex = indexBBoxes(parcels);
  const parcelGrid = parcels.geoms.length > 0 ? GridIndex.of(parcels.bboxes) : null;
  const n = parcels.geoms.length;
  const poiCounts: Record<PoiCategory, Float64Array> = { industry: new Float64Array(n), commercial: new Float64Array(n), transport: new Float64Array(n) };
  const poiStats: RunReport['pois'] = {};
  const transportPoints: { xs: number[]; ys: number[] } = { xs: [], ys: [] };
  const unitPoiCounts = new Float64Array(units.geoms.length);
  const proxyCategories = cfg.economy?.source === 'proxy' && cfg.economy.proxy === 'poi-count' ? new Set(cfg.economy.categories ?? ['industry', 'commercial']) : null;
  poiLayers.forEach((layer, li) => {
    const reader = poiReaders[li];
    const classifyPoi = createPoiClassifier(reader.config as never);
    issues.push(...classifyPoi.issues.map((i) => ({ ...i, layer: i.layer ?? reader.role })));
    // Most POI layers repeat a few thousand type codes a million times: classify each once.
    const field = (reader.config as { categoryField?: string }).categoryField;
    const memo = new Map<unknown, PoiCategory[]>();
    const cats: PoiCategory[][] = reader.fc.features.map((f) => {
      if (!f) return [];
      if (!field) return classifyPoi(f.properties ?? {});
      const key = f.properties?.[field];
      let c = memo.get(key);
      if (!c) { c = classifyPoi(f.properties ?? {}); memo.set(key, c); }
      return c;
    });
    const assignment = assignPointsToParcels(layer, parcels, parcelGrid, parcelIndex, pieces, cfg.allocation.poiSnapDistanceM);
    const outsideByCat: Record<string, number> = {};
    let uncategorised = 0;
    for (let k = 0; k < layer.xs.length; k++) {
      const c = cats[layer.feature[k]];
      if (c.length === 0) { uncategorised++; continue; }
      const p = assignment.parcelOf[k];
      for (const cat of c) {
        if (p >= 0) poiCounts[cat][p] += 1;
        else outsideByCat[cat] = (outsideByCat[cat] ?? 0) + 1;
        if (cat === 'transport') { transportPoints.xs.push(layer.xs[k]); transportPoints.ys.push(layer.ys[k]); }
      }
      if (proxyCategories && c.some((cat) => proxyCategories.has(cat))) {
        const u = unitLocator.unitAt(layer.xs[k], layer.ys[k]);
        if (u >= 0) unitPoiCounts[u]++;
      }
    }
    poiStats[reader.role] = { total: layer.xs.length, inParcels: assignment.inParcels, snapped: assignment.snapped, outside: assignment.outside, duplicatePositions: assignment.duplicatePositions };
    for (const [cat, count] of Object.entries(outsideByCat)) {
      issues.push(makeIssue('points-outside-parcels', { layer: reader.role, category: cat, count }, { layer: reader.role, actual: count }));
    }
    if (uncategorised > 0) issues.push(makeIssue('points-uncategorised', { layer: reader.role, count: uncategorised }, { layer: reader.role, field: (reader.config as { categoryField?: string }).categoryField, actual: uncategorised }));
    if (assignment.duplicatePositions > 0) issues.push(makeIssue('points-duplicate-positions', { layer: reader.role, count: assignment.duplicatePositions }, { layer: reader.role, actual: assignment.duplicatePositions }));
  });
  progress(0.3);

  const population = popReader ? populationWeights(popReader, parcels, parcelGrid, parcelIndex, pieces, issues) : new Float64Array(n);
  progress(0.5);

  // Networks.
  const networkStdM: Record<TransportMode, Float64Array> = { road: new Float64Array(n), rail: new Float64Array(n), water: new Float64Array(n), air: new Float64Array(n) };
  const lineMode: TransportMode[] = [];
  const lineWeight: number[] = [];
  const lineLayerIndex: number[] = [];
  const lineFeature: number[] = [];
  const unknownClasses = new Map<string, number>();
  roadLayers.forEach((layer, li) => {
    const rc = roadReaders[li].config as { classField?: string; mode?: TransportMode };
    const mode = rc.mode ?? 'road';
    for (let k = 0; k < lineCount(layer); k++) {
      const props = roadReaders[li].fc.features[layer.feature[k]].properties;
      let w = 1;
      if (mode === 'road' && rc.classField) {
        const cls = props?.[rc.classField];
        const r = roadClassWeight(cls === undefined || cls === null ? '' : String(cls), cfg.allocation.roadClassWeights);
        w = r.weight;
        if (r.matchedClass === null) unknownClasses.set(String(cls), (unknownClasses.get(String(cls)) ?? 0) + 1);
      }
      lineMode.push(mode);
      lineWeight.push(w);
      lineLayerIndex.push(li);
      lineFeature.push(layer.feature[k]);
    }
  });
  const allLines: LineLayer = roadLayers.length === 1 ? { ...roadLayers[0], layer: 'roads', feature: Int32Array.from(lineFeature), inputCount: 0 } : joinLineLayers('roads', roadLayers, Int32Array.from(lineFeature));
  for (const [cls, count] of unknownClasses) issues.push(makeIssue('road-class-unknown', { roadClass: cls, count }, { layer: 'roads', actual: cls }));
  let network: NetworkPieces | null = null;
  let networkWeights: NetworkWeights | null = null;
  if (lineCount(allLines) > 0) {
    network = cutNetwork(allLines, parcels, parcelGrid, pieces, units, unitIndex, cellSizeM, unitLocator);
    for (let k = 0; k < network.line.length; k++) {
      const p = network.parcel[k];
      const l = network.line[k];
      if (p >= 0) networkStdM[lineMode[l]][p] += network.lengthM[k] * lineWeight[l];
    }
    const stdM = Float64Array.from(network.inStudyM, (len, l) => len * lineWeight[l]);
    const transportPoi = nearestRoadCounts(transportPoints, allLines, lineMode, cfg.allocation.networkSnapDistanceM);
    networkWeights = { mode: lineMode, stdM, lengthM: network.inStudyM, transportPoi };
  }
  progress(0.9);

  const cellShares = computeCellShares(parcels, pieces, units, cellSizeM);
  return {
    key, issues, timings, cellShares, parcelsReader, unitsReader, poiReaders, roadReaders, popReader, working, parcels, units, unitNames, unitFeatures, generatedUnits, cellSizeM, poiLayers, roadLayers, pieces, parcelsInStudy, clippedM2, parcelAreaM2, unitIndex, n, poiCounts, poiStats, unitPoiCounts, population, networkStdM, lineLayerIndex, network, networkWeights,
  };
}

function now(): number { return Date.now(); }

function emptyCollection(): FeatureCollection { return { type: 'FeatureCollection', features: [] }; }

/** Lon/lat bounding box of a layer (its coordinates transformed to WGS84). */
function lonLatBBox(reader: LayerReader): [number, number, number, number] | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      if (!Number.isFinite(c[0]) || !Number.isFinite(c[1] as number)) return;
      const p = reader.toWgs84(c as number[]);
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
      return;
    }
    for (const x of c) visit(x);
  };
  const visitGeometry = (g: Geometry | null): void => {
    if (!g) return;
    if (g.type === 'GeometryCollection') g.geometries?.forEach(visitGeometry);
    else visit((g as { coordinates: unknown }).coordinates);
  };
  // Every feature: a bounding box over a sample could miss a far-flung unit.
  for (const f of reader.fc.features) visitGeometry(f?.geometry ?? null);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/**
 * One pass over a layer's raw coordinates: the features with a finite coordinate outside
 * lon/lat range (a swapped pair, a typo, or projected data), the number of features with
 * geometry, and the extent of the finite coordinates of all features and of the in-range ones.
 */
function scanCoordinates(fc: FeatureCollection): { outside: number[]; total: number; bbox: BBox | null; inRangeBBox: BBox | null } {
  const outside: number[] = [];
  let total = 0;
  const all = [Infinity, Infinity, -Infinity, -Infinity];
  const inRange = [Infinity, Infinity, -Infinity, -Infinity];
  const own = [Infinity, Infinity, -Infinity, -Infinity];
  let out = false;
  const visit = (c: unknown, depth: number): void => {
    if (!Array.isArray(c)) return;
    if (depth === 0) {
      const x = c[0], y = c[1];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return;
      if (x < own[0]) own[0] = x; if (y < own[1]) own[1] = y; if (x > own[2]) own[2] = x; if (y > own[3]) own[3] = y;
      if (x < -180 || x > 180 || y < -90 || y > 90) out = true;
      return;
    }
    for (let i = 0; i < c.length; i++) visit(c[i], depth - 1);
  };
  const features = fc.features;
  for (let i = 0; i < features.length; i++) {
    const g = features[i]?.geometry;
    if (!g || g.type === 'GeometryCollection') continue;
    const depth = DEPTH[g.type];
    if (depth === undefined) continue;
    total++;
    own[0] = Infinity; own[1] = Infinity; own[2] = -Infinity; own[3] = -Infinity;
    out = false;
    visit((g as { coordinates: unknown }).coordinates, depth);
    if (out) outside.push(i);
    if (!(own[0] <= own[2])) continue;
    for (const box of out ? [all] : [all, inRange]) {
      if (own[0] < box[0]) box[0] = own[0]; if (own[1] < box[1]) box[1] = own[1];
      if (own[2] > box[2]) box[2] = own[2]; if (own[3] > box[3]) box[3] = own[3];
    }
  }
  const finish = (b: number[]): BBox | null => (Number.isFinite(b[0]) ? [b[0], b[1], b[2], b[3]] : null);
  return { outside, total, bbox: finish(all), inRangeBBox: finish(inRange) };
}

type BBox = [number, number, number, number];

/** Nesting depth of a position inside each geometry type's coordinates. */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

function offsetFn(kind: string | undefined): ((c: number[]) => number[]) | null {
  if (kind === 'gcj02' || kind === 'bd09') return (c) => fromOffsetToWgs84(kind, c[0], c[1]);
  return null;
}

/**
 * Run the method on a city.
 *
 * @param config the city config (validated first; an invalid one rejects with {@link ConfigError})
 * @param layers the features of the config's layers, already read
 * @param options progress callback and abort flag
 * @returns parcels, grid and units as WGS84 GeoJSON and the run report
 * @example
 * const { units, report } = await run(config, { parcels, units: townships, pois: [pois] });
 */
export async function run(config: CityConfig, layers: LayerData, options: RunOptions = {}): Promise<RunResult> {
  return runSync(config, layers, options);
}

/** {@link run} without the promise: for Web Workers and benchmarks. */
export function runSync(config: CityConfig, layers: LayerData, options: RunOptions = {}): RunResult {
  const configIssues = validateConfig(config);
  if (configIssues.some((i) => i.severity === 'error')) throw new ConfigError(configIssues);
  const cfg = resolveConfig(config);
  const issues: Issue[] = [...(options.inputIssues ?? []), ...configIssues];
  const timings: Record<string, number> = {};
  let stageStart = now();
  let stage = 'read';
  const progress = (fraction: number): void => options.onProgress?.(stage, fraction);
  const enter = (next: string): void => {
    timings[stage] = now() - stageStart;
    if (options.signal?.aborted) throw new EngineError('aborted', `the run was cancelled before stage ${next}`);
    stage = next;
    stageStart = now();
    progress(0);
  };
  progress(0);

  // ---- read … weights: reused when only land use, inventory, economy or zoning changed ----------
  const key = spatialKey(cfg);
  let state = options.reuse === false ? undefined : spatialCache.get(layers);
  if (!state || state.key !== key) {
    state = prepareSpatial(cfg, layers, key, enter, progress);
    if (options.reuse !== false && layers && typeof layers === 'object') spatialCache.set(layers, state);
  } else {
    timings.reused = 1;
  }
  issues.push(...state.issues);
  const { cellShares, parcelsReader, unitsReader, poiReaders, roadReaders, popReader, working, parcels, units, unitNames, unitFeatures, generatedUnits, cellSizeM, poiLayers, roadLayers, pieces, parcelsInStudy, clippedM2, parcelAreaM2, unitIndex, n, poiCounts, poiStats, unitPoiCounts, population, networkStdM, lineLayerIndex, network, networkWeights } = state;

  // ---- land use -----------------------------------------------------------------------------
  enter('land-use');
  const baseMapper = createLandUseMapper(cfg.landUse);
  issues.push(...baseMapper.issues);
  // A city has a few dozen distinct codes over 10⁵ parcels: normalise and look each up once.
  const matches = new Map<unknown, ReturnType<typeof baseMapper.map>>();
  const mapper: typeof baseMapper = {
    preset: baseMapper.preset,
    overrides: baseMapper.overrides,
    issues: baseMapper.issues,
    map: (raw: unknown) => {
      let m = matches.get(raw);
      if (!m) { m = baseMapper.map(raw); matches.set(raw, m); }
      return m;
    },
  };
  const codeField = cfg.layers.parcels.codeField;
  // The codes as read depend only on the layers: kept with the prepared city.
  if (!state.rawCodeValues) {
    state.rawCodeValues = parcels.source.map((src) => parcelsReader.fc.features[src].properties?.[codeField]);
    state.rawCodes = state.rawCodeValues.map((raw) => (raw === undefined || raw === null ? null : String(raw)));
  }
  const rawValues = state.rawCodeValues;
  const rawCodes = state.rawCodes!;
  const spaceType: (SpaceType | null)[] = new Array(parcels.geoms.length);
  for (let i = 0; i < parcels.geoms.length; i++) spaceType[i] = mapper.map(rawValues[i]).spaceType;
  // Unmapped codes (with parcel count and area), parent-class fallbacks and missing codes. One
  // reused row object: the summary reads each row and keeps none of them.
  function* codeRows(): Generator<{ code: unknown; areaM2: number }> {
    const row = { code: undefined as unknown, areaM2: 0 };
    for (let i = 0; i < rawValues.length; i++) { row.code = rawValues[i]; row.areaM2 = parcels.areas[i]; yield row; }
  }
  const landUseSummary = summariseLandUse(codeRows(), mapper, { layer: 'parcels', field: codeField });
  issues.push(...landUseSummary.issues);
  const unmapped = landUseSummary.unmapped.map((u) => ({ code: u.code, parcels: u.parcels, areaM2: clean(u.areaM2) }));
  if (landUseSummary.missing.parcels > 0) unmapped.push({ code: '(missing)', parcels: landUseSummary.missing.parcels, areaM2: clean(landUseSummary.missing.areaM2) });

  const bySpaceType: Record<string, { parcels: number; areaM2: number }> = {};
  const areaBySpaceTypeM2: Partial<Record<SpaceType, number>> = {};
  for (let i = 0; i < parcels.geoms.length; i++) {
    const key = spaceType[i] ?? 'unmapped';
    const e = bySpaceType[key] ?? (bySpaceType[key] = { parcels: 0, areaM2: 0 });
    e.parcels++;
    e.areaM2 += pieces.inStudyM2[i];
    const t = spaceType[i];
    if (t) areaBySpaceTypeM2[t] = (areaBySpaceTypeM2[t] ?? 0) + pieces.inStudyM2[i];
  }


  // ---- inventory ----------------------------------------------------------------------------
  enter('inventory');
  const inventory = computeInventory(cfg.inventory, { areaBySpaceTypeM2 }, { sinkRatesTPerHa: config.sinkRates });
  issues.push(...inventory.issues);
  if (inventory.issues.some((i) => i.severity === 'error')) {
    throw new ConfigError(inventory.issues.filter((i) => i.severity === 'error'));
  }

  // ---- allocate -----------------------------------------------------------------------------
  enter('allocate');
  const weights: ParcelWeights = { spaceType, areaM2: pieces.inStudyM2, poi: poiCounts, population, networkStdM };
  const allocation = allocatePools(inventory.pools, weights, networkWeights, {
    beta: cfg.allocation.beta, transportPool: cfg.allocation.transportPool, sinkRatesTPerM2: inventory.sinkRatesTPerM2,
  });
  issues.push(...allocation.issues);
  {
    const gross = inventory.pools.reduce((a, pl) => a + Math.max(0, pl.netT), 0);
    const lost = allocation.conservation.filter((c) => c.totalT > 0).reduce((a, c) => a + c.unallocatedT, 0);
    if (gross > 0 && lost > 0.01 * gross) issues.push(makeIssue('unallocated-large', { share: (100 * lost) / gross, tonnes: lost }, { actual: lost }));
  }

  // ---- aggregate ----------------------------------------------------------------------------
  enter('aggregate');
  const agg = aggregate(parcels, pieces, allocation.parcelNetT, network, allocation.lineNetT, units, cellSizeM, cellShares);
  if (Math.abs(agg.strayT) > 1e-6) issues.push(makeIssue('aggregation-stray', { tonnes: agg.strayT }, { severity: 'error' }));

  // ---- balance ------------------------------------------------------------------------------
  enter('balance');
  const sinkIdx = SECTOR_INDEX.sinks;
  const unitGross = new Float64Array(units.geoms.length);
  const unitSink = new Float64Array(units.geoms.length);
  for (let u = 0; u < units.geoms.length; u++) {
    for (let s = 0; s < SECTOR_COUNT; s++) {
      const v = agg.unitNetT[u * SECTOR_COUNT + s];
      if (s === sinkIdx) unitSink[u] += -v;
      else unitGross[u] += v;
    }
  }
  const gdp = economicWeights(cfg, units, unitNames, unitFeatures, pieces, spaceType, unitPoiCounts, issues);
  const balance = computeBalance(units.ids.map((id, u) => ({ id, name: unitNames[u], emissionT: clean(unitGross[u]), sinkT: clean(Math.max(0, unitSink[u])), gdp: gdp.values[u] })), {
    threshold: cfg.zoning.threshold, tieRule: cfg.zoning.tieRule,
  });
  issues.push(...balance.issues);

  // ---- outputs ------------------------------------------------------------------------------
  enter('output');
  const sectorProps = (arr: Float64Array, offset: number): Record<string, number> => {
    const o: Record<string, number> = {};
    SECTOR_IDS.forEach((s, k) => { o[`${s}T`] = clean(arr[offset + k]); });
    return o;
  };
  const grossOf = (arr: Float64Array, offset: number): number => {
    let g = 0;
    for (let s = 0; s < SECTOR_COUNT; s++) if (s !== sinkIdx) g += arr[offset + s];
    return clean(g);
  };
  const unitAreas = new Float64Array(units.geoms.length);
  units.geoms.forEach((mp, u) => { unitAreas[u] = multiPolygonArea(mp); });
  const unitProps: UnitProperties[] = balance.units.map((b, u) => ({
    id: units.ids[u], name: unitNames[u], areaM2: clean(unitAreas[u]),
    emissionT: clean(unitGross[u]), sinkT: clean(Math.max(0, unitSink[u])), netT: clean(unitGross[u] - Math.max(0, unitSink[u])),
    gdp: gdp.values[u], ccr: b.ccr, ecc: b.ecc, esc: b.esc, zone: b.zone, reason: b.reason,
    ...(sectorProps(agg.unitNetT, u * SECTOR_COUNT) as Record<`${(typeof SECTOR_IDS)[number]}T`, number>),
  }));
  const unitsMended = hasMendedFeatures(state.issues, 'units');
  const unitsFc: FeatureCollection = {
    type: 'FeatureCollection',
    features: unitFeatures.map((f, u) => ({ type: 'Feature', id: units.ids[u], geometry: generatedUnits ? f.geometry : outGeometry(unitsReader!, f.geometry, unitsMended), properties: { ...unitProps[u] } })),
  };
  progress(0.2);

  const parcelFeatures: Feature[] = [];
  const parcelIntensity: number[] = new Array(n);
  const parcelsMended = hasMendedFeatures(state.issues, 'parcels');
  const outGeometries = state.parcelOutGeometries ?? (state.parcelOutGeometries = parcels.source.map((src) => outGeometry(parcelsReader, parcelsReader.fc.features[src].geometry, parcelsMended)));
  const asColumns = options.parcelOutput === 'columns';
  const col = asColumns ? PARCEL_NUMBER_COLUMNS.map(() => new Float64Array(n)) : null;
  const v = allocation.parcelNetT;
  for (let i = 0; i < n; i++) {
    const base = i * SECTOR_COUNT;
    const gross = grossOf(v, base);
    const sink = clean(-v[base + sinkIdx]);
    const net = clean(gross - sink);
    const area = pieces.inStudyM2[i];
    const perKm2 = area > 0 ? clean(net / (area / 1e6)) : 0;
    parcelIntensity[i] = perKm2;
    if (col) {
      // Column order: PARCEL_NUMBER_COLUMNS.
      col[0][i] = clean(area); col[1][i] = gross; col[2][i] = Math.max(0, sink); col[3][i] = net; col[4][i] = perKm2;
      for (let s = 0; s < SECTOR_COUNT; s++) col[5 + s][i] = clean(v[base + s]);
      continue;
    }
    // One literal per parcel (10⁵ of them): no per-key strings or spread objects on this path.
    const props: ParcelProperties = {
      id: parcels.ids[i], code: rawCodes[i], spaceType: spaceType[i], areaM2: clean(area), grossT: gross, sinkT: Math.max(0, sink), netT: net, netPerKm2: perKm2,
      industryT: clean(v[base + SECTOR_INDEX.industry]), buildingsT: clean(v[base + SECTOR_INDEX.buildings]), transportT: clean(v[base + SECTOR_INDEX.transport]),
      agricultureT: clean(v[base + SECTOR_INDEX.agriculture]), wasteT: clean(v[base + SECTOR_INDEX.waste]), sinksT: clean(v[base + SECTOR_INDEX.sinks]),
    };
    parcelFeatures.push({ type: 'Feature', id: parcels.ids[i], geometry: outGeometries[i], properties: props as unknown as Record<string, unknown> });
  }
  const parcelColumns: ParcelColumnsResult | undefined = col ? {
    length: n,
    numbers: Object.fromEntries(PARCEL_NUMBER_COLUMNS.map((k, j) => [k, col[j]])),
    values: { id: parcels.ids.slice(), code: rawCodes.slice(), spaceType },
    geometries: outGeometries,
  } : undefined;
  progress(0.6);

  const toWgsFromWorking = createTransform(working.code, GEOGRAPHIC_OUT);
  const cellGeometries = state.cellGeometries ?? (state.cellGeometries = new Map<number, Geometry>());
  const cellKm2 = (cellSizeM * cellSizeM) / 1e6;
  const gridFeatures: Feature[] = [];
  const gridIntensity: number[] = [];
  const sortedKeys = [...agg.cells.keys()].sort((a, b) => a - b);
  for (const key of sortedKeys) {
    const v = agg.cells.get(key)!;
    const [col, row] = cellOfKey(key);
    const gross = grossOf(v, 0);
    const sink = clean(Math.max(0, -v[sinkIdx]));
    const net = clean(gross - sink);
    const props: GridCellProperties = {
      id: `${col}_${row}`, col, row, grossT: gross, sinkT: sink, netT: net,
      netPerKm2: clean(net / cellKm2), grossPerKm2: clean(gross / cellKm2),
      ...(sectorProps(v, 0) as Record<`${(typeof SECTOR_IDS)[number]}T`, number>),
    };
    gridIntensity.push(props.netPerKm2);
    // Cell outlines depend only on the grid: made once per prepared city, shared by later runs.
    let geometry = cellGeometries.get(key);
    if (!geometry) {
      const x0 = col * cellSizeM, y0 = row * cellSizeM, x1 = x0 + cellSizeM, y1 = y0 + cellSizeM;
      const ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map((c) => roundLonLat(toWgsFromWorking(c)));
      geometry = { type: 'Polygon', coordinates: [ring] };
      cellGeometries.set(key, geometry);
    }
    gridFeatures.push({ type: 'Feature', id: props.id, geometry, properties: props as unknown as Record<string, unknown> });
  }
  progress(0.8);

  // ---- report -------------------------------------------------------------------------------
  const sectors = summariseSectors(inventory.pools);
  const grossT = sectors.reduce((a, s) => a + s.grossT, 0);
  const sinkT = sectors.reduce((a, s) => a + s.sinkT, 0);
  const classifyOpts = { method: cfg.classification.method, classes: cfg.classification.classes, breaks: cfg.classification.breaks };
  const classification: RunReport['classification'] = {};
  const addClassification = (key: string, values: Array<number | null>): void => {
    const c = classify(values, classifyOpts);
    classification[key] = { method: c.method, breaks: c.breaks, counts: c.counts, excluded: c.excluded, sinkBreaks: c.sinkBreaks, sinkCounts: c.sinkCounts } as RunReport['classification'][string];
  };
  addClassification('parcels.netPerKm2', parcelIntensity);
  addClassification('grid.netPerKm2', gridIntensity);
  addClassification('units.netT', unitProps.map((u) => u.netT));
  addClassification('units.ccr', unitProps.map((u) => u.ccr));
  addClassification('units.ecc', unitProps.map((u) => u.ecc));
  addClassification('units.esc', unitProps.map((u) => u.esc));

  const layerStats: RunReport['layers'] = {};
  layerStats.parcels = { features: parcels.inputCount, used: parcelsInStudy, crs: parcelsReader.crs, areaM2: clean(parcelAreaM2), clippedAreaM2: clean(clippedM2) };
  layerStats.units = { features: generatedUnits ? units.geoms.length : units.inputCount, used: units.geoms.length, crs: unitsReader?.crs ?? working.code, areaM2: clean(unitAreas.reduce((a, b) => a + b, 0)) };
  poiLayers.forEach((l, i) => { layerStats[poiReaders[i].role] = { features: l.inputCount, used: poiStats[poiReaders[i].role].inParcels + poiStats[poiReaders[i].role].snapped, crs: poiReaders[i].crs }; });
  roadLayers.forEach((l, i) => {
    let len = 0;
    if (network) for (let k = 0; k < network.inStudyM.length; k++) if (lineLayerIndex[k] === i) len += network.inStudyM[k];
    layerStats[roadReaders[i].role] = { features: l.inputCount, used: lineCount(l), crs: roadReaders[i].crs, lengthM: clean(len) };
  });
  if (popReader) layerStats.population = { features: popReader.fc.features.length, used: popReader.fc.features.length, crs: popReader.crs };

  const zones = { unzoned: balance.zones.unzoned } as RunReport['zones'];
  for (const z of ZONE_IDS) zones[z] = balance.zones[z];

  capRepeatedIssues(issues);
  const report: RunReport = {
    format: 'carbon-balance-report',
    version: 1,
    city: cfg.name,
    generatedAt: new Date().toISOString(),
    workingCrs: { code: working.code, proj4: working.proj4, reason: working.reason },
    totals: {
      grossT: clean(grossT), sinkT: clean(sinkT), netT: clean(grossT - sinkT), ccr: grossT > 0 ? sinkT / grossT : null,
      unallocatedT: clean(allocation.unallocatedT),
      unallocatedSourceT: clean(allocation.conservation.filter((c) => c.totalT > 0).reduce((a, c) => a + c.unallocatedT, 0)),
      unallocatedSinkT: clean(-allocation.conservation.filter((c) => c.totalT < 0).reduce((a, c) => a + c.unallocatedT, 0)),
      unitsEmissionT: clean(balance.city.emissionT), unitsSinkT: clean(balance.city.sinkT), gdp: balance.city.gdp,
    },
    sectors,
    inventory: {
      mode: inventory.mode, gwp: inventory.gwp ?? null, lines: inventory.lines,
      overridesApplied: inventory.overridesApplied, unverifiedFactors: inventory.unverifiedFactors,
    },
    conservation: allocation.conservation.map((r: ConservationRow) => ({ ...r, totalT: clean(r.totalT), allocatedT: clean(r.allocatedT), unallocatedT: clean(r.unallocatedT), residualT: clean(r.residualT) })),
    units: unitProps,
    zones,
    zoning: { threshold: cfg.zoning.threshold, tieRule: cfg.zoning.tieRule, economicWeight: gdp.label },
    layers: layerStats,
    landUse: {
      unmapped: unmapped.sort((a, b) => b.areaM2 - a.areaM2),
      bySpaceType,
    },
    pois: poiStats,
    classification,
    issues,
    timings,
  };
  timings[stage] = now() - stageStart;
  progress(1);
  return {
    parcels: { type: 'FeatureCollection', features: parcelFeatures },
    ...(parcelColumns ? { parcelColumns } : {}),
    grid: { type: 'FeatureCollection', features: gridFeatures },
    units: unitsFc,
    report,
  };
}


/**
 * The bindings a run would refuse, checked on loaded layers without running: every configured
 * field (id, name, code, category, class, weight) that no feature of its layer has, as
 * `layer-field-missing` errors naming the fields present, and a named layer that holds nothing
 * usable (`missing-layer`). What `carbon-balance validate` adds to the config's own checks.
 *
 * @param config - a config that passed {@link validateConfig}.
 * @param layers - the layers read for it.
 */
export function checkLayerBindings(config: CityConfig, layers: LayerData): Issue[] {
  const issues: Issue[] = [];
  const l = config.layers;
  const check = (role: string, lc: LayerSource | undefined, fc: FeatureCollection | undefined): void => {
    if (!lc) return;
    if (!fc || !Array.isArray(fc.features)) {
      issues.push({ severity: 'error', code: 'missing-layer', layer: role, message: `${role}: the layer could not be read, so there is nothing to bind` });
      return;
    }
    if (fc.features.length === 0) {
      issues.push({ severity: role === 'parcels' || role === 'units' ? 'error' : 'warning', code: 'empty-layer', layer: role, message: `${role}: the layer has no features` });
      return;
    }
    reportMissingFields(role, lc, fc, issues);
  };
  check('parcels', l.parcels, layers.parcels);
  if (!('generate' in l.units)) check('units', l.units as LayerSource, layers.units);
  (l.pois ?? []).forEach((lc, i) => check(`pois[${i}]`, lc, layers.pois?.[i]));
  (l.roads ?? []).forEach((lc, i) => check(`roads[${i}]`, lc, layers.roads?.[i]));
  check('population', l.population, layers.population);
  return issues;
}

/**
 * A configured field that no feature of a non-empty layer has is a binding mistake (a typo, the
 * wrong case): an error naming the fields that are there, never a silent run on empty values.
 */
function reportMissingFields(role: string, lc: LayerSource, fc: FeatureCollection, issues: Issue[]): void {
  if (fc.features.length === 0) return;
  const fields = ['idField', 'nameField', 'codeField', 'categoryField', 'classField', 'weightField'] as const;
  const present = new Set<string>();
  for (const f of fc.features.slice(0, 1000)) for (const k of Object.keys(f?.properties ?? {})) present.add(k);
  for (const key of fields) {
    const name = (lc as Record<string, unknown>)[key];
    if (typeof name !== 'string' || present.has(name)) continue;
    if (fc.features.some((f) => f?.properties && name in f.properties)) continue;
    issues.push(makeIssue('layer-field-missing', { layer: role, setting: key, field: name, present: [...present].slice(0, 30) }, {
      severity: 'error', layer: role, field: name, path: `$.layers.${role.replace(/\[(\d+)\]/, '[$1]')}.${key}`, expected: `one of the layer's fields: ${[...present].slice(0, 30).join(', ')}`, actual: name,
    }));
  }
}

/** Cells the grid would list, refused beyond a bound that a run can hold (a 1 m grid over a city). */
const MAX_GRID_CELLS = 5_000_000;
function checkGridSize(units: PolygonLayer, cellSizeM: number): void {
  let cells = 0;
  for (const b of units.bboxes) cells += (Math.floor(b[2] / cellSizeM) - Math.floor(b[0] / cellSizeM) + 1) * (Math.floor(b[3] / cellSizeM) - Math.floor(b[1] / cellSizeM) + 1);
  if (cells > MAX_GRID_CELLS) {
    throw new EngineError('grid-too-fine', `gridCellSizeM ${cellSizeM} m would cover the units with about ${Math.round(cells).toLocaleString('en-US')} cells (at most ${MAX_GRID_CELLS.toLocaleString('en-US')}): use a larger cell size`);
  }
}

/**
 * Feature-level issues that repeat (thousands of null geometries, a join that matches no unit)
 * are kept up to a limit per code and layer, then summarised in one `issues-truncated` issue,
 * so the report stays readable; the counts stay exact.
 */
const MAX_ISSUES_PER_CODE = 50;
function capRepeatedIssues(issues: Issue[]): void {
  const seen = new Map<string, number>();
  const kept: Issue[] = [];
  for (const i of issues) {
    if (i.featureId === undefined) { kept.push(i); continue; }
    const key = `${i.code}\u0000${i.layer ?? ''}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= MAX_ISSUES_PER_CODE) kept.push(i);
  }
  for (const [key, n] of seen) {
    if (n <= MAX_ISSUES_PER_CODE) continue;
    const [code, layer] = key.split('\u0000');
    kept.push(makeIssue('issues-truncated', { code, layer, count: n, shown: MAX_ISSUES_PER_CODE }, { layer: layer || undefined, actual: n }));
  }
  issues.length = 0;
  issues.push(...kept);
}

/** No NaN or Infinity leaves the engine: any such value here is a bug, made visible as 0 only after the guard tests. */
function clean(v: number): number {
  return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : 0;
}

function roundLonLat(c: number[]): number[] {
  return [Math.round(c[0] * 1e8) / 1e8, Math.round(c[1] * 1e8) / 1e8];
}

/**
 * A kept feature's source geometry in WGS 84 for the outputs, without the unreadable positions
 * the hygiene dropped (before and after projecting).
 */
function outGeometry(reader: LayerReader, g: Geometry | null, mended: boolean): Geometry | null {
  if (!g) return null;
  if (!mended) return reader.identityWgs84 ? g : transformGeometry(g, reader.toWgs84);
  const readable = withoutUnreadablePositions(g);
  return reader.identityWgs84 ? readable : withoutUnreadablePositions(transformGeometry(readable, reader.toWgs84));
}

/** Whether the hygiene dropped unreadable positions from some feature of a layer (its issues say so). */
function hasMendedFeatures(issues: readonly Issue[], layer: string): boolean {
  const code = 'geometry-invalid-position-dropped';
  return issues.some((i) => i.layer === layer && (i.code === code || (i.code === 'geometry-faults-more' && i.field === code)));
}

function reportDuplicateIds(layer: string, ids: string[], issues: Issue[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) issues.push(makeIssue('duplicate-feature-id', { layer, id }, { layer, featureId: id }));
    seen.add(id);
  }
}

/** Square units over the parcels' extent (for cities with no township layer). */
function generateGridUnits(parcels: PolygonLayer, sizeM: number, workingCode: string): { layer: PolygonLayer; names: string[]; features: Feature[] } {
  const toWgs = createTransform(workingCode, GEOGRAPHIC_OUT);
  const idx = indexBBoxes(parcels);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const b of parcels.bboxes) { minX = Math.min(minX, b[0]); minY = Math.min(minY, b[1]); maxX = Math.max(maxX, b[2]); maxY = Math.max(maxY, b[3]); }
  const layer: PolygonLayer = { layer: 'units', source: [], ids: [], geoms: [], areas: new Float64Array(0), bboxes: [], inputCount: 0 };
  const names: string[] = [];
  const features: Feature[] = [];
  const areas: number[] = [];
  if (!idx) return { layer, names, features };
  const c0 = Math.floor(minX / sizeM), c1 = Math.floor(maxX / sizeM), r0 = Math.floor(minY / sizeM), r1 = Math.floor(maxY / sizeM);
  for (let r = r1; r >= r0; r--) for (let c = c0; c <= c1; c++) {
    const x0 = c * sizeM, y0 = r * sizeM, x1 = x0 + sizeM, y1 = y0 + sizeM;
    const hits = idx.search(x0, y0, x1, y1);
    const cell: MultiPolygon = [[[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]]];
    // Keep a block only where parcels have area inside it.
    let covered = 0;
    for (const h of hits) { covered += multiPolygonArea(intersectMultiPolygons(parcels.geoms[h], cell, [x0, y0, x1, y1])); if (covered > 0) break; }
    if (!(covered > 0)) continue;
    const id = `B${r1 - r + 1}-${c - c0 + 1}`;
    layer.source.push(layer.ids.length);
    layer.ids.push(id);
    layer.geoms.push(cell);
    layer.bboxes.push(multiPolygonBBox(cell));
    areas.push(sizeM * sizeM);
    names.push(`Block ${r1 - r + 1}-${c - c0 + 1}`);
    const ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map((p) => roundLonLat(toWgs(p)));
    features.push({ type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id, name: names[names.length - 1] } });
  }
  layer.areas = Float64Array.from(areas);
  layer.inputCount = layer.ids.length;
  return { layer, names, features };
}

/**
 * Population per parcel: points add their weight to the parcel that covers them; polygons (a
 * population grid, building footprints) spread their weight over parcels by overlap area.
 */
function populationWeights(reader: LayerReader, parcels: PolygonLayer, parcelGrid: GridIndex | null, parcelIndex: Flatbush | null, pieces: ReturnType<typeof overlayParcelsOnUnits>, issues: Issue[]): Float64Array {
  const n = parcels.geoms.length;
  const pop = new Float64Array(n);
  const lc = reader.config as { weightBy?: 'field' | 'count' | 'area'; weightField?: string; idField?: string };
  const weightBy = lc.weightBy ?? (lc.weightField ? 'field' : 'count');
  const first = reader.fc.features.find((f) => f?.geometry)?.geometry?.type;
  let missing = 0;
  const firstMissing: { id?: unknown; value?: unknown } = {};
  const weightOf = (f: Feature, areaM2: number): number => {
    if (weightBy === 'count') return 1;
    if (weightBy === 'area') return areaM2;
    const v = numberProperty(f.properties, lc.weightField ?? '');
    if (v === null || v < 0) {
      if (missing++ === 0) {
        firstMissing.id = f.id ?? (lc.idField ? f.properties?.[lc.idField] : undefined);
        firstMissing.value = f.properties?.[lc.weightField ?? ''];
      }
      return 0;
    }
    return v;
  };
  if (first === 'Point' || first === 'MultiPoint') {
    const pts = preparePointLayer('population', reader.fc, reader.toWorking, lc.idField, issues);
    const a = assignPointsToParcels(pts, parcels, parcelGrid, parcelIndex, pieces, 0);
    for (let k = 0; k < pts.xs.length; k++) {
      const p = a.parcelOf[k];
      const w = weightOf(reader.fc.features[pts.feature[k]], 0);
      if (p >= 0) pop[p] += w;
    }
    if (a.outside > 0) issues.push(makeIssue('points-outside-parcels', { layer: 'population', category: 'population', count: a.outside }, { layer: 'population', actual: a.outside }));
  } else {
    const polys = preparePolygonLayer('population', reader.fc, reader.toWorking, lc.idField, issues);
    // Footprints and grid cells rarely cross a parcel edge: the overlay intersects only those that do.
    const cut = overlayPolygons(polys, parcels);
    polys.geoms.forEach((_, k) => {
      const total = polys.areas[k];
      if (!(total > 0)) return;
      const w = weightOf(reader.fc.features[polys.source[k]], total);
      if (w === 0) return;
      for (let j = cut.offsets[k]; j < cut.offsets[k + 1]; j++) {
        const p = cut.unit[j];
        if (pieces.inStudyM2[p] > 0) pop[p] += (w * cut.areaM2[j]) / total;
      }
    });
  }
  if (missing > 0) {
    issues.push(makeIssue(
      'population-weight-missing',
      { count: missing, field: lc.weightField, firstId: firstMissing.id, firstValue: firstMissing.value },
      { layer: 'population', field: lc.weightField, actual: missing, ...(firstMissing.id !== undefined ? { featureId: firstMissing.id as string | number } : {}) },
    ));
  }
  return pop;
}

/** Transport POIs per road line: each POI corrects only its nearest road line within the distance. */
function nearestRoadCounts(points: { xs: number[]; ys: number[] }, lines: LineLayer, modes: TransportMode[], maxDistanceM: number): Float64Array {
  const counts = new Float64Array(lineCount(lines));
  const roadIdx: number[] = [];
  modes.forEach((m, l) => { if (m === 'road') roadIdx.push(l); });
  if (roadIdx.length === 0 || points.xs.length === 0 || !(maxDistanceM > 0)) return counts;
  const boxes = roadIdx.map((l) => lines.bboxes[l]);
  let index: Flatbush | null = null;
  const rtree = (): Flatbush => {
    if (index) return index;
    index = new Flatbush(boxes.length);
    for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
    index.finish();
    return index;
  };
  // The R-tree's neighbours are the road boxes within the distance, the 8 nearest when there are
  // more. A grid query finds the boxes within the distance without the R-tree's priority queue;
  // when there are at most 8 they are the same set (box distance as the R-tree works it out),
  // and the nearest line does not depend on their order. More than 8: the R-tree decides.
  const grid = new GridIndex(boxes);
  const near: number[] = [];
  const maxD2 = maxDistanceM * maxDistanceM;
  for (let k = 0; k < points.xs.length; k++) {
    const x = points.xs[k], y = points.ys[k];
    grid.queryBox(x - maxDistanceM, y - maxDistanceM, x + maxDistanceM, y + maxDistanceM, near);
    let within = 0;
    for (let q = 0; q < near.length; q++) {
      const b = boxes[near[q]];
      const dx = Math.max(Math.max(b[0] - x, x - b[2]), 0);
      const dy = Math.max(Math.max(b[1] - y, y - b[3]), 0);
      if (dx * dx + dy * dy <= maxD2) near[within++] = near[q];
    }
    near.length = within;
    const candidates = within <= 8 ? near : rtree().neighbors(x, y, 8, maxDistanceM);
    let best = Infinity, bestLine = -1;
    for (const j of candidates) {
      const l = roadIdx[j];
      const d = distanceToFlatLine(x, y, lines.xy, lines.start[l], lines.start[l + 1]);
      if (d <= maxDistanceM && (d < best || (d === best && l < bestLine))) { best = d; bestLine = l; }
    }
    if (bestLine >= 0) counts[bestLine]++;
  }
  return counts;
}

function normKey(v: unknown): string {
  return String(v ?? '').normalize('NFKC').trim().toLowerCase();
}

/** G_i per unit: a joined table or a stated proxy. */
function economicWeights(cfg: ResolvedConfig, units: PolygonLayer, names: string[], features: Feature[], pieces: ReturnType<typeof overlayParcelsOnUnits>, spaceType: (SpaceType | null)[], unitPoiCounts: Float64Array, issues: Issue[]): { values: (number | null)[]; label: string } {
  const econ = cfg.economy;
  const values: (number | null)[] = units.ids.map(() => null);
  if (!econ) {
    issues.push(makeIssue('economy-missing', {}, { field: 'economy' }));
    return { values, label: 'none' };
  }
  if (econ.source === 'table') {
    const byKey = new Map<string, number>();
    const rowKeys = new Set<string>();
    for (const row of econ.rows) {
      const key = normKey(econ.joinBy === 'id' ? row.id : row.name);
      if (byKey.has(key)) issues.push(makeIssue('economy-duplicate-row', { key }, { field: econ.joinBy, actual: key }));
      byKey.set(key, row.value);
      rowKeys.add(key);
    }
    const used = new Set<string>();
    const joined = new Set<string>();
    units.ids.forEach((id, u) => {
      const key = normKey(econ.joinBy === 'id' ? id : names[u]);
      // Two units with the same key would both take the row and count its GDP twice: the
      // first unit in input order takes it, the others are reported and get none.
      if (joined.has(key)) {
        issues.push(makeIssue('economy-unit-key-duplicate', { unit: names[u], key }, { layer: 'units', featureId: id, field: econ.joinBy, actual: key }));
        return;
      }
      joined.add(key);
      const v = byKey.get(key);
      if (v === undefined) {
        issues.push(makeIssue('economy-unit-unmatched', { unit: names[u], key }, { layer: 'units', featureId: id, field: econ.joinBy }));
      } else if (!Number.isFinite(v) || v < 0) {
        issues.push(makeIssue('economy-value-invalid', { unit: names[u], value: v }, { layer: 'units', featureId: id, field: 'value', expected: 'a finite number ≥ 0', actual: v }));
        used.add(key);
      } else { values[u] = v; used.add(key); }
    });
    for (const key of rowKeys) if (!used.has(key)) issues.push(makeIssue('economy-row-unmatched', { key }, { field: econ.joinBy, actual: key }));
    void features;
    return { values, label: `table joined by ${econ.joinBy}${econ.unit ? ` (${econ.unit})` : ''}` };
  }
  if (econ.proxy === 'poi-count') {
    units.ids.forEach((_, u) => { values[u] = unitPoiCounts[u]; });
  } else {
    const types = new Set(econ.spaceTypes ?? ['commercial', 'industrial', 'public-service']);
    units.ids.forEach((_, u) => { values[u] = 0; });
    for (let i = 0; i < spaceType.length; i++) {
      const t = spaceType[i];
      if (!t || !types.has(t)) continue;
      for (let j = pieces.offsets[i]; j < pieces.offsets[i + 1]; j++) values[pieces.unit[j]] = (values[pieces.unit[j]] ?? 0) + pieces.areaM2[j];
    }
  }
  const label = econ.proxy === 'poi-count'
    ? `proxy: count of ${(econ.categories ?? ['industry', 'commercial']).join(' + ')} POIs per unit`
    : `proxy: area of ${(econ.spaceTypes ?? ['commercial', 'industrial', 'public-service']).join(' + ')} land per unit (m²)`;
  issues.push(makeIssue('economy-proxy', { label, rationale: econ.rationale ?? '' }, { field: 'economy' }));
  return { values, label };
}

