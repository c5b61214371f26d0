import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeBalance, THRESHOLD_REL_TOLERANCE } from '../../src/engine/balance/index.js';
import type { BalanceInput, BalanceResult } from '../../src/engine/balance/index.js';
import { EngineError } from '../../src/engine/types.js';
import { buildSuzhou97 } from '../fixtures/balance/make-suzhou-97.js';

const near = (actual: number | null, expected: number, what: string, tol = 1e-12) => {
  assert.ok(actual !== null, `${what} is null`);
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
};

/** Deep scan: no NaN or ±Infinity anywhere in a result. */
function assertAllFinite(v: unknown, path = '$'): void {
  if (typeof v === 'number') assert.ok(Number.isFinite(v), `${path} is ${v}`);
  else if (Array.isArray(v)) v.forEach((x, i) => assertAllFinite(x, `${path}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertAllFinite(x, `${path}.${k}`);
}

const codes = (r: BalanceResult) => r.issues.map((i) => i.code);
const unit = (id: string, emissionT: number, sinkT: number, gdp: number | null): BalanceInput => ({ id, name: id, emissionT, sinkT, gdp });

describe('computeBalance: the paper’s zoning of 97 units (METHOD.md §6)', () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/balance/suzhou-97.json', import.meta.url), 'utf8')) as { units: BalanceInput[] };

  test('the fixture equals its documented construction', () => {
    assert.deepEqual(fixture.units, buildSuzhou97());
  });

  test('zone counts 36 / 29 / 14 / 18, ECC > 1 for 65, ESC > 1 for 50, with the paper’s percentages', () => {
    const r = computeBalance(fixture.units);
    assert.equal(r.units.length, 97);
    assert.deepEqual(r.zones, {
      'low-carbon-economic': 36,
      'carbon-source-control': 29,
      'carbon-sink-functional': 14,
      'high-carbon-optimisation': 18,
      unzoned: 0,
    });
    const pct = (n: number) => ((n / 97) * 100).toFixed(2);
    assert.deepEqual(
      [r.zones['low-carbon-economic'], r.zones['carbon-source-control'], r.zones['carbon-sink-functional'], r.zones['high-carbon-optimisation']].map(pct),
      ['37.11', '29.90', '14.43', '18.56'],
    );
    assert.deepEqual(r.indexCounts, { eccAbove: 65, eccBelow: 32, escAbove: 50, escBelow: 47 });
    assert.equal(pct(r.indexCounts.eccAbove), '67.01');
    assert.equal(pct(r.indexCounts.escAbove), '51.55');
    assert.deepEqual(r.issues, []);
    assertAllFinite(r);
  });

  test('city totals and three units checked by hand', () => {
    const r = computeBalance(fixture.units);
    // Sizes m_i = 1 + (i mod 7). Σ m over i = 1..97: 13 full cycles (1..91) give 13·21 = 273,
    // i = 92..97 give 1+…+6 = 21, plus 97 ones → 391. So C = 391 · 100 000 = 39 100 000 t.
    // High-GDP units 1..65: Σ(i mod 7) = 9·21 (1..63) + 1 + 2 (64, 65) = 192, +65 → Σm = 257;
    // low: 391 − 257 = 134. G = 3000·257 + 1000·134 = 771 000 + 134 000 = 905 000.
    // High-sink units 1..36 and 66..79: (5·21 + 1) + 36 = 142 and 2·21 + 14 = 56 → 198; low 193.
    // CA = 1600·198 + 500·193 = 316 800 + 96 500 = 413 300 t. City CCR = 413 300 / 39 100 000.
    assert.equal(r.city.emissionT, 39_100_000);
    assert.equal(r.city.gdp, 905_000);
    assert.equal(r.city.sinkT, 413_300);
    near(r.city.ccr, 413_300 / 39_100_000, 'city ccr'); // 1.057 %, close to Suzhou's 1.05 %
    assert.equal(r.city.unitsWithGdp, 97);

    const byId = new Map(r.units.map((u) => [u.id, u]));
    // U001: m = 2 → C = 200 000, CA = 3 200, G = 6 000.
    //   CCR = 3200/200000 = 0.016; ECC = (6000/905000)/(200000/39100000) = 3000·391/905000
    //   = 1 173 000/905 000 = 1.2961325966850829…; ESC = (3200/413300)/(200000/39100000)
    //   = 1600·391/413300 = 625 600/413 300 = 1.5136704572949431… → both > 1: low-carbon-economic.
    const u1 = byId.get('U001')!;
    near(u1.ccr, 0.016, 'U001 ccr');
    near(u1.ecc, 1_173_000 / 905_000, 'U001 ecc');
    near(u1.esc, 625_600 / 413_300, 'U001 esc');
    assert.equal(u1.zone, 'low-carbon-economic');
    // U040: 40 mod 7 = 5 → m = 6: C = 600 000, CA = 3 000, G = 18 000.
    //   CCR = 0.005; ECC = 3000·391/905000 = 1.29613… (> 1); ESC = 500·391/413300
    //   = 195 500/413 300 = 0.47302… (< 1) → carbon-source-control.
    const u40 = byId.get('U040')!;
    near(u40.ccr, 0.005, 'U040 ccr');
    near(u40.ecc, 1_173_000 / 905_000, 'U040 ecc');
    near(u40.esc, 195_500 / 413_300, 'U040 esc');
    assert.equal(u40.zone, 'carbon-source-control');
    // U070: 70 mod 7 = 0 → m = 1: C = 100 000, CA = 1 600, G = 1 000.
    //   CCR = 0.016; ECC = 1000·391/905000 = 391 000/905 000 = 0.43204… (< 1);
    //   ESC = 625 600/413 300 = 1.51367… (> 1) → carbon-sink-functional.
    const u70 = byId.get('U070')!;
    near(u70.ccr, 0.016, 'U070 ccr');
    near(u70.ecc, 391_000 / 905_000, 'U070 ecc');
    near(u70.esc, 625_600 / 413_300, 'U070 esc');
    assert.equal(u70.zone, 'carbon-sink-functional');
    // U097: m = 7 → ECC 0.43204…, ESC 0.47302… → high-carbon-optimisation.
    assert.equal(byId.get('U097')!.zone, 'high-carbon-optimisation');
  });
});

describe('computeBalance: hand-worked three-unit example', () => {
  // A: C=100, CA=4,  G=30     City: C = 1000, CA = 20, G = 100, CCR = 20/1000 = 0.02.
  // B: C=300, CA=1,  G=50
  // C: C=600, CA=15, G=20
  // A: CCR = 4/100 = 0.04;   ECC = (30/100)/(100/1000) = 0.3/0.1 = 3;     ESC = (4/20)/0.1 = 2      → LCE
  // B: CCR = 1/300;          ECC = (50/100)/(300/1000) = 0.5/0.3 = 5/3;   ESC = (1/20)/0.3 = 1/6    → CSC
  // C: CCR = 15/600 = 0.025; ECC = (20/100)/(600/1000) = 0.2/0.6 = 1/3;   ESC = (15/20)/0.6 = 1.25  → CSF
  const input = [unit('A', 100, 4, 30), unit('B', 300, 1, 50), unit('C', 600, 15, 20)];

  test('all three indices to 1e-12, zones and city totals', () => {
    const r = computeBalance(input);
    const [a, b, c] = r.units;
    near(a.ccr, 0.04, 'A ccr');
    near(a.ecc, 3, 'A ecc');
    near(a.esc, 2, 'A esc');
    near(b.ccr, 1 / 300, 'B ccr');
    near(b.ecc, 5 / 3, 'B ecc');
    near(b.esc, 1 / 6, 'B esc');
    near(c.ccr, 0.025, 'C ccr');
    near(c.ecc, 1 / 3, 'C ecc');
    near(c.esc, 1.25, 'C esc');
    assert.deepEqual(r.units.map((u) => u.zone), ['low-carbon-economic', 'carbon-source-control', 'carbon-sink-functional']);
    assert.deepEqual(r.units.map((u) => u.reason), [null, null, null]);
    assert.deepEqual(r.city, { emissionT: 1000, sinkT: 20, gdp: 100, ccr: 0.02, unitsWithGdp: 3 });
    assert.deepEqual(r.zones, { 'low-carbon-economic': 1, 'carbon-source-control': 1, 'carbon-sink-functional': 1, 'high-carbon-optimisation': 0, unzoned: 0 });
    assert.deepEqual(r.zoning, { threshold: 1, tieRule: 'above', relTolerance: 1e-12 });
  });

  test('a custom threshold: A’s ESC of exactly 2 is a tie at threshold 2', () => {
    // ECC_A = 3 > 2; ESC_A = 2 = threshold → tie rule decides. B, C: ECC 5/3 and 1/3 < 2.
    const above = computeBalance(input, { threshold: 2 });
    assert.equal(above.units[0].zone, 'low-carbon-economic');
    const below = computeBalance(input, { threshold: 2, tieRule: 'below' });
    assert.equal(below.units[0].zone, 'carbon-source-control');
    assert.equal(below.units[2].zone, 'high-carbon-optimisation'); // ECC 1/3, ESC 1.25, both < 2
  });

  test('does not mutate its input', () => {
    const frozen = input.map((u) => Object.freeze({ ...u }));
    Object.freeze(frozen);
    const r = computeBalance(frozen);
    assert.equal(r.units.length, 3);
    assert.notEqual(r.units[0] as unknown, frozen[0] as unknown);
  });
});

describe('computeBalance: limit cases and reasons (METHOD.md §4)', () => {
  test('zero-emission unit: no indices, but its sink and GDP stay in the city totals', () => {
    // A: C=100, CA=10, G=10; Z: C=0, CA=30, G=30 → C = 100, CA = 40, G = 40.
    // A: ECC = (10/40)/(100/100) = 0.25, ESC = (10/40)/1 = 0.25 → high-carbon-optimisation.
    const r = computeBalance([unit('A', 100, 10, 10), unit('Z', 0, 30, 30)]);
    const [a, z] = r.units;
    near(a.ecc, 0.25, 'A ecc');
    near(a.esc, 0.25, 'A esc');
    assert.equal(a.zone, 'high-carbon-optimisation');
    assert.deepEqual([z.ccr, z.ecc, z.esc, z.zone, z.reason, z.reasons], [null, null, null, null, 'zero-emissions', ['zero-emissions']]);
    assert.deepEqual([r.city.emissionT, r.city.sinkT, r.city.gdp], [100, 40, 40]);
    assert.ok(codes(r).includes('balance-zero-emissions'));
    assert.equal(r.zones.unzoned, 1);
  });

  test('missing GDP: CCR and ESC, no ECC, no zone; G sums the units that have GDP', () => {
    // A: C=100, CA=10, G=60; B: C=100, CA=30, G=null → C = 200, CA = 40, G = 60 (A only).
    // A: ECC = (60/60)/(100/200) = 2, ESC = (10/40)/0.5 = 0.5 → carbon-source-control.
    // B: CCR = 30/100 = 0.3, ESC = (30/40)/0.5 = 1.5, ECC null.
    const r = computeBalance([unit('A', 100, 10, 60), unit('B', 100, 30, null)]);
    const [a, b] = r.units;
    near(a.ecc, 2, 'A ecc');
    near(a.esc, 0.5, 'A esc');
    assert.equal(a.zone, 'carbon-source-control');
    near(b.ccr, 0.3, 'B ccr');
    near(b.esc, 1.5, 'B esc');
    assert.deepEqual([b.ecc, b.zone, b.reason], [null, null, 'missing-gdp']);
    assert.equal(r.city.gdp, 60);
    assert.equal(r.city.unitsWithGdp, 1);
    assert.deepEqual(r.indexCounts, { eccAbove: 1, eccBelow: 0, escAbove: 1, escBelow: 1 });
    const issue = r.issues.find((i) => i.code === 'balance-missing-gdp');
    assert.equal(issue?.featureId, 'B');
  });

  test('no unit has GDP: every unit unzoned with missing-gdp', () => {
    const r = computeBalance([unit('A', 100, 10, null), unit('B', 50, 0, null)]);
    assert.deepEqual(r.units.map((u) => [u.ecc, u.zone, u.reason]), [[null, null, 'missing-gdp'], [null, null, 'missing-gdp']]);
    assert.equal(r.city.gdp, null);
    assert.ok(codes(r).includes('balance-city-gdp-missing'));
    assert.equal(r.zones.unzoned, 2);
  });

  test('city GDP 0: no ECC and no zones, ESC still given', () => {
    // C = 200, CA = 20: ESC_A = (5/20)/(100/200) = 0.5, ESC_B = (15/20)/0.5 = 1.5.
    const r = computeBalance([unit('A', 100, 5, 0), unit('B', 100, 15, 0)]);
    assert.deepEqual(r.units.map((u) => [u.ecc, u.zone, u.reason]), [[null, null, 'city-gdp-zero'], [null, null, 'city-gdp-zero']]);
    near(r.units[0].esc, 0.5, 'A esc');
    near(r.units[1].esc, 1.5, 'B esc');
    assert.equal(r.city.gdp, 0);
    assert.ok(codes(r).includes('balance-city-gdp-zero'));
    assert.equal(r.zones.unzoned, 2);
  });

  test('city sink 0: no ESC and no zones, CCR 0 and ECC still given', () => {
    // C = 400, G = 100: ECC_A = (75/100)/(100/400) = 3, ECC_B = (25/100)/(300/400) = 1/3.
    const r = computeBalance([unit('A', 100, 0, 75), unit('B', 300, 0, 25)]);
    assert.deepEqual(r.units.map((u) => [u.ccr, u.esc, u.zone, u.reason]), [[0, null, null, 'city-sink-zero'], [0, null, null, 'city-sink-zero']]);
    near(r.units[0].ecc, 3, 'A ecc');
    near(r.units[1].ecc, 1 / 3, 'B ecc');
    assert.equal(r.city.ccr, 0);
    assert.ok(codes(r).includes('balance-city-sink-zero'));
  });

  test('several reasons at once are all listed, the first is `reason`', () => {
    // B has no GDP and the city has no sinks.
    const r = computeBalance([unit('A', 100, 0, 10), unit('B', 100, 0, null)]);
    assert.deepEqual(r.units[1].reasons, ['missing-gdp', 'city-sink-zero']);
    assert.equal(r.units[1].reason, 'missing-gdp');
  });

  test('all emissions zero: nothing is zoned and the city CCR is null', () => {
    const r = computeBalance([unit('A', 0, 5, 1), unit('B', 0, 0, 1)]);
    assert.equal(r.city.ccr, null);
    assert.equal(r.zones.unzoned, 2);
    assert.ok(codes(r).includes('balance-city-emission-zero'));
    assertAllFinite(r);
  });

  test('invalid inputs become issues and nulls, and stay out of the totals', () => {
    const r = computeBalance([
      unit('ok', 100, 10, 10),
      unit('nanC', NaN, 1, 1),
      unit('negS', 100, -5, 1),
      unit('infG', 100, 10, Infinity),
      unit('negG', 100, 10, -3),
      unit('hugeC', 1e300, 1, 1),
    ]);
    // Totals: ok, infG, negG → C = 300, CA = 30; G from ok only = 10.
    assert.deepEqual([r.city.emissionT, r.city.sinkT, r.city.gdp], [300, 30, 10]);
    const by = new Map(r.units.map((u) => [u.id, u]));
    assert.deepEqual([by.get('nanC')!.emissionT, by.get('nanC')!.reason, by.get('nanC')!.ccr], [null, 'invalid-input', null]);
    assert.equal(by.get('negS')!.reason, 'invalid-input');
    assert.equal(by.get('hugeC')!.reason, 'invalid-input');
    assert.deepEqual([by.get('infG')!.gdp, by.get('infG')!.ecc, by.get('infG')!.reason], [null, null, 'invalid-gdp']);
    near(by.get('infG')!.esc, 1, 'infG esc'); // (10/30)/(100/300) = 1
    assert.equal(by.get('negG')!.reason, 'invalid-gdp');
    const c = codes(r);
    for (const code of ['balance-invalid-emission', 'balance-invalid-sink', 'balance-invalid-gdp']) assert.ok(c.includes(code), code);
    assert.equal(c.filter((x) => x === 'balance-invalid-gdp').length, 2);
    assertAllFinite(r);
  });

  test('empty input and duplicate ids are reported', () => {
    const empty = computeBalance([]);
    assert.deepEqual(codes(empty), ['balance-no-units']);
    assert.deepEqual(empty.zones, { 'low-carbon-economic': 0, 'carbon-source-control': 0, 'carbon-sink-functional': 0, 'high-carbon-optimisation': 0, unzoned: 0 });
    assertAllFinite(empty);
    const dup = computeBalance([unit('A', 1, 1, 1), unit('A', 2, 1, 1)]);
    assert.ok(codes(dup).includes('balance-duplicate-unit-id'));
    assert.equal(dup.units.length, 2);
  });

  test('a tiny emission share that overflows an index is left empty, never Infinity', () => {
    // C_1 = 5e-324 (the smallest double) next to C_2 = 1e10: C_1/C underflows to 0.
    const r = computeBalance([unit('tiny', 5e-324, 1, 1), unit('big', 1e10, 1, 1)]);
    const t = r.units[0];
    assert.equal(t.ecc, null);
    assert.equal(t.esc, null);
    assert.ok(t.reasons.includes('index-not-finite'));
    assert.ok(codes(r).includes('balance-index-not-finite'));
    assertAllFinite(r);
  });

  test('caller bugs throw EngineError', () => {
    for (const opts of [{ threshold: 0 }, { threshold: -1 }, { threshold: NaN }, { tieRule: 'up' }]) {
      assert.throws(() => computeBalance([], opts as never), (e: unknown) => e instanceof EngineError && e.code === 'invalid-argument');
    }
    assert.throws(() => computeBalance(null as never), EngineError);
  });
});

describe('computeBalance: values exactly on the threshold', () => {
  test('equal shares give indices of exactly 1: the tie rule decides', () => {
    // Two identical units: every share is 1/2, so ECC = ESC = (1/2)/(1/2) = 1.
    const input = [unit('A', 50, 5, 7), unit('B', 50, 5, 7)];
    const above = computeBalance(input);
    assert.deepEqual(above.units.map((u) => [u.ecc, u.esc, u.zone]), [[1, 1, 'low-carbon-economic'], [1, 1, 'low-carbon-economic']]);
    assert.deepEqual(above.indexCounts, { eccAbove: 2, eccBelow: 0, escAbove: 2, escBelow: 0 });
    const below = computeBalance(input, { tieRule: 'below' });
    assert.deepEqual(below.units.map((u) => u.zone), ['high-carbon-optimisation', 'high-carbon-optimisation']);
    // A single unit is the whole city: ECC = ESC = 1.
    assert.equal(computeBalance([unit('only', 10, 1, 5)]).units[0].zone, 'low-carbon-economic');
  });

  test('an index that is 1 in real arithmetic but rounds below 1 is still a tie', () => {
    // C = 1, 2, 3 and G = CA = 0.1, 0.2, 0.3: each unit's GDP and sink shares equal its emission
    // share (1/6, 2/6, 3/6), so every ECC and ESC is exactly 1 in real arithmetic. In doubles
    // 0.1 + 0.2 + 0.3 = 0.6000000000000001, and for the third unit (0.3/G)/(3/6) rounds below 1:
    const G = 0.1 + 0.2 + 0.3;
    assert.ok((0.3 / G) / (3 / 6) < 1, 'this case only tests something if the rounding happens');
    const input = [unit('A', 1, 0.1, 0.1), unit('B', 2, 0.2, 0.2), unit('C', 3, 0.3, 0.3)];
    const above = computeBalance(input);
    for (const u of above.units) {
      near(u.ecc, 1, `${u.id} ecc`);
      near(u.esc, 1, `${u.id} esc`);
    }
    assert.deepEqual(above.units.map((u) => u.zone), ['low-carbon-economic', 'low-carbon-economic', 'low-carbon-economic']);
    const below = computeBalance(input, { tieRule: 'below' });
    assert.deepEqual(below.units.map((u) => u.zone), ['high-carbon-optimisation', 'high-carbon-optimisation', 'high-carbon-optimisation']);
  });

  test('a real difference larger than the tolerance is never a tie', () => {
    // ECC_A = ((1 + 2e-9)/2)/(1/2) = 1 + 2e-9 > 1 + 1e-12; ECC_B = 1 − 2e-9. ESC = 1 (tie).
    assert.equal(THRESHOLD_REL_TOLERANCE, 1e-12);
    const r = computeBalance([unit('A', 1, 1, 1 + 2e-9), unit('B', 1, 1, 1 - 2e-9)], { tieRule: 'below' });
    assert.deepEqual(r.units.map((u) => u.zone), ['carbon-source-control', 'high-carbon-optimisation']);
  });
});
