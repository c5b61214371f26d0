/**
 * The schema table's generated artefacts: the committed `schema/city-config.schema.json` and
 * `docs/config.md` must equal what `scripts/build-schema.ts` generates now.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildConfigDocsText, buildJsonSchemaText, GENERATED_FILES } from '../../scripts/build-schema.js';
import { CONFIG_SCHEMA, configToJsonSchema, listSettings } from '../../src/engine/config/index.js';

const root = new URL('../../', import.meta.url);
const HINT = 'generated file is stale: run `node --import tsx scripts/build-schema.ts` and commit the result';

describe('generated config artefacts are up to date', () => {
  test(GENERATED_FILES.jsonSchema, () => {
    const committed = readFileSync(new URL(GENERATED_FILES.jsonSchema, root), 'utf8');
    assert.ok(committed === buildJsonSchemaText(), HINT);
  });
  test(GENERATED_FILES.docs, () => {
    const committed = readFileSync(new URL(GENERATED_FILES.docs, root), 'utf8');
    assert.ok(committed === buildConfigDocsText(), HINT);
  });
});

type J = Record<string, any>;

describe('configToJsonSchema', () => {
  const s = configToJsonSchema() as J;

  test('is draft 2020-12 and closed at the top', () => {
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(s.type, 'object');
    assert.equal(s.additionalProperties, false);
    assert.deepEqual(s.required, ['name', 'layers', 'landUse', 'inventory']);
  });

  test('numbers carry ranges, defaults and units', () => {
    const g = s.properties.gridCellSizeM;
    assert.deepEqual([g.type, g.exclusiveMinimum, g.maximum, g.default], ['number', 0, 100000, 1000]);
    assert.match(g.description, /Unit: m\./);
    const c = s.properties.classification.properties.classes;
    assert.deepEqual([c.type, c.minimum, c.maximum, c.default], ['integer', 2, 12, 5]);
  });

  test('discriminated unions become oneOf with const discriminants', () => {
    const inv = s.properties.inventory;
    assert.deepEqual(inv.oneOf.map((v: J) => v.properties.mode.const), ['totals', 'activity']);
    assert.equal(inv.oneOf[1].properties.activity.additionalProperties, undefined); // open object
    const eco = s.properties.economy;
    assert.deepEqual(eco.oneOf.map((v: J) => v.properties.source.const), ['table', 'proxy']);
    const units = s.properties.layers.properties.units;
    assert.equal(units.oneOf.length, 2);
    assert.equal(units.oneOf[0].properties.generate.const, 'grid');
    assert.deepEqual(units.oneOf[1].anyOf, [{ required: ['path'] }, { required: ['url'] }, { required: ['service'] }]);
  });

  test('conditional requirements become if/then and anyOf', () => {
    const pop = s.properties.layers.properties.population;
    assert.deepEqual(pop.allOf[0], { if: { properties: { weightBy: { enum: ['field'] } }, required: ['weightBy'] }, then: { required: ['weightField'] } });
    const poi = s.properties.layers.properties.pois.items;
    assert.deepEqual(poi.allOf[1].anyOf, [{ required: ['preset'] }, { required: ['categoryField', 'mapping'] }, { required: ['category'] }]);
  });

  test('sink-rate keys are restricted to space types; overrides allow null', () => {
    assert.equal(s.properties.sinkRates.propertyNames.enum.length, 19);
    const o = s.properties.landUse.properties.overrides.additionalProperties;
    assert.deepEqual(o.anyOf[1], { type: 'null' });
  });
});

describe('listSettings', () => {
  test('lists every top-level setting of CityConfig and nested paths', () => {
    const paths = listSettings().map((r) => r.path);
    for (const k of Object.keys(CONFIG_SCHEMA.properties)) assert.ok(paths.includes(k), k);
    for (const p of ['layers.parcels.codeField', 'layers.pois[].category', 'inventory.totals[].value', 'landUse.overrides.<land-use code>', 'allocation.beta']) {
      assert.ok(paths.includes(p), p);
    }
    const row = listSettings().find((r) => r.path === 'inventory.totals' && r.when === 'mode = "totals"');
    assert.equal(row?.required, true);
  });
});
