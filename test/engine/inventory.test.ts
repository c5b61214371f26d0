/**
 * The sector inventory (METHOD.md §1): the paper's Table 3 as totals, and activity mode with one
 * hand-worked example per sector. Expected values are worked out by hand in the comments (from
 * the published inputs in coefficients.md), never copied from the code's output.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeInventory, summariseSectors } from '../../src/engine/inventory/index.js';
import type { InventoryLine, InventoryResult } from '../../src/engine/inventory/index.js';
import type { ActivityInventoryInput, TotalsInventoryInput } from '../../src/engine/config/types.js';

const fixture = (name: string): TotalsInventoryInput =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/inventory/${name}`, import.meta.url)), 'utf8')) as TotalsInventoryInput;

/** Close to `expected` within a relative 1e-9 (floating-point rounding only). */
function close(actual: number, expected: number, msg?: string): void {
  const tol = Math.max(1e-9, Math.abs(expected) * 1e-9);
  assert.ok(Math.abs(actual - expected) <= tol, `${msg ?? ''} expected ${expected}, got ${actual}`);
}

const r2 = (x: number): string => x.toFixed(2);

function line(r: InventoryResult, subsector: string, item: string): InventoryLine {
  const l = r.lines.find((x) => x.subsector === subsector && x.item === item);
  assert.ok(l, `no line ${subsector} / ${item}; have ${r.lines.map((x) => `${x.subsector}/${x.item}`).join(', ')}`);
  return l;
}

function activity(a: Record<string, unknown>, extra: Partial<ActivityInventoryInput> = {}): ActivityInventoryInput {
  return { mode: 'activity', activity: a, ...extra };
}

/** Walks any value and fails on a non-finite number. */
function assertAllFinite(v: unknown, path = '$'): void {
  if (typeof v === 'number') assert.ok(Number.isFinite(v), `non-finite number at ${path}: ${v}`);
  else if (Array.isArray(v)) v.forEach((x, i) => assertAllFinite(x, `${path}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertAllFinite(x, `${path}.${k}`);
}

describe('totals mode: the paper\'s Table 3 (Suzhou 2020, 10^4 t)', () => {
  const input = fixture('suzhou-table3.json');
  const r = computeInventory(input, {});
  const sectors = summariseSectors(r.pools);
  const s = (id: string) => sectors.find((x) => x.id === id)!;

  test('gross 24,027.97, net 23,776.11, sinks 251.86 (×10^4 t), CCR 1.048 %', () => {
    // Sector totals: 19,334.77 + 2,882.76 + 1,421.44 + 100.70 + 288.30 = 24,027.97 gross;
    // sinks 71.96 + 179.90 = 251.86; net 24,027.97 − 251.86 = 23,776.11.
    assert.equal(r2(r.totals.grossT / 1e4), '24027.97');
    assert.equal(r2(r.totals.sinkT / 1e4), '251.86');
    assert.equal(r2(r.totals.netT / 1e4), '23776.11');
    // CCR = 251.86 / 24,027.97 = 0.010482 → 1.048 %.
    assert.equal(((r.totals.sinkT / r.totals.grossT) * 100).toFixed(3), '1.048');
  });

  test('sector totals and shares of net: industry 81.32, buildings 12.13, transport 5.98 %', () => {
    assert.equal(r2(s('industry').netT / 1e4), '19334.77');
    assert.equal(r2(s('buildings').netT / 1e4), '2882.76');
    assert.equal(r2(s('transport').netT / 1e4), '1421.44');
    assert.equal(r2(s('agriculture').netT / 1e4), '100.70');
    assert.equal(r2(s('waste').netT / 1e4), '288.30');
    assert.equal(r2(s('sinks').netT / 1e4), '-251.86');
    // 19,334.77 / 23,776.11 = 81.320 %; 2,882.76 / 23,776.11 = 12.125 %; 1,421.44 / 23,776.11 = 5.978 %.
    assert.equal(r2(s('industry').shareOfNet!), '81.32');
    // Buildings: 2,882.76 / 23,776.11 = 12.1246 % → 12.12. The paper's 12.13 is the sum of its
    // rounded land-type shares over net (3.23 + 2.26 + 4.33 + 2.31); within 0.01 of it.
    assert.equal(r2(s('buildings').shareOfNet!), '12.12');
    assert.ok(Math.abs(s('buildings').shareOfNet! - 12.13) < 0.01);
    assert.equal(r2(s('transport').shareOfNet!), '5.98');
    assert.equal(s('sinks').shareOfGross, null);
    assert.equal(s('sinks').sinkT, 2_518_600);
  });

  test('one pool per entry, sub-sectors inferred from space types', () => {
    assert.equal(r.pools.length, 13);
    const byId = new Map(r.pools.map((p) => [p.id, p]));
    close(byId.get('industry-manufacturing:industrial')!.netT, 12430.46e4);
    close(byId.get('industry-supply:utilities')!.netT, 6904.31e4);
    assert.equal(byId.get('buildings-residential:rural-homestead')?.weight, 'population');
    assert.equal(byId.get('buildings-commercial:public-service')?.weight, 'poi-commercial');
    const tr = r.pools.find((p) => p.sector === 'transport')!;
    assert.equal(tr.subsector, 'transport-road');
    assert.deepEqual(tr.spaceTypes, ['transport-road', 'transport-rail', 'transport-water', 'transport-air']);
    assert.equal(byId.get('agriculture-husbandry:agri-facility')?.weight, 'area');
    assert.ok(byId.has('waste-industrial:industrial'));
    assert.ok(byId.has('waste-domestic:utilities'));
    close(byId.get('sinks-crops:cultivated')!.netT, -71.96e4);
    const land = byId.get('sinks-land:forest+grassland+water')!;
    close(land.netT, -179.9e4);
    assert.equal(land.weight, 'area-sink-rate');
    // Rows of a sector add to the sector total the paper prints.
    const ind = r.pools.filter((p) => p.sector === 'industry').reduce((a, p) => a + p.netT, 0);
    assert.equal(r2(ind / 1e4), '19334.77');
  });

  test('no errors; the land-sink rates in use are reported as unverified', () => {
    assert.deepEqual(r.issues.filter((i) => i.severity === 'error'), []);
    assert.equal(r.gwp, null);
    assert.ok(r.unverifiedFactors.some((u) => u.code === 'sink.forest.cn-literature'));
    assertAllFinite(r);
  });
});

describe('totals mode: inference and sign rules', () => {
  test('sub-sector inference per sector and space type', () => {
    const r = computeInventory({
      mode: 'totals',
      totals: [
        { sector: 'industry', spaceTypes: ['mining'], value: 1 },
        { sector: 'industry', spaceTypes: ['utilities'], value: 2 },
        { sector: 'buildings', spaceTypes: ['urban-residential', 'rural-homestead'], value: 3 },
        { sector: 'buildings', spaceTypes: ['commercial'], value: 4 },
        { sector: 'transport', spaceTypes: ['transport-rail'], value: 5 },
        { sector: 'agriculture', spaceTypes: ['agri-facility'], value: 6 },
        { sector: 'waste', spaceTypes: ['industrial'], value: 7 },
        { sector: 'sinks', spaceTypes: ['cultivated'], value: 8 },
        { sector: 'sinks', spaceTypes: ['water'], value: -9 },
      ],
    }, {});
    assert.deepEqual(r.pools.map((p) => p.subsector), [
      'industry-mining', 'industry-supply', 'buildings-residential', 'buildings-commercial', 'transport-rail',
      'agriculture-husbandry', 'waste-industrial', 'sinks-crops', 'sinks-land',
    ]);
    // Sinks are negative whatever the typed sign; a positive sink gets an info issue.
    assert.deepEqual(r.pools.slice(-2).map((p) => p.netT), [-8, -9]);
    assert.ok(r.issues.some((i) => i.code === 'inventory.sink-sign-flipped' && i.path === '$.inventory.totals[7].value'));
    assert.equal(r.totals.grossT, 1 + 2 + 3 + 4 + 5 + 6 + 7);
    assert.equal(r.totals.sinkT, 17);
  });

  test('sector only: default sub-sector with its space types, and an info issue', () => {
    const r = computeInventory({ mode: 'totals', totals: [{ sector: 'waste', value: 10 }] }, {});
    assert.equal(r.pools[0].id, 'waste-domestic');
    assert.deepEqual(r.pools[0].spaceTypes, ['utilities']);
    assert.ok(r.issues.some((i) => i.code === 'inventory.totals-subsector-defaulted'));
  });

  test('bad entries become issues with paths; nothing NaN', () => {
    const r = computeInventory({
      mode: 'totals',
      totals: [
        { sector: 'industry', spaceTypes: ['industrial'], value: -5 },
        { sector: 'industry', spaceTypes: ['industrial'], value: Number.NaN },
        { sector: 'nonsense' as never, value: 1 },
        { sector: 'industry', subsector: 'buildings-residential', value: 1 },
        { sector: 'industry', spaceTypes: ['moon' as never], value: 1 },
        { sector: 'industry', spaceTypes: ['industrial'], value: 2 },
      ],
    }, {});
    const codes = r.issues.map((i) => `${i.code}@${i.path}`);
    assert.ok(codes.includes('inventory.totals-invalid-value@$.inventory.totals[0].value'));
    assert.ok(codes.includes('inventory.totals-invalid-value@$.inventory.totals[1].value'));
    assert.ok(codes.includes('inventory.totals-invalid-entry@$.inventory.totals[2]'));
    assert.ok(codes.includes('inventory.totals-subsector-mismatch@$.inventory.totals[3].subsector'));
    assert.ok(codes.includes('inventory.totals-invalid-entry@$.inventory.totals[4]'));
    assert.equal(r.pools.length, 1);
    assert.equal(r.pools[0].netT, 2);
    assertAllFinite(r);
  });

  test('CityConfig sinkRates (t CO2/ha/a) set the rates per m² and are listed as overrides', () => {
    const r = computeInventory({ mode: 'totals', totals: [{ sector: 'sinks', spaceTypes: ['forest'], value: 1 }] }, {}, { sinkRatesTPerHa: { forest: 5, cultivated: 1 } });
    // 5 t CO2/ha/a ÷ 10 000 m²/ha = 5e-4 t CO2/m²/a.
    close(r.sinkRatesTPerM2.forest, 5e-4);
    // Green space defaults to grassland's rate: 0.021 t C/ha × 44/12 ÷ 10 000 = 7.7e-6.
    close(r.sinkRatesTPerM2['green-space'], 7.7e-6);
    assert.equal(r.sinkRatesTPerM2.industrial, 0);
    const o = r.overridesApplied.find((x) => x.code === 'sinkRates.forest')!;
    close(o.defaultValue, (0.644 * 44) / 12 / 10_000);
    close(o.value, 5e-4);
    assert.ok(r.issues.some((i) => i.code === 'inventory.sink-rate-ignored' && i.path === '$.sinkRates.cultivated'));
  });
});

describe('activity mode: one hand-worked example per sector', () => {
  const input = activity({
    gridFactorCode: 'grid.cn.jiangsu.2022',
    industry: {
      manufacturing: { dieselT: 100, naturalGasM3: 1_000_000, electricityMWh: 1000 },
      process: { clinkerT: 1000 },
    },
    buildings: {
      residential: { naturalGasM3: 500_000, lpgT: 10, electricityMWh: 2000 },
      commercial: { electricityMWh: 1000 },
    },
    transport: {
      freight: { roadTkm: 1_000_000, railTkm: 1_000_000 },
      intercity: { airPkm: 1_000_000 },
      urban: { busVehicleKm: 100_000 },
      fuelByMode: { rail: { electricityMWh: 100 } },
    },
    agriculture: {
      cultivation: { fertiliserT: 100, irrigatedAreaHa: 1000, tilledAreaHa: 10_000 },
      husbandry: { livestockHeads: { swine: 10_000, dairyCattle: 100 } },
    },
    waste: {
      industrialWastewater: { codT: 1000 },
      domesticWastewater: { population: 1_000_000 },
      solidWaste: { incineratedT: 10_000, landfilledT: 1000 },
    },
    sinks: { cropYieldsT: { rice: 1000 } },
  });
  const r = computeInventory(input, { areaBySpaceTypeM2: { forest: 1_000_000, 'green-space': 10_000, industrial: 5e6 } });

  test('industry (formula 2)', () => {
    // Diesel: 100 t × 42.652 GJ/t × 74.1 kg CO2/GJ = 316,051.32 kg = 316.05132 t.
    close(line(r, 'industry-manufacturing', 'diesel').netT, 316.05132);
    // Natural gas: 10^6 m³ = 100 × 10^4 m³ × (389.31 GJ × 56.1 kg/GJ = 21.840291 t) = 2,184.0291 t.
    close(line(r, 'industry-manufacturing', 'natural-gas').netT, 2184.0291);
    // Electricity at the Jiangsu 2022 grid: 1,000 MWh × 0.5978 = 597.8 t.
    close(line(r, 'industry-manufacturing', 'electricity').netT, 597.8);
    // Clinker: 1,000 t × 0.52 = 520 t.
    close(line(r, 'industry-manufacturing', 'process.clinker').netT, 520);
    const pool = r.pools.find((p) => p.id === 'industry-manufacturing')!;
    close(pool.netT, 316.05132 + 2184.0291 + 597.8 + 520);
    assert.deepEqual(pool.spaceTypes, ['industrial']);
  });

  test('buildings (formula 3)', () => {
    // Gas 50 × 21.840291 = 1,092.01455; LPG 10 t × 50.179 GJ/t × 63.1 kg/GJ = 31.662949; electricity 2,000 × 0.5978 = 1,195.6.
    close(line(r, 'buildings-residential', 'natural-gas').netT, 1092.01455);
    close(line(r, 'buildings-residential', 'lpg').netT, 31.662949);
    close(line(r, 'buildings-residential', 'electricity').netT, 1195.6);
    close(line(r, 'buildings-commercial', 'electricity').netT, 597.8);
    assert.equal(line(r, 'buildings-commercial', 'electricity').factor?.code, 'grid.cn.jiangsu.2022');
  });

  test('transport (formula 4), each item in its mode\'s sub-sector', () => {
    // Road freight 10^6 t·km × 0.127 kg = 127 t; rail 10^6 × 0.0285 kg = 28.5 t.
    close(line(r, 'transport-road', 'freight.road').netT, 127);
    close(line(r, 'transport-rail', 'freight.rail').netT, 28.5);
    // Air passengers 10^6 p·km × 0.163 kg = 163 t.
    close(line(r, 'transport-air', 'intercity.air').netT, 163);
    // Bus 10^5 km × (0.30 L/km × 0.835 kg/L × 3.1605132 kg CO2/kg = 0.79170856 kg/km) = 79.170856 t.
    close(line(r, 'transport-road', 'urban.bus').netT, 79.17085566);
    // Metro electricity 100 MWh × 0.5978 = 59.78 t, on rail.
    close(line(r, 'transport-rail', 'fuel.electricity').netT, 59.78);
    close(r.pools.find((p) => p.id === 'transport-rail')!.netT, 28.5 + 59.78);
  });

  test('agriculture (formula 5): C → CO2, tillage unit, livestock CH4 × GWP', () => {
    // Fertiliser 100 t × 0.8956 t C/t × 44/12 = 328.38667 t CO2.
    close(line(r, 'agriculture-cultivation', 'fertiliser').netT, (100 * 0.8956 * 44) / 12);
    // Irrigation 1,000 ha × 266.48 kg C/ha = 266.48 t C × 44/12 = 977.09333 t.
    close(line(r, 'agriculture-cultivation', 'irrigation').netT, (266.48 * 44) / 12);
    // Tillage 10,000 ha = 100 km² × 312.6 kg C/km² = 31.26 t C × 44/12 = 114.62 t (not 11,462: unit trap).
    close(line(r, 'agriculture-cultivation', 'tillage').netT, 114.62);
    // Swine 10,000 × (1 enteric + 3 manure) kg CH4 = 40 t CH4 × 28 (AR5) = 1,120 t CO2e.
    close(line(r, 'agriculture-husbandry', 'livestock.swine.enteric').netT, 280);
    close(line(r, 'agriculture-husbandry', 'livestock.swine.manure').netT, 840);
    // Dairy 100 × (68 + 15) kg = 8.3 t CH4 × 28 = 232.4 t.
    close(line(r, 'agriculture-husbandry', 'livestock.dairy-cattle.enteric').netT + line(r, 'agriculture-husbandry', 'livestock.dairy-cattle.manure').netT, 232.4);
  });

  test('waste (formula 6)', () => {
    // Industrial COD 1,000 t × 0.25 t CH4/t COD × MCF 0.3 = 75 t CH4 × 28 = 2,100 t.
    close(line(r, 'waste-industrial', 'wastewater.cod').netT, 2100);
    // Domestic: 10^6 persons × 40 g BOD/day × 365 = 14,600 t BOD × 0.6 × MCF 0.165 = 1,445.4 t CH4 × 28 = 40,471.2 t.
    close(line(r, 'waste-domestic', 'wastewater.population').netT, 40471.2);
    // Incineration 10,000 t × (0.20 × 0.39 × 0.95 × 44/12 = 0.2717) = 2,717 t.
    close(line(r, 'waste-domestic', 'msw.incineration').netT, 2717);
    // Landfill 1,000 t × (1000 × 0.17 × 0.5 × 1.0 × 0.5 × 16/12 × 0.9 = 51 kg CH4/t) = 51 t CH4 × 28 = 1,428 t.
    close(line(r, 'waste-domestic', 'msw.landfill').netT, 1428);
  });

  test('sinks (formula 7): crop uptake from yields, land sink from measured areas', () => {
    // Rice 1,000 t × 0.414 × (1 − 0.12) / 0.45 = 809.6 t C × 44/12 = 2,968.5333 t CO2, negative.
    close(line(r, 'sinks-crops', 'crop.rice').netT, -2968.533333333333);
    assert.match(line(r, 'sinks-crops', 'crop.rice').label, /annual crop uptake/i);
    // Forest 10^6 m² = 100 ha × 0.644 t C/ha = 64.4 t C × 44/12 = 236.1333 t, negative.
    close(line(r, 'sinks-land', 'land.forest').netT, -236.13333333333333);
    // Green space at grassland's rate: 1 ha × 0.021 t C × 44/12 = 0.077 t.
    close(line(r, 'sinks-land', 'land.green-space').netT, -0.077);
    // Industrial land carries no land sink.
    assert.equal(r.lines.some((l) => l.item === 'land.industrial'), false);
    close(r.sinkRatesTPerM2.forest, 0.644 * 44 / 12 / 10_000);
  });

  test('totals, pools and sector summary agree', () => {
    const sum = r.lines.reduce((a, l) => a + l.netT, 0);
    close(r.totals.netT, sum);
    close(r.pools.reduce((a, p) => a + p.netT, 0), sum);
    const sectors = summariseSectors(r.lines);
    close(sectors.reduce((a, s) => a + s.netT, 0), sum);
    // One pool per sub-sector, in the method's order.
    assert.deepEqual(r.pools.map((p) => p.id), [
      'industry-manufacturing', 'buildings-residential', 'buildings-commercial', 'transport-road', 'transport-rail',
      'transport-air', 'agriculture-cultivation', 'agriculture-husbandry', 'waste-industrial', 'waste-domestic',
      'sinks-land', 'sinks-crops',
    ]);
    assert.equal(r.gwp, 'AR5');
    assertAllFinite(r);
  });

  test('recalled factors in use are listed as unverified; verified ones are not', () => {
    const codes = r.unverifiedFactors.map((u) => u.code);
    assert.ok(codes.includes('agri.tillage.li2011'));
    assert.ok(codes.includes('transport.vehicle.bus.derived'));
    assert.ok(codes.includes('crop.rice.harvest-index.han2012'));
    assert.ok(!codes.includes('process.clinker.ipcc2006'));
    assert.ok(r.issues.some((i) => i.code === 'inventory.unverified-factors' && i.severity === 'info'));
  });
});

describe('activity mode: GWP, overrides, factor sets', () => {
  const swine = (extra: Partial<ActivityInventoryInput> = {}) =>
    computeInventory(activity({ agriculture: { husbandry: { livestockHeads: { swine: 10_000 } } } }, extra), {});
  const total = (r: InventoryResult) => r.lines.reduce((a, l) => a + l.netT, 0);

  test('GWP sets: 40 t CH4 (non-fossil) × SAR 21 / AR4 25 / AR5 28 / AR6 27.0', () => {
    close(total(swine({ gwp: 'SAR' })), 840);
    close(total(swine({ gwp: 'AR4' })), 1000);
    close(total(swine()), 1120);
    const ar6 = swine({ gwp: 'AR6' });
    close(total(ar6), 1080);
    assert.equal(ar6.gwp, 'AR6');
    // AR6 non-fossil 27.0 is a recalled value.
    assert.ok(ar6.unverifiedFactors.some((u) => u.code === 'gwp.ar6.ch4-non-fossil'));
  });

  test('N2O via GWP: 100 t N × 0.01 × 44/28 × 265 = 416.43 t CO2e', () => {
    const r = computeInventory(activity({ agriculture: { cultivation: { nitrogenAppliedT: 100 } } }), {});
    close(total(r), (100 * 0.01 * 44 / 28) * 265);
  });

  test('overrides by parameter and by code are applied and listed with their defaults', () => {
    const r = computeInventory(activity({ industry: { supply: { dieselT: 100, electricityMWh: 10 } } }, {
      factorOverrides: {
        'fuel.diesel.co2': 3,
        'grid.cn.national.2022-reporting': { value: 0.6, unit: 't CO2/MWh', source: 'local utility 2022' },
      },
    }), {});
    // 100 t × 3 = 300; 10 MWh × 0.6 = 6.
    close(line(r, 'industry-supply', 'diesel').netT, 300);
    close(line(r, 'industry-supply', 'electricity').netT, 6);
    assert.equal(line(r, 'industry-supply', 'diesel').factor?.status, 'override');
    assert.equal(line(r, 'industry-supply', 'electricity').factor?.source, 'local utility 2022');
    const d = r.overridesApplied.find((o) => o.code === 'fuel.diesel.co2')!;
    close(d.defaultValue, 42.652 * 74.1 / 1000);
    assert.equal(d.value, 3);
    assert.equal(d.unit, 't CO2/t');
    const g = r.overridesApplied.find((o) => o.code === 'grid.cn.national.2022-reporting')!;
    assert.equal(g.defaultValue, 0.5703);
    assert.equal(g.parameter, 'grid.electricity');
  });

  test('bad overrides: unknown code, wrong unit, negative, unused code → issues, default kept', () => {
    const r = computeInventory(activity({ industry: { supply: { dieselT: 1 } } }, {
      factorOverrides: {
        'fuel.unobtainium.co2': 1,
        'fuel.diesel.co2': { value: 3.1, unit: 'kg CO2/kg' },
        'agri.fertiliser': -1,
        'grid.cn.east.2022': 0.5,
      },
    }), {});
    const codes = r.issues.map((i) => i.code);
    assert.ok(codes.includes('inventory.override-unknown-code'));
    assert.ok(codes.includes('inventory.override-unit-mismatch'));
    assert.ok(codes.includes('inventory.override-invalid'));
    assert.ok(codes.includes('inventory.override-unused'));
    assert.equal(r.overridesApplied.length, 0);
    close(line(r, 'industry-supply', 'diesel').netT, 42.652 * 74.1 / 1000);
  });

  test('factor sets: China enterprise guideline fuels (route b) and the Guangdong sink set', () => {
    const r = computeInventory(activity({ factorSets: ['cn-enterprise-guideline', 'sink-gd-inventory-2018'], industry: { mining: { dieselT: 100 } } }), { areaBySpaceTypeM2: { forest: 10_000, unused: 10_000 } });
    // Route b diesel: 42.652 GJ/t × 0.0202 t C/GJ × 0.98 × 44/12 = 3.0959 t CO2/t → 309.59 t.
    close(line(r, 'industry-mining', 'diesel').netT, 100 * 42.652 * 0.0202 * 0.98 * 44 / 12);
    // Guangdong forest 3.9 t CO2/ha → 1 ha = 3.9 t; unused keeps the literature 0.005 t C/ha × 44/12.
    close(line(r, 'sinks-land', 'land.forest').netT, -3.9);
    close(line(r, 'sinks-land', 'land.unused').netT, -0.005 * 44 / 12);
    assert.equal(line(r, 'sinks-land', 'land.forest').factor?.status, 'V');
  });

  test('unknown factor set and grid code → errors, defaults kept', () => {
    const r = computeInventory(activity({ factorSets: ['no-such-set'], gridFactorCode: 'grid.mars.2022', buildings: { residential: { electricityMWh: 1 } } }), {});
    assert.ok(r.issues.some((i) => i.code === 'inventory.factor-set-unknown' && i.path === '$.inventory.activity.factorSets[0]'));
    assert.ok(r.issues.some((i) => i.code === 'inventory.grid-factor-unknown' && i.path === '$.inventory.activity.gridFactorCode'));
    close(line(r, 'buildings-residential', 'electricity').netT, 0.5703);
  });

  test('steel/ammonia with industry coal: double-count warning; fuel-only drops the feedstock lines', () => {
    const a = { industry: { manufacturing: { cokeT: 100 }, process: { crudeSteelBofT: 1000, clinkerT: 10 } } };
    const r = computeInventory(activity(a), {});
    assert.ok(r.issues.some((i) => i.code === 'inventory.feedstock-double-count' && i.path === '$.inventory.activity.industry.process'));
    // BOF 1,000 t × 1.46 = 1,460 t.
    close(line(r, 'industry-manufacturing', 'process.steel-bof').netT, 1460);
    const f = computeInventory(activity({ ...a, feedstockCarbon: 'fuel-only' }), {});
    assert.equal(f.lines.some((l) => l.item === 'process.steel-bof'), false);
    assert.ok(f.lines.some((l) => l.item === 'process.clinker'));
    assert.ok(f.issues.some((i) => i.code === 'inventory.process-excluded'));
    assert.equal(f.issues.some((i) => i.code === 'inventory.feedstock-double-count'), false);
  });
});

describe('activity mode: bad input', () => {
  test('missing, negative, non-finite and mistyped values → issues with paths, never NaN', () => {
    const r = computeInventory(activity({
      industry: { manufacturing: { dieselT: -5, naturalGasM3: Number.NaN, electricityMWh: '12', petrolT: 3, cokeT: null, lpgT: 2 } },
      buildings: 'lots',
      agriculture: { husbandry: { livestockHeads: { swine: Number.POSITIVE_INFINITY, unicorns: 2 } } },
      waste: { domesticWastewater: { population: 1000, bodT: 10 } },
    }), { areaBySpaceTypeM2: { forest: -1 } });
    const at = (code: string, path: string) => r.issues.some((i) => i.code === code && i.path === path);
    assert.ok(at('inventory.activity-invalid', '$.inventory.activity.industry.manufacturing.dieselT'));
    assert.ok(at('inventory.activity-invalid', '$.inventory.activity.industry.manufacturing.naturalGasM3'));
    assert.ok(at('inventory.activity-invalid', '$.inventory.activity.industry.manufacturing.electricityMWh'));
    assert.ok(at('inventory.activity-invalid', '$.inventory.activity.industry.manufacturing.cokeT'));
    assert.ok(at('inventory.activity-unknown-key', '$.inventory.activity.industry.manufacturing.petrolT'));
    assert.ok(at('inventory.activity-not-object', '$.inventory.activity.buildings'));
    assert.ok(at('inventory.activity-invalid', '$.inventory.activity.agriculture.husbandry.livestockHeads.swine'));
    assert.ok(at('inventory.activity-unknown-key', '$.inventory.activity.agriculture.husbandry.livestockHeads.unicorns'));
    assert.ok(at('inventory.wastewater-basis-conflict', '$.inventory.activity.waste.domesticWastewater'));
    assert.ok(r.issues.some((i) => i.code === 'inventory.area-invalid' && i.field === 'forest'));
    const bad = r.issues.find((i) => i.path === '$.inventory.activity.industry.manufacturing.dieselT')!;
    assert.equal(bad.expected, 'finite number ≥ 0');
    assert.equal(bad.actual, -5);
    // Only LPG survived in industry: 2 t × 3.1662949 = 6.3325898 t.
    assert.deepEqual(r.lines.filter((l) => l.sector === 'industry').map((l) => l.item), ['lpg']);
    close(line(r, 'industry-manufacturing', 'lpg').netT, 2 * 50.179 * 63.1 / 1000);
    // Measured BOD wins over population: 10 t × 0.6 × 0.165 × 28 = 27.72 t.
    close(line(r, 'waste-domestic', 'wastewater.bod').netT, 27.72);
    assertAllFinite(r);
  });

  test('no areas in the context: land sinks not computed, with a warning', () => {
    const r = computeInventory(activity({ industry: { mining: { dieselT: 1 } } }), {});
    assert.ok(r.issues.some((i) => i.code === 'inventory.sink-areas-missing'));
    assert.equal(r.pools.some((p) => p.subsector === 'sinks-land'), false);
  });

  test('empty activity: an empty inventory, a warning, zero totals', () => {
    const r = computeInventory(activity({ sinks: { landFromAreas: false } }), {});
    assert.equal(r.lines.length, 0);
    assert.deepEqual(r.totals, { grossT: 0, sinkT: 0, netT: 0 });
    assert.ok(r.issues.some((i) => i.code === 'inventory.empty'));
    assert.ok(summariseSectors(r.pools).every((s) => s.shareOfNet === null && s.shareOfGross === null));
  });

  test('a caller bug (no mode) throws an EngineError', () => {
    assert.throws(() => computeInventory({} as never, {}), { name: 'EngineError' });
  });
});

describe('issue catalogue', () => {
  test('every inventory issue code is triggered by some input', async () => {
    const { INVENTORY_MESSAGES } = await import('../../src/engine/messages/inventory.js');
    const runs: InventoryResult[] = [
      // Totals: ambiguous types, unexpected type, every entry problem, sign flip, bad and ignored sink rates.
      computeInventory({
        mode: 'totals',
        totals: [
          { sector: 'industry', spaceTypes: ['industrial', 'utilities'], value: 1 },
          { sector: 'industry', spaceTypes: ['forest'], value: 1 },
          { sector: 'industry', value: -1 },
          { sector: 'nonsense' as never, value: 1 },
          { sector: 'industry', subsector: 'waste-domestic', value: 1 },
          { sector: 'industry', value: 1 },
          { sector: 'sinks', spaceTypes: ['forest'], value: 3 },
        ],
      }, {}, { sinkRatesTPerHa: { forest: -1, industrial: 2 } }),
      computeInventory({ mode: 'totals', totals: [] }, {}),
      // Activity: invalid settings and values, unknown keys, overrides, sets, feedstock, wastewater, areas, factor.
      computeInventory({
        mode: 'activity',
        gwp: 'AR7' as never,
        factorOverrides: { 'x.y': 1, 'fuel.diesel.co2': -1, 'fuel.coke.co2': { value: 1, unit: 'kg' }, 'grid.cn.east.2022': 1, 'crop.rice.harvest-index': 0 },
        activity: {
          factorSets: ['nope'], gridFactorCode: 'grid.nope', feedstockCarbon: 'maybe',
          industry: { manufacturing: { cokeT: 1, dieselT: -1, foo: 1 }, process: { crudeSteelBofT: 1 } },
          buildings: 3,
          waste: { domesticWastewater: { population: 1, bodT: 1 } },
          sinks: { cropYieldsT: { rice: 1 }, landFromAreas: 'yes' },
        },
      }, { areaBySpaceTypeM2: { forest: Number.NaN } }),
      computeInventory({ mode: 'activity', activity: { feedstockCarbon: 'fuel-only', industry: { process: { ammoniaCoalT: 1 } } } }, {}),
    ];
    const seen = new Set(runs.flatMap((r) => r.issues.map((i) => i.code)));
    const missing = Object.keys(INVENTORY_MESSAGES).filter((c) => !seen.has(c));
    assert.deepEqual(missing, []);
    runs.forEach((r) => assertAllFinite(r));
  });
});
