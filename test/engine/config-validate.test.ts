/**
 * validateConfig: the fixture loop (test/fixtures/config/<case>.input.json → <case>.issues.json)
 * plus garbage-in checks that JSON cannot express (NaN, cycles, throwing getters).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateConfig } from '../../src/engine/config/index.js';
import { CONFIG_MESSAGES } from '../../src/engine/messages/config.js';

const dir = fileURLToPath(new URL('../fixtures/config/', import.meta.url));
const cases = readdirSync(dir).filter((f) => f.endsWith('.input.json')).map((f) => f.slice(0, -'.input.json'.length)).sort();

const key = (i: { code: string; path?: string }) => `${i.code} @ ${i.path}`;

describe('validateConfig fixtures', () => {
  for (const name of cases) {
    test(name, () => {
      const input: unknown = JSON.parse(readFileSync(`${dir}${name}.input.json`, 'utf8'));
      const expected = (JSON.parse(readFileSync(`${dir}${name}.issues.json`, 'utf8')) as { code: string; path: string }[]).map(key).sort();
      const issues = validateConfig(input);
      assert.deepEqual(issues.map(key).sort(), expected);
      for (const issue of issues) {
        assert.equal(typeof issue.message, 'string');
        assert.ok(issue.message.length > 0);
        assert.equal(issue.severity, CONFIG_MESSAGES[issue.code].severity);
        // JSON-safe: no NaN/Infinity, no cycles.
        assert.doesNotThrow(() => JSON.stringify(issue));
        for (const v of [issue.expected, issue.actual]) if (typeof v === 'number') assert.ok(Number.isFinite(v));
      }
    });
  }

  test('every config code is triggered by some fixture (or by a unit test below)', () => {
    const covered = new Set<string>(['config-unreadable']); // a throwing getter, see below
    for (const name of cases) {
      for (const i of JSON.parse(readFileSync(`${dir}${name}.issues.json`, 'utf8')) as { code: string }[]) covered.add(i.code);
    }
    const missing = Object.keys(CONFIG_MESSAGES).filter((c) => !covered.has(c));
    assert.deepEqual(missing, []);
  });
});

const minimal = () => ({
  name: 'Test city',
  layers: { parcels: { path: 'p.geojson', codeField: 'DLBM' }, units: { path: 'u.geojson' } },
  landUse: { preset: 'gbt21010' },
  inventory: { mode: 'totals', totals: [{ sector: 'industry', value: 1 }] },
});

describe('validateConfig never throws', () => {
  const garbage: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'config.json'],
    ['a number', 42],
    ['NaN', NaN],
    ['an array', [minimal()]],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a bigint', 10n],
  ];
  for (const [label, value] of garbage) {
    test(`${label} → one config-not-object`, () => {
      const issues = validateConfig(value);
      assert.deepEqual(issues.map((i) => [i.code, i.path]), [['config-not-object', '$']]);
      assert.doesNotThrow(() => JSON.stringify(issues));
    });
  }

  test('empty object reports the four required top-level fields', () => {
    const issues = validateConfig({});
    assert.deepEqual(issues.map((i) => i.path).sort(), ['$.inventory', '$.landUse', '$.layers', '$.name']);
    assert.ok(issues.every((i) => i.code === 'config-missing-field'));
  });

  test('NaN and ±Infinity given as JS numbers are config-not-finite, reported as strings', () => {
    const c = minimal() as Record<string, unknown>;
    c.gridCellSizeM = NaN;
    c.zoning = { threshold: Infinity };
    (c.inventory as { totals: { value: number }[] }).totals[0].value = -Infinity;
    const issues = validateConfig(c);
    assert.deepEqual(issues.map((i) => [i.code, i.path, i.actual]).sort(), [
      ['config-not-finite', '$.gridCellSizeM', 'NaN'],
      ['config-not-finite', '$.inventory.totals[0].value', '-Infinity'],
      ['config-not-finite', '$.zoning.threshold', 'Infinity'],
    ]);
  });

  test('huge but finite numbers are range-checked', () => {
    const c = { ...minimal(), gridCellSizeM: 1e308, year: Number.MAX_SAFE_INTEGER + 2 };
    const issues = validateConfig(c);
    assert.deepEqual(issues.map((i) => [i.code, i.path]).sort(), [
      ['config-out-of-range', '$.gridCellSizeM'],
      ['config-out-of-range', '$.year'],
    ]);
    assert.equal(issues.find((i) => i.path === '$.gridCellSizeM')?.expected, '> 0 and ≤ 100000');
  });

  test('cyclic objects: no hang, no throw, JSON-safe issues', () => {
    const c = minimal() as Record<string, unknown>;
    c.self = c; // unknown field pointing at itself
    const activity: Record<string, unknown> = {};
    activity.loop = activity;
    c.inventory = { mode: 'activity', activity };
    const layers = c.layers as Record<string, unknown>;
    layers.units = layers; // a cycle where an object is expected
    const issues = validateConfig(c);
    assert.doesNotThrow(() => JSON.stringify(issues));
    assert.ok(issues.some((i) => i.code === 'config-unknown-field' && i.path === '$.self'));
    assert.ok(issues.some((i) => i.code === 'config-layer-source-missing' && i.path === '$.layers.units'));
  });

  test('a throwing getter becomes config-unreadable', () => {
    const c = minimal() as Record<string, unknown>;
    Object.defineProperty(c, 'zoning', { enumerable: true, get() { throw new Error('boom'); } });
    const issues = validateConfig(c);
    assert.ok(issues.some((i) => i.code === 'config-unreadable' && i.severity === 'error'));
  });

  test('inputs are not mutated', () => {
    const c = minimal();
    const before = JSON.stringify(c);
    validateConfig({ ...c, gridCellSizeM: -1 });
    assert.equal(JSON.stringify(c), before);
  });
});

describe('issue contents', () => {
  test('unknown field suggests the closest key (gridCellSize → gridCellSizeM, edit distance 1)', () => {
    const issues = validateConfig({ ...minimal(), gridCellSize: 500 });
    assert.equal(issues.length, 1);
    assert.equal(issues[0].severity, 'warning');
    assert.equal(issues[0].expected, 'gridCellSizeM');
    assert.match(issues[0].message, /did you mean "gridCellSizeM"/);
  });

  test('case-only typo is suggested (codefield → codeField)', () => {
    const c = minimal();
    (c.layers.parcels as Record<string, unknown>).codefield = 'X';
    const issue = validateConfig(c).find((i) => i.code === 'config-unknown-field');
    assert.equal(issue?.expected, 'codeField');
  });

  test('far-off key gets no suggestion', () => {
    const issue = validateConfig({ ...minimal(), colourRamp: 'viridis' })[0];
    assert.equal(issue.code, 'config-unknown-field');
    assert.equal(issue.expected, undefined);
  });

  test('unknown enum suggests the closest value (Jenks → jenks)', () => {
    const issue = validateConfig({ ...minimal(), classification: { method: 'Jenks' } })[0];
    assert.equal(issue.code, 'config-unknown-enum');
    assert.deepEqual(issue.expected, ['jenks', 'quantile', 'equal', 'manual']);
    assert.equal(issue.actual, 'Jenks');
    assert.match(issue.message, /did you mean "jenks"/);
  });

  test('wrong type names what was expected and got', () => {
    const issue = validateConfig({ ...minimal(), gridCellSizeM: '1000' })[0];
    assert.deepEqual([issue.code, issue.expected, issue.actual], ['config-wrong-type', 'a number', '1000']);
  });

  test('all issues come at once', () => {
    const issues = validateConfig({ name: 3, layers: [], landUse: {}, inventory: { mode: 'totals', totals: [] }, gridCellSizeM: -1 });
    assert.deepEqual(issues.map((i) => i.code).sort(), [
      'config-land-use-empty',
      'config-out-of-range',
      'config-totals-empty',
      'config-wrong-type',
      'config-wrong-type',
    ]);
  });

  test('sinks may be given with either sign', () => {
    const c = minimal();
    c.inventory.totals = [{ sector: 'sinks', value: -251.86 }, { sector: 'sinks', value: 251.86 }];
    assert.deepEqual(validateConfig(c), []);
  });
});
