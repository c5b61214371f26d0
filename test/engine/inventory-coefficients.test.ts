/**
 * The coefficient registry: integrity of the data, factor sets, and the derived values against the
 * figures printed in coefficients.md (computed there from the published inputs, independently of
 * this code).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  COEFFICIENTS, DEFAULT_CHOICES, FACTOR_SETS, GWP_SETS, PARAMETERS, getCoefficient, resolveFactors,
} from '../../src/engine/coefficients/index.js';
import { FUEL_ITEMS, PROCESS_ITEMS, FREIGHT_ITEMS, PASSENGER_ITEMS, VEHICLE_ITEMS, CULTIVATION_ITEMS } from '../../src/engine/inventory/activity.js';

const v = (code: string): number => {
  const c = getCoefficient(code);
  assert.ok(c, `missing ${code}`);
  return c.value;
};

describe('registry integrity', () => {
  test('codes unique; every row finite, ≥ 0, with unit, source, vintage and status', () => {
    const codes = new Set<string>();
    for (const c of COEFFICIENTS) {
      assert.ok(!codes.has(c.code), `duplicate ${c.code}`);
      codes.add(c.code);
      assert.ok(Number.isFinite(c.value) && c.value >= 0, `${c.code} value ${c.value}`);
      assert.ok(c.unit && c.source && c.vintage && c.basis, `${c.code} lacks metadata`);
      assert.ok(['V', 'V2', 'R'].includes(c.status), `${c.code} status ${c.status}`);
    }
  });

  test('rows of one parameter share one unit', () => {
    const units = new Map<string, string>();
    for (const c of COEFFICIENTS) {
      const u = units.get(c.parameter);
      if (u) assert.equal(c.unit, u, `${c.code}: unit ${c.unit} differs from ${u}`);
      else units.set(c.parameter, c.unit);
    }
  });

  test('every factor set names existing codes of the right parameter', () => {
    for (const set of FACTOR_SETS) {
      for (const [param, code] of Object.entries(set.choices)) {
        assert.equal(getCoefficient(code)?.parameter, param, `${set.id}: ${param} → ${code}`);
      }
    }
  });

  test('every parameter has a default (GWP by the chosen set; green space follows grassland)', () => {
    for (const p of PARAMETERS) {
      if (p.startsWith('gwp.') || p === 'sink.green-space') continue;
      assert.ok(DEFAULT_CHOICES[p], `no default for ${p}`);
    }
    const { factors } = resolveFactors({});
    const items = [...FUEL_ITEMS, ...PROCESS_ITEMS, ...FREIGHT_ITEMS, ...PASSENGER_ITEMS, ...VEHICLE_ITEMS, ...CULTIVATION_ITEMS];
    for (const it of items) for (const p of it.parameters) assert.ok(factors.has(p), `item ${it.key} uses ${p} with no factor`);
  });

  test('defaults: IPCC livestock, IPCC-consistent farm diesel, national 2022 grid, literature sinks', () => {
    assert.equal(DEFAULT_CHOICES['livestock.dairy-cattle.enteric'], 'livestock.dairy-cattle.enteric.ipcc2006');
    assert.equal(DEFAULT_CHOICES['agri.diesel'], 'agri.diesel.ipcc2006');
    assert.equal(DEFAULT_CHOICES['agri.fertiliser'], 'agri.fertiliser.cn-literature');
    assert.equal(DEFAULT_CHOICES['agri.tillage'], 'agri.tillage.li2011');
    assert.equal(DEFAULT_CHOICES['grid.electricity'], 'grid.cn.national.2022-reporting');
    assert.equal(DEFAULT_CHOICES['sink.forest'], 'sink.forest.cn-literature');
    assert.equal(DEFAULT_CHOICES['fuel.diesel.co2'], 'fuel.diesel.co2.ipcc2006');
  });

  test('recalled values ship marked R', () => {
    for (const code of ['sink.forest.cn-literature', 'crop.rice.harvest-index.han2012', 'agri.tillage.li2011', 'process.clinker.cn-provincial', 'gwp.ar6.ch4-non-fossil']) {
      assert.equal(getCoefficient(code)?.status, 'R', code);
    }
    assert.equal(getCoefficient('sink.forest.gd-inventory-2018')?.status, 'V');
  });
});

describe('derived values reproduce coefficients.md', () => {
  test('fuels, route (a) IPCC 2006: t CO2 per t (natural gas per 10^4 m³)', () => {
    // coefficients.md B1 column "→ tCO2 per t (route a)".
    const expected: Record<string, number> = {
      'raw-coal': 1.978, coke: 3.043, 'crude-oil': 3.065, gasoline: 2.985, kerosene: 3.097, diesel: 3.161,
      'fuel-oil': 3.237, lpg: 3.166, 'natural-gas': 21.84,
    };
    for (const [fuel, e] of Object.entries(expected)) {
      const got = v(`fuel.${fuel}.co2.ipcc2006`);
      assert.ok(Math.abs(got - e) <= 0.0006 * Math.max(1, e / 3), `${fuel}: ${got} vs ${e}`);
    }
  });

  test('fuels, route (b) China guideline', () => {
    // coefficients.md B1 column "→ tCO2 per t (route b)".
    const expected: Record<string, number> = {
      'raw-coal': 1.900, coke: 2.853, 'crude-oil': 3.017, gasoline: 2.925, kerosene: 3.033, diesel: 3.096,
      'fuel-oil': 3.170, lpg: 3.101, 'natural-gas': 21.65,
    };
    for (const [fuel, e] of Object.entries(expected)) {
      const got = v(`fuel.${fuel}.co2.cn-guideline`);
      assert.ok(Math.abs(got - e) <= 0.0006 * Math.max(1, e / 3), `${fuel}: ${got} vs ${e}`);
    }
  });

  test('ammonia: coal 4.02, gas (mixed-age) 2.10 t CO2/t', () => {
    // 42.5 GJ × 25.8 kg C/GJ × 44/12 = 4,020.5 kg; 37.5 × 15.3 × 44/12 = 2,103.75 kg.
    assert.equal(v('process.ammonia-coal.ipcc2006').toFixed(2), '4.02');
    assert.equal(v('process.ammonia-gas.ipcc2006').toFixed(2), '2.10');
  });

  test('land sinks: t C/hm²/a → t CO2/m²/a (× 44/12 ÷ 10 000), positive uptake', () => {
    // Forest 0.644 t C/ha × 3.66667 = 2.36133 t CO2/ha = 2.36133e-4 t CO2/m².
    assert.equal(v('sink.forest.cn-literature').toExponential(5), '2.36133e-4');
    // Water 0.253 × 44/12 = 0.927667 t CO2/ha → 9.27667e-5.
    assert.equal(v('sink.water.cn-literature').toExponential(5), '9.27667e-5');
    // Guangdong forest is already t CO2/ha: 3.9 ÷ 10 000.
    assert.equal(v('sink.forest.gd-inventory-2018'), 3.9e-4);
    assert.equal(getCoefficient('sink.forest.cn-literature')?.published?.value, -0.644);
  });

  test('tillage unit trap: the per-hm² reading is stored ×100 in kg C/km²', () => {
    assert.equal(getCoefficient('agri.tillage.li2011')?.unit, 'kg C/km2');
    assert.equal(v('agri.tillage.li2011'), 312.6);
    assert.equal(v('agri.tillage.wu2017-per-hm2'), 31_260);
  });

  test('MSW shorthands: incineration 0.2717 t CO2/t, landfill 51 kg CH4/t', () => {
    assert.equal(v('waste.msw.incineration-co2.cn-provincial').toFixed(4), '0.2717');
    assert.equal(v('waste.msw.landfill-ch4.ipcc2006-commitment').toFixed(6), '51.000000');
  });

  test('GWP sets: SAR 21/310, AR4 25/298, AR5 28/265, AR6 27.9 (27.0 non-fossil)/273', () => {
    assert.deepEqual([GWP_SETS.SAR.ch4, GWP_SETS.SAR.n2o], [21, 310]);
    assert.deepEqual([GWP_SETS.AR4.ch4, GWP_SETS.AR4.n2o], [25, 298]);
    assert.deepEqual([GWP_SETS.AR5.ch4, GWP_SETS.AR5.n2o], [28, 265]);
    assert.deepEqual([GWP_SETS.AR6.ch4, GWP_SETS.AR6.ch4NonFossil, GWP_SETS.AR6.n2o], [27.9, 27.0, 273]);
    const { factors } = resolveFactors({});
    assert.equal(factors.get('gwp.ch4-non-fossil')?.value, 28);
    assert.equal(factors.get('gwp.n2o')?.value, 265);
  });
});
