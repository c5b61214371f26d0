/**
 * The sector inventory (METHOD.md §1): activity data × default or city factors → line items
 * (sector → sub-sector → item) and allocation pools; or a city's sector totals straight into pools.
 */
import { EngineError, SPACE_TYPES, SECTOR_IDS, type Issue, type SectorId, type SpaceType, type SubsectorId } from '../types.js';
import type { ActivityInventoryInput, InventoryInput, TotalsInventoryInput } from '../config/types.js';
import { SUBSECTORS, subsectorSpec, type PoolSpec } from '../method.js';
import { makeIssue } from '../messages/index.js';
import {
  CROP_IDS, CROP_TYPES, DEFAULT_GWP, GWP_SETS, LIVESTOCK_IDS, LIVESTOCK_TYPES, M2_PER_HA, SINK_LAND_TYPES,
  resolveFactors, type GwpSetId, type OverrideApplied, type ResolvedFactor, type SinkLandType,
} from '../coefficients/index.js';
import {
  CULTIVATION_ITEMS, FREIGHT_ITEMS, FUEL_ITEMS, PASSENGER_ITEMS, PROCESS_ITEMS, VEHICLE_ITEMS,
  type FeedstockCarbon, type ItemSpec,
} from './activity.js';
import type { FactorRef, InventoryContext, InventoryLine, InventoryOptions, InventoryResult, UnverifiedFactor } from './types.js';

const ACTIVITY_PATH = '$.inventory.activity';
const TRANSPORT_MODES = ['road', 'rail', 'water', 'air'] as const;
const SINK_TYPE_SET: ReadonlySet<string> = new Set(SINK_LAND_TYPES);
const SPACE_TYPE_SET: ReadonlySet<string> = new Set(SPACE_TYPES);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An issue's `actual`: non-finite numbers become strings so no NaN/Infinity leaves the engine. */
function shown(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v === undefined ? null : v;
}

function refOf(f: ResolvedFactor): FactorRef {
  return { code: f.code, parameter: f.parameter, value: f.value, unit: f.unit, status: f.status, source: f.source };
}

/** Collects lines, issues and the factors actually used. */
class LineBuilder {
  readonly lines: InventoryLine[] = [];
  readonly issues: Issue[] = [];
  readonly used = new Map<string, FactorRef>();

  constructor(private readonly factors: Map<string, ResolvedFactor>) {}

  ref(parameter: string): FactorRef {
    const f = this.factors.get(parameter);
    // Every parameter an item names has a default (registry tests check it): a miss is a bug.
    if (!f) throw new EngineError('internal', `no factor for parameter ${parameter}`);
    const r = refOf(f);
    this.used.set(parameter, r);
    return r;
  }

  /** Record a factor as used without a line (sink rates in totals mode). */
  use(r: FactorRef): void {
    this.used.set(r.parameter, r);
  }

  /** A finite number ≥ 0 at `obj[key]`, or undefined (absent), or an issue. */
  num(obj: Obj, key: string, path: string): number | undefined {
    if (!(key in obj) || obj[key] === undefined) return undefined;
    const v = obj[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      this.issues.push(makeIssue('inventory.activity-invalid', { path: `${path}.${key}`, actual: shown(v) }, {
        path: `${path}.${key}`, expected: 'finite number ≥ 0', actual: shown(v),
      }));
      return undefined;
    }
    return v;
  }

  /** The object at `obj[key]` (absent → undefined; not an object → issue). Warns on unknown keys. */
  section(obj: Obj, key: string, path: string, known: readonly string[]): Obj | undefined {
    const v = obj[key];
    if (v === undefined) return undefined;
    const p = `${path}.${key}`;
    if (!isObj(v)) {
      this.issues.push(makeIssue('inventory.activity-not-object', { path: p, actual: v }, { path: p, expected: 'object', actual: v }));
      return undefined;
    }
    this.unknownKeys(v, p, known);
    return v;
  }

  unknownKeys(obj: Obj, path: string, known: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (!known.includes(k)) {
        this.issues.push(makeIssue('inventory.activity-unknown-key', { path: `${path}.${k}`, known: known.join(', ') }, {
          path: `${path}.${k}`, expected: known, actual: k,
        }));
      }
    }
  }

  /** activity × Π factors × conversion, signed. */
  push(line: Omit<InventoryLine, 'netT' | 'factor' | 'factors'>, parameters: readonly string[], sign: 1 | -1 = 1): InventoryLine {
    const factors = parameters.map((p) => this.ref(p));
    const value = line.activity?.value ?? 0;
    const netT = sign * factors.reduce((acc, f) => acc * f.value, value) * (line.conversion?.value ?? 1);
    const full: InventoryLine = { ...line, netT: netT === 0 ? 0 : netT, factor: factors[0], factors };
    this.lines.push(full);
    return full;
  }

  /** One simple item from a table row. */
  item(sector: SectorId, subsector: SubsectorId, spec: ItemSpec, obj: Obj, path: string, opts: { itemPrefix?: string; labelPrefix?: string } = {}): InventoryLine | undefined {
    const value = this.num(obj, spec.key, path);
    if (value === undefined) return undefined;
    const line: Omit<InventoryLine, 'netT' | 'factor' | 'factors'> = {
      sector, subsector,
      item: `${opts.itemPrefix ?? ''}${spec.item}`,
      label: `${opts.labelPrefix ?? ''}${spec.label}`,
      path: `${path}.${spec.key}`,
      activity: { value, unit: spec.activityUnit },
    };
    if (spec.conversion) line.conversion = spec.conversion;
    return this.push(line, spec.parameters);
  }

  /** Every fuel of a {@link FuelUse} object. */
  fuels(sector: SectorId, subsector: SubsectorId, obj: Obj, path: string, opts: { itemPrefix?: string; labelPrefix?: string } = {}): InventoryLine[] {
    this.unknownKeys(obj, path, FUEL_ITEMS.map((i) => i.key));
    const out: InventoryLine[] = [];
    for (const spec of FUEL_ITEMS) {
      const l = this.item(sector, subsector, spec, obj, path, opts);
      if (l) out.push(l);
    }
    return out;
  }
}

/** Resolve the land sink rate per sink type (t CO2/m²/a), after overrides and `sinkRatesTPerHa`. */
function resolveSinkRates(
  factors: Map<string, ResolvedFactor>, sinkRatesTPerHa: InventoryOptions['sinkRatesTPerHa'], issues: Issue[], overrides: OverrideApplied[],
): Map<SinkLandType, FactorRef> {
  const out = new Map<SinkLandType, FactorRef>();
  for (const t of SINK_LAND_TYPES) {
    // green-space takes grassland's rate (after grassland's override) unless set itself (docs/inventory.md).
    const f = factors.get(`sink.${t}`) ?? factors.get('sink.grassland')!;
    out.set(t, refOf(f));
  }
  for (const [type, raw] of Object.entries(sinkRatesTPerHa ?? {})) {
    const path = `$.sinkRates.${type}`;
    if (!SINK_TYPE_SET.has(type)) {
      issues.push(makeIssue('inventory.sink-rate-ignored', { path, spaceType: type }, { path, expected: [...SINK_LAND_TYPES], actual: type }));
      continue;
    }
    if (raw === undefined) continue;
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
      issues.push(makeIssue('inventory.sink-rate-invalid', { path, actual: shown(raw) }, { path, expected: 'finite number ≥ 0 (t CO2/ha/a)', actual: shown(raw) }));
      continue;
    }
    const t = type as SinkLandType;
    const current = out.get(t)!;
    const registry = factors.get(`sink.${t}`) ?? factors.get('sink.grassland')!;
    const value = raw / M2_PER_HA;
    out.set(t, { code: current.code, parameter: `sink.${t}`, value, unit: current.unit, status: 'override', source: 'city sinkRates (t CO2/ha/a ÷ 10 000)' });
    overrides.push({ code: `sinkRates.${t}`, parameter: `sink.${t}`, defaultValue: registry.defaultValue, value, unit: current.unit });
  }
  return out;
}

function sinkRateRecord(rates: Map<SinkLandType, FactorRef>): Record<SpaceType, number> {
  const rec = Object.fromEntries(SPACE_TYPES.map((t) => [t, 0])) as Record<SpaceType, number>;
  for (const [t, r] of rates) rec[t] = r.value;
  return rec;
}

function poolsFromLines(lines: readonly InventoryLine[]): PoolSpec[] {
  const pools: PoolSpec[] = [];
  for (const spec of SUBSECTORS) {
    const mine = lines.filter((l) => l.subsector === spec.id);
    if (mine.length === 0) continue;
    const netT = mine.reduce((a, l) => a + l.netT, 0);
    pools.push({ id: spec.id, sector: spec.sector, subsector: spec.id, spaceTypes: [...spec.spaceTypes], weight: spec.weight, netT, label: spec.label });
  }
  return pools;
}

function totalsOf(lines: readonly { netT: number }[]): InventoryResult['totals'] {
  let grossT = 0;
  let sinkT = 0;
  for (const l of lines) {
    if (l.netT >= 0) grossT += l.netT;
    else sinkT -= l.netT;
  }
  return { grossT, sinkT, netT: grossT - sinkT };
}

function unverifiedOf(used: Iterable<FactorRef>): UnverifiedFactor[] {
  const out: UnverifiedFactor[] = [];
  const seen = new Set<string>();
  for (const r of used) {
    if (r.status !== 'R' || seen.has(r.code)) continue;
    seen.add(r.code);
    out.push({ code: r.code, parameter: r.parameter, value: r.value, unit: r.unit, source: r.source });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Totals mode
// ---------------------------------------------------------------------------------------------

/** Sector default when an entry names neither sub-sector nor space types. */
const SECTOR_DEFAULT_SUBSECTOR: Record<SectorId, SubsectorId> = {
  industry: 'industry-manufacturing',
  buildings: 'buildings-residential',
  transport: 'transport-road',
  agriculture: 'agriculture-cultivation',
  waste: 'waste-domestic',
  sinks: 'sinks-land',
};

/** Space type → sub-sector, per sector (the brief's inference rules, METHOD.md §2 table). */
function subsectorFor(sector: SectorId, t: SpaceType): SubsectorId | undefined {
  switch (sector) {
    case 'industry':
      return t === 'industrial' ? 'industry-manufacturing' : t === 'utilities' ? 'industry-supply' : t === 'mining' ? 'industry-mining' : undefined;
    case 'buildings':
      return t === 'urban-residential' || t === 'rural-homestead' ? 'buildings-residential'
        : t === 'commercial' || t === 'public-service' ? 'buildings-commercial' : undefined;
    case 'transport':
      return t.startsWith('transport-') ? (t as SubsectorId) : undefined;
    case 'agriculture':
      return t === 'cultivated' ? 'agriculture-cultivation' : t === 'agri-facility' ? 'agriculture-husbandry' : undefined;
    case 'waste':
      return t === 'industrial' ? 'waste-industrial' : t === 'utilities' ? 'waste-domestic' : undefined;
    case 'sinks':
      return t === 'cultivated' ? 'sinks-crops' : SINK_TYPE_SET.has(t) ? 'sinks-land' : undefined;
  }
}

function computeTotals(input: TotalsInventoryInput, b: LineBuilder): PoolSpec[] {
  const unitFactor = input.unit === '10^4 t' ? 1e4 : 1;
  const pools: PoolSpec[] = [];
  const ids = new Map<string, number>();
  const totals = Array.isArray(input.totals) ? input.totals : [];
  if (!Array.isArray(input.totals)) {
    b.issues.push(makeIssue('inventory.totals-invalid-entry', { path: '$.inventory.totals', reason: 'totals must be an array' }, { path: '$.inventory.totals', expected: 'array', actual: input.totals }));
  }
  totals.forEach((entry, i) => {
    const path = `$.inventory.totals[${i}]`;
    const bad = (reason: string, actual: unknown): void => {
      b.issues.push(makeIssue('inventory.totals-invalid-entry', { path, reason }, { path, actual: shown(actual) }));
    };
    if (!isObj(entry)) return bad('an entry must be an object', entry);
    const sector = entry.sector as SectorId;
    if (!SECTOR_IDS.includes(sector)) return bad(`unknown sector ${JSON.stringify(entry.sector)}`, entry.sector);
    const v = entry.value as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v) || (sector !== 'sinks' && v < 0)) {
      b.issues.push(makeIssue('inventory.totals-invalid-value', { path: `${path}.value`, actual: shown(v), sector }, {
        path: `${path}.value`, expected: sector === 'sinks' ? 'finite number' : 'finite number ≥ 0', actual: shown(v),
      }));
      return;
    }
    let spaceTypes: SpaceType[] | undefined;
    if (entry.spaceTypes !== undefined) {
      if (!Array.isArray(entry.spaceTypes) || entry.spaceTypes.length === 0 || entry.spaceTypes.some((t) => !SPACE_TYPE_SET.has(t as string))) {
        return bad(`spaceTypes must be a non-empty list of space types, got ${JSON.stringify(entry.spaceTypes)}`, entry.spaceTypes);
      }
      spaceTypes = [...new Set(entry.spaceTypes as SpaceType[])];
    }
    let subsector = entry.subsector as SubsectorId | undefined;
    if (subsector !== undefined) {
      const spec = SUBSECTORS.find((s) => s.id === subsector);
      if (!spec) return bad(`unknown sub-sector ${JSON.stringify(subsector)}`, subsector);
      if (spec.sector !== sector) {
        b.issues.push(makeIssue('inventory.totals-subsector-mismatch', { path, subsector, sector }, { path: `${path}.subsector`, expected: sector, actual: subsector }));
        return;
      }
    } else if (spaceTypes) {
      const candidates = [...new Set(spaceTypes.map((t) => subsectorFor(sector, t)).filter((s): s is SubsectorId => s !== undefined))];
      // Several transport modes in one entry: road carries the pool, the types stay (brief rule).
      if (sector === 'transport' && candidates.length > 1) subsector = 'transport-road';
      else subsector = candidates[0] ?? SECTOR_DEFAULT_SUBSECTOR[sector];
      if (candidates.length > 1 && sector !== 'transport') {
        b.issues.push(makeIssue('inventory.totals-subsector-ambiguous', { path, spaceTypes: spaceTypes.join(', '), candidates: candidates.join(', '), subsector }, { path, actual: spaceTypes }));
      }
    } else {
      subsector = SECTOR_DEFAULT_SUBSECTOR[sector];
      b.issues.push(makeIssue('inventory.totals-subsector-defaulted', { path, sector, subsector, spaceTypes: subsectorSpec(subsector).spaceTypes.join(', ') }, { path }));
    }
    const spec = subsectorSpec(subsector);
    if (spaceTypes) {
      for (const t of spaceTypes) {
        if (subsectorFor(sector, t) === undefined) {
          b.issues.push(makeIssue('inventory.totals-space-type-unexpected', { path, spaceType: t, sector }, { path: `${path}.spaceTypes`, actual: t }));
        }
      }
    }
    const types = spaceTypes ?? [...spec.spaceTypes];
    let netT = v * unitFactor;
    if (sector === 'sinks') {
      // Sinks are stored negative whatever sign was typed (TotalsEntry doc).
      if (v > 0) {
        b.issues.push(makeIssue('inventory.sink-sign-flipped', { path: `${path}.value`, actual: v, stored: -v }, { path: `${path}.value`, actual: v }));
      }
      netT = -Math.abs(netT);
    }
    if (netT === 0) netT = 0; // no -0 in outputs
    const baseId = spaceTypes ? `${subsector}:${types.join('+')}` : subsector;
    const n = (ids.get(baseId) ?? 0) + 1;
    ids.set(baseId, n);
    const id = n === 1 ? baseId : `${baseId}#${n}`;
    const label = typeof entry.label === 'string' && entry.label ? entry.label : spec.label;
    pools.push({ id, sector, subsector, spaceTypes: types, weight: spec.weight, netT, label });
    b.lines.push({ sector, subsector, item: `totals[${i}]`, label, path, netT, activity: { value: v, unit: input.unit ?? 't' } });
  });
  return pools;
}

// ---------------------------------------------------------------------------------------------
// Activity mode
// ---------------------------------------------------------------------------------------------

const FUEL_KEYS = FUEL_ITEMS.map((i) => i.key);

function computeActivity(activity: Obj, context: InventoryContext, b: LineBuilder, feedstock: FeedstockCarbon, sinkRates: Map<SinkLandType, FactorRef>): void {
  const P = ACTIVITY_PATH;
  b.unknownKeys(activity, P, ['factorSets', 'gridFactorCode', 'feedstockCarbon', 'industry', 'buildings', 'transport', 'agriculture', 'waste', 'sinks']);

  // Industry (formula 2).
  const industry = b.section(activity, 'industry', P, ['mining', 'manufacturing', 'supply', 'process']);
  let feedstockFuelGiven = false;
  if (industry) {
    const groups = [['mining', 'industry-mining', 'Mining'], ['manufacturing', 'industry-manufacturing', 'Manufacturing'], ['supply', 'industry-supply', 'Power, heat, gas and water supply']] as const;
    for (const [key, subsector, label] of groups) {
      const g = b.section(industry, key, `${P}.industry`, FUEL_KEYS);
      if (!g) continue;
      const lines = b.fuels('industry', subsector, g, `${P}.industry.${key}`, { labelPrefix: `${label}: ` });
      if (lines.some((l) => ['raw-coal', 'coke', 'natural-gas'].includes(l.item) && l.netT > 0)) feedstockFuelGiven = true;
    }
    const proc = b.section(industry, 'process', `${P}.industry`, PROCESS_ITEMS.map((i) => i.key));
    if (proc) {
      let feedstockT = 0;
      for (const spec of PROCESS_ITEMS) {
        if (spec.feedstock && feedstock === 'fuel-only') {
          const v = b.num(proc, spec.key, `${P}.industry.process`);
          if (v !== undefined) {
            const path = `${P}.industry.process.${spec.key}`;
            b.issues.push(makeIssue('inventory.process-excluded', { path }, { path, actual: v }));
          }
          continue;
        }
        const l = b.item('industry', 'industry-manufacturing', spec, proc, `${P}.industry.process`);
        if (l && spec.feedstock) feedstockT += l.netT;
      }
      if (feedstockT > 0 && feedstockFuelGiven) {
        const path = `${P}.industry.process`;
        b.issues.push(makeIssue('inventory.feedstock-double-count', { processT: feedstockT }, { path, expected: 'feedstock fuel removed from the energy data, or feedstockCarbon "fuel-only"', actual: feedstockT }));
      }
    }
  }

  // Buildings (formula 3).
  const buildings = b.section(activity, 'buildings', P, ['residential', 'commercial']);
  if (buildings) {
    const r = b.section(buildings, 'residential', `${P}.buildings`, FUEL_KEYS);
    if (r) b.fuels('buildings', 'buildings-residential', r, `${P}.buildings.residential`, { labelPrefix: 'Residential: ' });
    const c = b.section(buildings, 'commercial', `${P}.buildings`, FUEL_KEYS);
    if (c) b.fuels('buildings', 'buildings-commercial', c, `${P}.buildings.commercial`, { labelPrefix: 'Commercial and public: ' });
  }

  // Transport (formula 4): every item goes to its mode's sub-sector.
  const transport = b.section(activity, 'transport', P, ['freight', 'intercity', 'urban', 'fuelByMode']);
  if (transport) {
    const T = `${P}.transport`;
    const freight = b.section(transport, 'freight', T, FREIGHT_ITEMS.map((i) => i.key));
    if (freight) for (const spec of FREIGHT_ITEMS) b.item('transport', `transport-${spec.mode}`, spec, freight, `${T}.freight`);
    const intercity = b.section(transport, 'intercity', T, PASSENGER_ITEMS.map((i) => i.key));
    if (intercity) for (const spec of PASSENGER_ITEMS) b.item('transport', `transport-${spec.mode}`, spec, intercity, `${T}.intercity`);
    const urban = b.section(transport, 'urban', T, VEHICLE_ITEMS.map((i) => i.key));
    if (urban) for (const spec of VEHICLE_ITEMS) b.item('transport', 'transport-road', spec, urban, `${T}.urban`);
    const byMode = b.section(transport, 'fuelByMode', T, TRANSPORT_MODES);
    if (byMode) {
      for (const mode of TRANSPORT_MODES) {
        const f = b.section(byMode, mode, `${T}.fuelByMode`, FUEL_KEYS);
        if (f) b.fuels('transport', `transport-${mode}`, f, `${T}.fuelByMode.${mode}`, { itemPrefix: 'fuel.', labelPrefix: `${mode[0].toUpperCase()}${mode.slice(1)} transport fuel: ` });
      }
    }
  }

  // Agriculture (formula 5).
  const agri = b.section(activity, 'agriculture', P, ['cultivation', 'husbandry']);
  if (agri) {
    const A = `${P}.agriculture`;
    const cult = b.section(agri, 'cultivation', A, CULTIVATION_ITEMS.map((i) => i.key));
    if (cult) for (const spec of CULTIVATION_ITEMS) b.item('agriculture', 'agriculture-cultivation', spec, cult, `${A}.cultivation`);
    const hus = b.section(agri, 'husbandry', A, ['livestockHeads']);
    if (hus) {
      const heads = b.section(hus, 'livestockHeads', `${A}.husbandry`, LIVESTOCK_TYPES);
      if (heads) {
        const H = `${A}.husbandry.livestockHeads`;
        for (const animal of LIVESTOCK_TYPES) {
          const n = b.num(heads, animal, H);
          if (n === undefined) continue;
          const id = LIVESTOCK_IDS[animal];
          for (const kind of ['enteric', 'manure'] as const) {
            b.push({
              sector: 'agriculture', subsector: 'agriculture-husbandry', item: `livestock.${id}.${kind}`,
              label: `${animal}: ${kind === 'enteric' ? 'enteric fermentation' : 'manure management'} CH4`,
              path: `${H}.${animal}`, activity: { value: n, unit: 'head' },
              conversion: { value: 1 / 1000, label: 'kg CH4 → t CH4' },
            }, [`livestock.${id}.${kind}`, 'gwp.ch4-non-fossil']);
          }
        }
      }
    }
  }

  // Waste (formula 6).
  const waste = b.section(activity, 'waste', P, ['industrialWastewater', 'domesticWastewater', 'solidWaste']);
  if (waste) {
    const W = `${P}.waste`;
    const iw = b.section(waste, 'industrialWastewater', W, ['codT', 'ch4T']);
    if (iw) {
      const base = `${W}.industrialWastewater`;
      const cod = b.num(iw, 'codT', base);
      if (cod !== undefined) {
        b.push({ sector: 'waste', subsector: 'waste-industrial', item: 'wastewater.cod', label: 'Industrial wastewater CH4 (COD basis)', path: `${base}.codT`, activity: { value: cod, unit: 't COD' } },
          ['waste.wastewater.b0-cod', 'waste.wastewater.industrial-mcf', 'gwp.ch4-non-fossil']);
      }
      const ch4 = b.num(iw, 'ch4T', base);
      if (ch4 !== undefined) {
        b.push({ sector: 'waste', subsector: 'waste-industrial', item: 'wastewater.ch4', label: 'Industrial wastewater CH4 (given)', path: `${base}.ch4T`, activity: { value: ch4, unit: 't CH4' } },
          ['gwp.ch4-non-fossil']);
      }
    }
    const dw = b.section(waste, 'domesticWastewater', W, ['population', 'bodT', 'codT']);
    if (dw) {
      const base = `${W}.domesticWastewater`;
      const bod = b.num(dw, 'bodT', base);
      const cod = b.num(dw, 'codT', base);
      const pop = b.num(dw, 'population', base);
      const measured = [bod !== undefined ? 'bodT' : null, cod !== undefined ? 'codT' : null].filter((x): x is string => x !== null);
      // One organic load per city: a measured load wins over population × per-capita BOD, BOD over COD.
      if (measured.length > 0 && (pop !== undefined || measured.length > 1)) {
        b.issues.push(makeIssue('inventory.wastewater-basis-conflict', { path: base, measured: measured.join(', ') }, { path: base, actual: [...measured, ...(pop !== undefined ? ['population'] : [])] }));
      }
      if (bod !== undefined) {
        b.push({ sector: 'waste', subsector: 'waste-domestic', item: 'wastewater.bod', label: 'Domestic wastewater CH4 (BOD basis)', path: `${base}.bodT`, activity: { value: bod, unit: 't BOD' } },
          ['waste.wastewater.b0-bod', 'waste.wastewater.domestic-mcf', 'gwp.ch4-non-fossil']);
      } else if (cod !== undefined) {
        b.push({ sector: 'waste', subsector: 'waste-domestic', item: 'wastewater.cod', label: 'Domestic wastewater CH4 (COD basis)', path: `${base}.codT`, activity: { value: cod, unit: 't COD' } },
          ['waste.wastewater.b0-cod', 'waste.wastewater.domestic-mcf', 'gwp.ch4-non-fossil']);
      } else if (pop !== undefined) {
        b.push({
          sector: 'waste', subsector: 'waste-domestic', item: 'wastewater.population', label: 'Domestic wastewater CH4 (population × per-capita BOD)',
          path: `${base}.population`, activity: { value: pop, unit: 'persons' },
          conversion: { value: 365 / 1e6, label: 'g/day → t/year (× 365 ÷ 10^6)' },
        }, ['waste.wastewater.bod-per-capita', 'waste.wastewater.b0-bod', 'waste.wastewater.domestic-mcf', 'gwp.ch4-non-fossil']);
      }
    }
    const sw = b.section(waste, 'solidWaste', W, ['incineratedT', 'landfilledT']);
    if (sw) {
      const base = `${W}.solidWaste`;
      const inc = b.num(sw, 'incineratedT', base);
      if (inc !== undefined) {
        b.push({ sector: 'waste', subsector: 'waste-domestic', item: 'msw.incineration', label: 'Solid waste incinerated (fossil CO2)', path: `${base}.incineratedT`, activity: { value: inc, unit: 't' } },
          ['waste.msw.incineration-co2']);
      }
      const land = b.num(sw, 'landfilledT', base);
      if (land !== undefined) {
        b.push({ sector: 'waste', subsector: 'waste-domestic', item: 'msw.landfill', label: 'Solid waste landfilled (CH4 commitment)', path: `${base}.landfilledT`, activity: { value: land, unit: 't' }, conversion: { value: 1 / 1000, label: 'kg CH4 → t CH4' } },
          ['waste.msw.landfill-ch4', 'gwp.ch4-non-fossil']);
      }
    }
  }

  // Sinks (formula 7).
  const sinks = activity.sinks === undefined ? {} : b.section(activity, 'sinks', P, ['cropYieldsT', 'landFromAreas']);
  if (sinks) {
    const S = `${P}.sinks`;
    const crops = b.section(sinks, 'cropYieldsT', S, CROP_TYPES);
    if (crops) {
      for (const crop of CROP_TYPES) {
        const y = b.num(crops, crop, `${S}.cropYieldsT`);
        if (y === undefined) continue;
        const id = CROP_IDS[crop];
        const path = `${S}.cropYieldsT.${crop}`;
        const [ca, wc, hi] = [`crop.${id}.carbon-fraction`, `crop.${id}.water-content`, `crop.${id}.harvest-index`].map((p) => b.ref(p));
        if (!(hi.value > 0) || wc.value > 1) {
          const bad = hi.value > 0 ? wc : hi;
          b.issues.push(makeIssue('inventory.factor-invalid', { path, parameter: bad.parameter, actual: bad.value, reason: hi.value > 0 ? 'water content above 1' : 'harvest index must be above 0' }, { path, actual: shown(bad.value) }));
          continue;
        }
        // C_ic = ca · Y · (1 − wc) / HI, tonnes of C → × 44/12 CO2; stored negative (uptake).
        const netT = -(ca.value * y * (1 - wc.value) / hi.value) * (44 / 12);
        b.lines.push({
          sector: 'sinks', subsector: 'sinks-crops', item: `crop.${id}`, label: `Annual crop uptake: ${crop}`, path,
          activity: { value: y, unit: 't yield' }, factor: ca, factors: [ca, wc, hi],
          conversion: { value: 44 / 12, label: 'ca·Y·(1 − wc)/HI in t C → t CO2 (× 44/12)' },
          netT: netT === 0 ? 0 : netT,
        });
      }
    }
    if (sinks.landFromAreas !== undefined && typeof sinks.landFromAreas !== 'boolean') {
      const path = `${S}.landFromAreas`;
      b.issues.push(makeIssue('inventory.activity-invalid-setting', { path, expected: 'true or false', actual: shown(sinks.landFromAreas) }, { path, expected: 'boolean', actual: shown(sinks.landFromAreas) }));
    }
    if (sinks.landFromAreas !== false) {
      const areas = context.areaBySpaceTypeM2;
      if (!areas || !SINK_LAND_TYPES.some((t) => areas[t] !== undefined)) {
        b.issues.push(makeIssue('inventory.sink-areas-missing', {}, { path: S }));
      } else {
        for (const t of SINK_LAND_TYPES) {
          const a = areas[t];
          if (a === undefined) continue;
          if (typeof a !== 'number' || !Number.isFinite(a) || a < 0) {
            b.issues.push(makeIssue('inventory.area-invalid', { spaceType: t, actual: shown(a) }, { field: t, expected: 'finite number ≥ 0 (m²)', actual: shown(a) }));
            continue;
          }
          const rate = sinkRates.get(t)!;
          b.use(rate);
          // METHOD.md §2: land sinks are exact, area × rate (t CO2/m²/a), negative.
          const netT = -a * rate.value;
          b.lines.push({
            sector: 'sinks', subsector: 'sinks-land', item: `land.${t}`, label: `Land sink: ${t}`, path: `context.areaBySpaceTypeM2.${t}`,
            activity: { value: a, unit: 'm2' }, factor: rate, factors: [rate], netT: netT === 0 ? 0 : netT,
          });
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Compute the city inventory (METHOD.md §1) and its allocation pools (§2).
 *
 * - Totals mode: each entry becomes one pool, on its own space types or its sub-sector's; the
 *   sub-sector is inferred from sector + space types when not given; `unit: '10^4 t'` is × 10 000;
 *   sinks are stored negative whatever the typed sign.
 * - Activity mode: the formulas 2–7 over {@link ActivityData}, with the default factor sets,
 *   `activity.factorSets` then `options.factorSets`, the GWP set (default AR5), and
 *   `factorOverrides`; one pool per sub-sector. Land sinks are `context.areaBySpaceTypeM2` ×
 *   the sink rates (exact, METHOD.md §2).
 *
 * Never throws on data; every problem is an issue with a JSON path; no NaN or Infinity out.
 *
 * Issue codes: every `inventory.*` code of `messages/inventory.ts`.
 *
 * @param input the city's `inventory` (totals or activity)
 * @param context measured areas per space type, m²
 * @param options factor sets, grid code, feedstock rule, `CityConfig.sinkRates` (t CO2/ha/a)
 * @returns lines, pools, sink rates (t CO2/m²/a, positive uptake), factors used, overrides, unverified factors, issues
 * @example
 * const r = computeInventory({ mode: 'totals', unit: '10^4 t', totals: [{ sector: 'industry', spaceTypes: ['industrial'], value: 12430.46 }] }, {});
 * r.pools[0].netT; // 124 304 600
 */
export function computeInventory(input: InventoryInput, context: InventoryContext = {}, options: InventoryOptions = {}): InventoryResult {
  if (!isObj(input) || (input.mode !== 'totals' && input.mode !== 'activity')) {
    throw new EngineError('invalid-argument', `input must be an inventory with mode "totals" or "activity", got ${JSON.stringify((input as { mode?: unknown } | null)?.mode ?? input)}`);
  }
  const ctx: InventoryContext = isObj(context) ? context : {};

  if (input.mode === 'totals') {
    const { factors, issues: factorIssues } = resolveFactors({});
    const b = new LineBuilder(factors);
    b.issues.push(...factorIssues);
    const overridesApplied: OverrideApplied[] = [];
    const rates = resolveSinkRates(factors, options.sinkRatesTPerHa, b.issues, overridesApplied);
    const pools = computeTotals(input, b);
    // The sink rates weight the land-sink pool's parcels (relative shares only in totals mode).
    if (pools.some((p) => p.subsector === 'sinks-land')) for (const t of SINK_LAND_TYPES) b.use(rates.get(t)!);
    return finish('totals', null, b, pools, rates, overridesApplied);
  }

  const a = (input as ActivityInventoryInput).activity;
  const activity: Obj = isObj(a) ? a : {};
  const preIssues: Issue[] = [];
  if (!isObj(a)) {
    preIssues.push(makeIssue('inventory.activity-not-object', { path: ACTIVITY_PATH, actual: a }, { path: ACTIVITY_PATH, expected: 'object', actual: a ?? null }));
  }
  const gwp: GwpSetId = input.gwp && input.gwp in GWP_SETS ? input.gwp : DEFAULT_GWP;
  if (input.gwp !== undefined && !(input.gwp in GWP_SETS)) {
    preIssues.push(makeIssue('inventory.gwp-unknown', { actual: input.gwp, fallback: DEFAULT_GWP }, { path: '$.inventory.gwp', expected: Object.keys(GWP_SETS), actual: shown(input.gwp) }));
  }
  const setting = (key: string, expected: string, ok: (v: unknown) => boolean, path = `${ACTIVITY_PATH}.${key}`, value: unknown = activity[key]): boolean => {
    if (value === undefined || ok(value)) return value !== undefined;
    preIssues.push(makeIssue('inventory.activity-invalid-setting', { path, expected, actual: shown(value) }, { path, expected, actual: shown(value) }));
    return false;
  };
  const activitySets = setting('factorSets', 'a list of factor-set ids', (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'))
    ? (activity.factorSets as string[]) : [];
  const optionSets = options.factorSets ?? [];
  const activityGrid = setting('gridFactorCode', 'a grid.* coefficient code', (v) => typeof v === 'string') ? (activity.gridFactorCode as string) : undefined;
  const gridCode = options.gridFactorCode ?? activityGrid;
  setting('feedstockCarbon', '"process-factor" or "fuel-only"', (v) => v === 'process-factor' || v === 'fuel-only');
  const overrides = setting('factorOverrides', 'an object of parameter or code → value', isObj, '$.inventory.factorOverrides', input.factorOverrides)
    ? input.factorOverrides : {};
  const resolved = resolveFactors({
    factorSets: [...activitySets, ...optionSets],
    factorSetPaths: [...activitySets.map((_, i) => `${ACTIVITY_PATH}.factorSets[${i}]`), ...optionSets.map((_, i) => `options.factorSets[${i}]`)],
    gridFactorCode: gridCode,
    gridFactorPath: options.gridFactorCode !== undefined ? 'options.gridFactorCode' : `${ACTIVITY_PATH}.gridFactorCode`,
    gwp,
    overrides,
    overridesPath: '$.inventory.factorOverrides',
  });
  const b = new LineBuilder(resolved.factors);
  b.issues.push(...preIssues, ...resolved.issues);
  const overridesApplied = [...resolved.overridesApplied];
  const rates = resolveSinkRates(resolved.factors, options.sinkRatesTPerHa, b.issues, overridesApplied);
  const fs = options.feedstockCarbon ?? activity.feedstockCarbon;
  const feedstock: FeedstockCarbon = fs === 'fuel-only' ? 'fuel-only' : 'process-factor';
  computeActivity(activity, ctx, b, feedstock, rates);
  return finish('activity', gwp, b, poolsFromLines(b.lines), rates, overridesApplied);
}

function finish(
  mode: 'totals' | 'activity', gwp: GwpSetId | null, b: LineBuilder, pools: PoolSpec[], rates: Map<SinkLandType, FactorRef>, overridesApplied: OverrideApplied[],
): InventoryResult {
  const factorsUsed = [...b.used.values()];
  const unverifiedFactors = unverifiedOf(factorsUsed);
  const issues = [...b.issues];
  if (b.lines.length === 0) issues.push(makeIssue('inventory.empty', {}, { path: '$.inventory' }));
  if (unverifiedFactors.length > 0) {
    issues.push(makeIssue('inventory.unverified-factors', { count: unverifiedFactors.length, codes: unverifiedFactors.map((u) => u.code).join(', ') }, { path: '$.inventory' }));
  }
  return {
    mode, gwp, lines: b.lines, pools, sinkRatesTPerM2: sinkRateRecord(rates), totals: totalsOf(b.lines),
    factorsUsed, overridesApplied, unverifiedFactors, issues,
  };
}
