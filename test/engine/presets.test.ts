/**
 * Land-use and POI presets: code normalisation, the preset tables' key rows, fallbacks,
 * overrides, AMap code lists and OSM hstore tags. Expected values come from the classifications
 * themselves (GB/T 21010-2017, the Third Survey working classes, OSM wiki, EULUC-China, AMap's
 * POI type table) and the decisions in docs/presets.md, not from the code's output.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { LandUseConfig } from '../../src/engine/config/types.js';
import { SPACE_TYPES } from '../../src/engine/types.js';
import {
  createLandUseMapper,
  createPoiClassifier,
  EULUC_CODES,
  GBT21010_CODES,
  LAND_USE_PRESETS,
  normaliseLandUseCode,
  parseOsmOtherTags,
  POI_PRESETS,
  summariseLandUse,
  THIRD_SURVEY_CODES,
} from '../../src/engine/presets/index.js';

describe('normaliseLandUseCode', () => {
  test('trims ASCII, NBSP and ideographic spaces', () => {
    assert.equal(normaliseLandUseCode('  0101  ', 'gbt21010'), '0101');
    assert.equal(normaliseLandUseCode('\u00A00101\u00A0', 'gbt21010'), '0101');
    assert.equal(normaliseLandUseCode('\u30000101\u3000', 'gbt21010'), '0101');
    assert.equal(normaliseLandUseCode('\uFEFF0101\u200B', 'gbt21010'), '0101');
    assert.equal(normaliseLandUseCode('01 01', 'gbt21010'), '0101');
  });

  test('folds full-width digits and letters to ASCII, upper-cases GB codes', () => {
    assert.equal(normaliseLandUseCode('０１０１', 'gbt21010'), '0101');
    assert.equal(normaliseLandUseCode('０８Ｈ２Ａ', 'third-survey'), '08H2A');
    assert.equal(normaliseLandUseCode('08h2a', 'third-survey'), '08H2A');
    assert.equal(normaliseLandUseCode('0301k', 'third-survey'), '0301K');
  });

  test('restores a lost leading zero (strings and JSON numbers)', () => {
    assert.equal(normaliseLandUseCode('101', 'gbt21010'), '0101');
    assert.equal(normaliseLandUseCode(101, 'gbt21010'), '0101');
    assert.equal(normaliseLandUseCode('1', 'gbt21010'), '01');
    assert.equal(normaliseLandUseCode(1, 'gbt21010'), '01');
    assert.equal(normaliseLandUseCode(810, 'gbt21010'), '0810');
    assert.equal(normaliseLandUseCode('8H1', 'third-survey'), '08H1');
    assert.equal(normaliseLandUseCode(101.0, 'euluc'), '0101');
    assert.equal(normaliseLandUseCode('101.0', 'gbt21010'), '0101');
    // Codes that never had a leading zero stay as they are.
    assert.equal(normaliseLandUseCode(10, 'gbt21010'), '10');
    assert.equal(normaliseLandUseCode(1001, 'gbt21010'), '1001');
    assert.equal(normaliseLandUseCode(1207, 'gbt21010'), '1207');
    // Unknown odd-length numbers are padded too, so that the parent fallback can work: 199 → 0199 → 01.
    assert.equal(normaliseLandUseCode('199', 'gbt21010'), '0199');
  });

  test('an exact key wins over a padded one: 201 is "city" in the Third Survey, orchard 0201 in GB/T 21010', () => {
    assert.equal(normaliseLandUseCode('201', 'third-survey'), '201');
    assert.equal(normaliseLandUseCode('201', 'gbt21010'), '0201');
    assert.equal(normaliseLandUseCode('201a', 'third-survey'), '201A');
  });

  test('keeps the code of "code + Chinese name" values', () => {
    assert.equal(normaliseLandUseCode('0101水田', 'gbt21010'), '0101');
    assert.equal(normaliseLandUseCode('0810 公园与绿地', 'gbt21010'), '0810');
    assert.equal(normaliseLandUseCode('05H1商业服务业设施用地', 'third-survey'), '05H1');
  });

  test('lower-cases OSM values and tidies key=value', () => {
    assert.equal(normaliseLandUseCode(' Forest ', 'osm'), 'forest');
    assert.equal(normaliseLandUseCode('Natural = Wood', 'osm'), 'natural=wood');
    assert.equal(normaliseLandUseCode('recreation ground', 'osm'), 'recreation_ground');
    assert.equal(normaliseLandUseCode('ｆｏｒｅｓｔ', 'osm'), 'forest');
    assert.equal(normaliseLandUseCode('"landuse"=>"meadow"', 'osm'), 'landuse=meadow');
  });

  test('integer classes drop leading zeros and .0', () => {
    assert.equal(normaliseLandUseCode('03', 'euluc-class'), '3');
    assert.equal(normaliseLandUseCode(3, 'euluc-class'), '3');
    assert.equal(normaliseLandUseCode('10.0', 'euluc-class'), '10');
    assert.equal(normaliseLandUseCode(0, 'euluc-class'), '0');
    assert.equal(normaliseLandUseCode('00', 'euluc-class'), '0');
  });

  test('without a preset only cleans spaces and width', () => {
    assert.equal(normaliseLandUseCode('  Ｘ　y '), 'X y');
    assert.equal(normaliseLandUseCode(101), '101');
  });

  test('returns null for empty or non-code values', () => {
    for (const raw of ['', '   ', '\u3000', '\u00A0', null, undefined, Number.NaN, Infinity, true, {}, []]) {
      assert.equal(normaliseLandUseCode(raw, 'gbt21010'), null, `raw ${String(raw)}`);
      assert.equal(normaliseLandUseCode(raw, 'osm'), null, `raw ${String(raw)}`);
    }
  });
});

describe('land-use preset tables', () => {
  test('every row maps to a known space type or to null', () => {
    for (const preset of Object.values(LAND_USE_PRESETS)) {
      for (const [code, row] of Object.entries(preset.codes)) {
        assert.ok(row.spaceType === null || SPACE_TYPES.includes(row.spaceType), `${preset.id} ${code}`);
        // Keys are already normal: normalising a key gives the key back.
        assert.equal(normaliseLandUseCode(code, preset.id), code, `${preset.id} key ${code}`);
      }
    }
  });

  test('GB/T 21010-2017 has its 12 first-level and 73 second-level classes', () => {
    // Second-level counts per first-level class, from the standard's table:
    // 01:3 02:4 03:7 04:4 05:7 06:4 07:2 08:10 09:6 10:9 11:10 12:7 = 73.
    const codes = Object.keys(GBT21010_CODES);
    assert.equal(codes.filter((c) => c.length === 2).length, 12);
    assert.equal(codes.filter((c) => c.length === 4).length, 73);
    const perClass: Record<string, number> = {};
    for (const c of codes.filter((k) => k.length === 4)) perClass[c.slice(0, 2)] = (perClass[c.slice(0, 2)] ?? 0) + 1;
    assert.deepEqual(perClass, { '01': 3, '02': 4, '03': 7, '04': 4, '05': 7, '06': 4, '07': 2, '08': 10, '09': 6, '10': 9, '11': 10, '12': 7 });
  });

  const cases: Array<[keyof typeof LAND_USE_PRESETS, unknown, string | null]> = [
    ['gbt21010', '0101', 'cultivated'],
    ['gbt21010', '0201', 'cultivated'],
    ['gbt21010', '0301', 'forest'],
    ['gbt21010', '0305', 'forest'],
    ['gbt21010', '0401', 'grassland'],
    ['gbt21010', '0501', 'commercial'],
    ['gbt21010', '0505', 'commercial'],
    ['gbt21010', '0601', 'industrial'],
    ['gbt21010', '0602', 'mining'],
    ['gbt21010', '0603', 'mining'],
    ['gbt21010', '0604', 'industrial'],
    ['gbt21010', '0701', 'urban-residential'],
    ['gbt21010', '0702', 'rural-homestead'],
    ['gbt21010', '0801', 'public-service'],
    ['gbt21010', '0803', 'public-service'],
    ['gbt21010', '0809', 'utilities'],
    ['gbt21010', '0810', 'green-space'],
    ['gbt21010', '0901', 'other'],
    ['gbt21010', '0905', 'other'],
    ['gbt21010', '1001', 'transport-rail'],
    ['gbt21010', '1002', 'transport-rail'],
    ['gbt21010', '1003', 'transport-road'],
    ['gbt21010', '1004', 'transport-road'],
    ['gbt21010', '1005', 'transport-road'],
    ['gbt21010', '1006', 'transport-road'],
    ['gbt21010', '1007', 'transport-air'],
    ['gbt21010', '1008', 'transport-water'],
    ['gbt21010', '1009', 'other'],
    ['gbt21010', '1101', 'water'],
    ['gbt21010', '1102', 'water'],
    ['gbt21010', '1103', 'water'],
    ['gbt21010', '1104', 'water'],
    ['gbt21010', '1107', 'water'],
    ['gbt21010', '1109', 'other'],
    ['gbt21010', '1110', 'unused'],
    ['gbt21010', '1201', 'other'],
    ['gbt21010', '1202', 'agri-facility'],
    ['gbt21010', '1203', 'cultivated'],
    ['gbt21010', '1204', 'unused'],
    ['gbt21010', '1205', 'unused'],
    ['gbt21010', '1206', 'unused'],
    ['gbt21010', '1207', 'unused'],
    ['gbt21010', '07', 'urban-residential'],
    ['gbt21010', '10', 'transport-road'],
    ['gbt21010', 101, 'cultivated'],
    ['third-survey', '0303', 'forest'],
    ['third-survey', '0304', 'forest'],
    ['third-survey', '0306', 'forest'],
    ['third-survey', '0402', 'grassland'],
    ['third-survey', '0603', 'mining'],
    ['third-survey', '05H1', 'commercial'],
    ['third-survey', '0508', 'industrial'],
    ['third-survey', '08H1', 'public-service'],
    ['third-survey', '08H2', 'public-service'],
    ['third-survey', '08H2A', 'public-service'],
    ['third-survey', '0810A', 'other'],
    ['third-survey', '1105', 'water'],
    ['third-survey', '1106', 'water'],
    ['third-survey', '1108', 'water'],
    ['third-survey', '1201', 'other'],
    ['third-survey', '1202', 'agri-facility'],
    ['third-survey', '1203', 'cultivated'],
    ['third-survey', '0201K', 'cultivated'],
    ['third-survey', '1104A', 'water'],
    ['third-survey', '201', 'urban-residential'],
    ['third-survey', '201A', 'industrial'],
    ['third-survey', '202', 'urban-residential'],
    ['third-survey', '203', 'rural-homestead'],
    ['third-survey', '204', 'mining'],
    ['third-survey', '205', 'other'],
    ['third-survey', '09', 'other'],
    ['osm', 'residential', 'urban-residential'],
    ['osm', 'industrial', 'industrial'],
    ['osm', 'commercial', 'commercial'],
    ['osm', 'retail', 'commercial'],
    ['osm', 'farmland', 'cultivated'],
    ['osm', 'farmyard', 'agri-facility'],
    ['osm', 'meadow', 'grassland'],
    ['osm', 'grass', 'green-space'],
    ['osm', 'forest', 'forest'],
    ['osm', 'orchard', 'cultivated'],
    ['osm', 'vineyard', 'cultivated'],
    ['osm', 'allotments', 'cultivated'],
    ['osm', 'quarry', 'mining'],
    ['osm', 'railway', 'transport-rail'],
    ['osm', 'military', 'other'],
    ['osm', 'cemetery', 'other'],
    ['osm', 'recreation_ground', 'green-space'],
    ['osm', 'greenhouse_horticulture', 'agri-facility'],
    ['osm', 'reservoir', 'water'],
    ['osm', 'basin', 'water'],
    ['osm', 'construction', 'other'],
    ['osm', 'brownfield', 'other'],
    ['osm', 'natural=wood', 'forest'],
    ['osm', 'wood', 'forest'],
    ['osm', 'natural=water', 'water'],
    ['osm', 'natural=scrub', 'forest'],
    ['osm', 'natural=heath', 'grassland'],
    ['osm', 'natural=grassland', 'grassland'],
    ['osm', 'natural=wetland', 'water'],
    ['osm', 'natural=bare_rock', 'unused'],
    ['osm', 'amenity=school', 'public-service'],
    ['osm', 'amenity=hospital', 'public-service'],
    ['osm', 'amenity=university', 'public-service'],
    ['osm', 'amenity=parking', 'transport-road'],
    ['osm', 'parking', 'transport-road'],
    ['osm', 'leisure=park', 'green-space'],
    ['osm', 'park', 'green-space'],
    ['osm', 'aeroway=aerodrome', 'transport-air'],
    ['euluc', '01', 'urban-residential'],
    ['euluc', '0101', 'urban-residential'],
    ['euluc', '0201', 'commercial'],
    ['euluc', '0202', 'commercial'],
    ['euluc', '0301', 'industrial'],
    ['euluc', '0401', 'transport-road'],
    ['euluc', '0402', 'transport-road'],
    ['euluc', '0403', 'transport-air'],
    ['euluc', '0501', 'public-service'],
    ['euluc', '0502', 'public-service'],
    ['euluc', '0503', 'public-service'],
    ['euluc', '0504', 'public-service'],
    ['euluc', '0505', 'green-space'],
    ['euluc', 505, 'green-space'],
    ['euluc-class', 0, 'urban-residential'],
    ['euluc-class', 1, 'commercial'],
    ['euluc-class', 2, 'commercial'],
    ['euluc-class', 3, 'industrial'],
    ['euluc-class', 4, 'transport-road'],
    ['euluc-class', 5, 'transport-air'],
    ['euluc-class', 6, 'public-service'],
    ['euluc-class', 7, 'public-service'],
    ['euluc-class', 8, 'public-service'],
    ['euluc-class', 9, 'public-service'],
    ['euluc-class', 10, 'green-space'],
  ];
  for (const [preset, raw, expected] of cases) {
    test(`${preset}: ${JSON.stringify(raw)} → ${expected}`, () => {
      const m = createLandUseMapper({ preset }).map(raw);
      assert.equal(m.spaceType, expected);
      assert.equal(m.matched, true);
      assert.notEqual(m.via, 'parent');
    });
  }

  test('the Third Survey keeps every GB/T 21010 code', () => {
    for (const code of Object.keys(GBT21010_CODES)) assert.ok(code in THIRD_SURVEY_CODES, code);
  });

  test('EULUC level codes and integer classes collide, which is why they are two presets', () => {
    // Class 1 is business office (commercial); read as a level code, 1 → 01 residential.
    assert.equal(createLandUseMapper({ preset: 'euluc-class' }).map(1).spaceType, 'commercial');
    assert.equal(createLandUseMapper({ preset: 'euluc' }).map(1).spaceType, 'urban-residential');
    assert.equal(Object.keys(EULUC_CODES).length, 17); // 5 level-I + 12 level-II codes
  });
});

describe('createLandUseMapper fallbacks', () => {
  const gb = createLandUseMapper({ preset: 'gbt21010' });

  test('an unknown second-level code falls back to its first-level class, matched and flagged', () => {
    assert.deepEqual(gb.map('0399'), { code: '0399', spaceType: 'forest', matched: true, key: '03', source: 'preset', via: 'parent' });
    assert.deepEqual(gb.map(199), { code: '0199', spaceType: 'cultivated', matched: true, key: '01', source: 'preset', via: 'parent' });
  });

  test('a letter suffix falls back to its base code before the parent', () => {
    assert.deepEqual(gb.map('0301K'), { code: '0301K', spaceType: 'forest', matched: true, key: '0301', source: 'preset', via: 'suffix' });
    // GB/T 21010 has no squares class: 0810A goes to parks (0810); the Third Survey maps it itself.
    assert.equal(gb.map('0810A').spaceType, 'green-space');
    assert.equal(createLandUseMapper({ preset: 'third-survey' }).map('0810A').spaceType, 'other');
    // 08H1 is unknown to GB/T 21010, whose class 08 takes it.
    assert.deepEqual(gb.map('08H1'), { code: '08H1', spaceType: 'public-service', matched: true, key: '08', source: 'preset', via: 'parent' });
  });

  test('a code with no parent row is unmatched', () => {
    assert.deepEqual(gb.map('13'), { code: '13', spaceType: null, matched: false, key: null, source: null, via: null });
    assert.deepEqual(gb.map('9999'), { code: '9999', spaceType: null, matched: false, key: null, source: null, via: null });
    assert.equal(createLandUseMapper({ preset: 'osm' }).map('landuse=moon_base').matched, false);
    assert.equal(createLandUseMapper({ preset: 'euluc-class' }).map(11).matched, false);
  });

  test('an empty code is unmatched with code null', () => {
    assert.deepEqual(gb.map('  '), { code: null, spaceType: null, matched: false, key: null, source: null, via: null });
    assert.deepEqual(gb.map(null), { code: null, spaceType: null, matched: false, key: null, source: null, via: null });
  });

  test('a multi-valued OSM tag uses its first value', () => {
    assert.equal(createLandUseMapper({ preset: 'osm' }).map('farmland;meadow').spaceType, 'cultivated');
  });
});

describe('createLandUseMapper overrides', () => {
  test('override keys are normalised like data codes and win over the preset', () => {
    const m = createLandUseMapper({ preset: 'gbt21010', overrides: { '１０９': 'utilities', '101': 'agri-facility' } });
    assert.deepEqual(m.overrides, { '0109': 'utilities', '0101': 'agri-facility' });
    assert.deepEqual(m.map('0101'), { code: '0101', spaceType: 'agri-facility', matched: true, key: '0101', source: 'override', via: 'exact' });
    assert.equal(m.map('0102').spaceType, 'cultivated');
    assert.deepEqual(m.issues, []);
  });

  test('a null override maps a code to nothing on purpose and counts as matched', () => {
    const m = createLandUseMapper({ preset: 'gbt21010', overrides: { '1109': null } });
    assert.deepEqual(m.map('1109'), { code: '1109', spaceType: null, matched: true, key: '1109', source: 'override', via: 'exact' });
  });

  test('a parent override catches unknown codes but not the preset\'s own second-level rows', () => {
    const m = createLandUseMapper({ preset: 'gbt21010', overrides: { '03': 'grassland' } });
    assert.equal(m.map('0301').spaceType, 'forest');
    assert.deepEqual(m.map('0399'), { code: '0399', spaceType: 'grassland', matched: true, key: '03', source: 'override', via: 'parent' });
  });

  test('overrides add local codes, including ones that need a restored zero', () => {
    const m = createLandUseMapper({ preset: 'gbt21010', overrides: { '1301': 'other', '999': 'unused' } });
    assert.equal(m.map('1301').spaceType, 'other');
    assert.equal(m.map(999).spaceType, 'unused');
    assert.equal(m.map('0999').spaceType, 'unused');
  });

  test('OSM: a key=value override also catches the bare value', () => {
    const m = createLandUseMapper({ preset: 'osm', overrides: { 'landuse=cemetery': 'green-space', forest: null } });
    assert.equal(m.map('cemetery').spaceType, 'green-space');
    assert.equal(m.map('landuse=cemetery').spaceType, 'green-space');
    assert.equal(m.map('forest').spaceType, null);
    assert.equal(m.map('forest').matched, true);
    // The preset's own key=value row is more specific than a bare override (docs/presets.md).
    assert.equal(m.map('landuse=forest').spaceType, 'forest');
  });

  test('no preset: the overrides are the whole mapping', () => {
    const m = createLandUseMapper({ overrides: { Wald: 'forest' } });
    assert.equal(m.preset, null);
    assert.equal(m.map(' Wald ').spaceType, 'forest');
    assert.equal(m.map('wald').matched, false);
  });

  test('config problems become issues, never throws', () => {
    const m = createLandUseMapper({ preset: 'corine' as never, overrides: { '0101': 'farmland' as never, '  ': 'forest', '101': 'forest', ' 101\u3000': 'grassland' } });
    assert.deepEqual(m.issues.map((i) => i.code).sort(), ['landuse-override-duplicate', 'landuse-override-invalid', 'landuse-override-key-empty', 'landuse-preset-unknown']);
    assert.equal(m.preset, null);
    // The unknown preset leaves the overrides alone; of the two keys that normalise to '101'
    // (no preset: only spaces are cleaned) the last one wins.
    assert.equal(m.map('101').spaceType, 'grassland');
    assert.equal(m.map('0101').matched, false);
  });

  test('takes the city config section as it is', () => {
    const cfg: LandUseConfig = { preset: 'third-survey', overrides: { '1109': 'utilities' } };
    const before = JSON.stringify(cfg);
    const m = createLandUseMapper(cfg);
    assert.equal(m.map('1109').spaceType, 'utilities');
    assert.equal(JSON.stringify(cfg), before);
  });
});

describe('summariseLandUse', () => {
  test('tallies unmapped codes, fallbacks and missing codes with their area', () => {
    const mapper = createLandUseMapper({ preset: 'gbt21010', overrides: { '1109': null } });
    const s = summariseLandUse([
      { code: '0101', areaM2: 1000 },
      { code: 101, areaM2: 500 },
      { code: '9999', areaM2: 20 },
      { code: ' 9999', areaM2: 30 },
      { code: 'XX', areaM2: 70 },
      { code: '0399', areaM2: 40 },
      { code: '1109', areaM2: 5 },
      { code: '', areaM2: 7 },
      { code: null, areaM2: Number.NaN },
    ], mapper, { field: 'DLBM' });
    // 9999: 2 parcels, 20 + 30 = 50 m²; XX: 1 parcel, 70 m² → XX first (larger area).
    assert.deepEqual(s.unmapped, [{ code: 'XX', parcels: 1, areaM2: 70 }, { code: '9999', parcels: 2, areaM2: 50 }]);
    assert.deepEqual(s.fallbacks, [{ code: '0399', key: '03', via: 'parent', spaceType: 'forest', parcels: 1, areaM2: 40 }]);
    // Empty string and null: 2 parcels, 7 + 0 (NaN counts as 0) m².
    assert.deepEqual(s.missing, { parcels: 2, areaM2: 7 });
    assert.deepEqual(s.bySpaceType, { cultivated: { parcels: 2, areaM2: 1500 }, forest: { parcels: 1, areaM2: 40 }, none: { parcels: 1, areaM2: 5 } });
    assert.deepEqual(s.issues.map((i) => [i.code, i.actual ?? null]), [
      ['landuse-code-unmapped', 'XX'],
      ['landuse-code-unmapped', '9999'],
      ['landuse-code-parent-fallback', '0399'],
      ['landuse-code-missing', null],
    ]);
    assert.ok(s.issues.every((i) => i.layer === 'parcels' && i.field === 'DLBM'));
  });
});

describe('parseOsmOtherTags', () => {
  test('reads GDAL other_tags', () => {
    assert.deepEqual(parseOsmOtherTags('"amenity"=>"parking","name"=>"X"'), { amenity: 'parking', name: 'X' });
  });

  test('keeps commas, arrows and escaped quotes inside values', () => {
    assert.deepEqual(
      parseOsmOtherTags('"name"=>"Say \\"hi\\", please","note"=>"a=>b, c","path"=>"C:\\\\temp"'),
      { name: 'Say "hi", please', note: 'a=>b, c', path: 'C:\\temp' },
    );
  });

  test('tolerates spaces, unquoted tokens, NULL and a broken tail', () => {
    assert.deepEqual(parseOsmOtherTags(' "a" => "1" , b=>2, "c"=>NULL, "d"=>"NULL"'), { a: '1', b: '2', d: 'NULL' });
    assert.deepEqual(parseOsmOtherTags('"a"=>"1","b"=>"unterminated'), { a: '1' });
    assert.deepEqual(parseOsmOtherTags('"a"=>"1","a"=>"2"'), { a: '1' });
  });

  test('anything else gives an empty object', () => {
    assert.deepEqual(parseOsmOtherTags(''), {});
    assert.deepEqual(parseOsmOtherTags(null), {});
    assert.deepEqual(parseOsmOtherTags(42), {});
    assert.deepEqual(parseOsmOtherTags('just text'), {});
  });

  test('a __proto__ key is an ordinary tag', () => {
    const tags = parseOsmOtherTags('"__proto__"=>"x","amenity"=>"bench"');
    assert.equal(Object.getPrototypeOf(tags), Object.prototype);
    assert.equal(Object.keys(tags).length, 2);
    assert.equal(tags.amenity, 'bench');
  });
});

describe('createPoiClassifier: amap', () => {
  const amap = createPoiClassifier({ preset: 'amap' });
  const cases: Array<[unknown, string[]]> = [
    ['050000', ['commercial']], // 餐饮服务 catering
    ['050101', ['commercial']], // a sub-category of catering, by its big category
    ['060101', ['commercial']], // shopping
    ['090100', ['commercial']], // 医疗 hospitals
    ['130105', ['commercial']], // government
    ['141201', ['commercial']], // education
    ['160100', ['commercial']], // banks
    ['170300', ['industry']], // 工厂 factories
    ['170200', ['industry']], // 公司 companies
    ['170401', []], // 农林牧渔基地 farms: not industry
    ['120100', ['industry']], // 产业园区 industrial park
    ['120201', ['commercial']], // office tower
    ['120202', ['industry']], // industrial building
    ['120302', []], // housing estate: population weights, not POIs
    ['110000', []], // 风景名胜 scenic spots
    ['150100', ['transport']], // airport
    ['150200', ['transport']], // train station
    ['150500', ['transport']], // subway
    ['150700', ['transport']], // bus stop
    ['150900', ['transport']], // parking
    ['180300', ['transport']], // service area
    ['180400', []], // other road furniture
    ['010100', ['commercial', 'transport']], // filling station
    ['050000|060000', ['commercial']],
    ['050000|170300', ['industry', 'commercial']],
    ['150700|060101|170300', ['industry', 'commercial', 'transport']],
    [50100, ['commercial']], // a number that lost its leading zero
    ['190000', []],
    ['999999', []],
    ['', []],
    [null, []],
  ];
  for (const [typecode, expected] of cases) {
    test(`typecode ${JSON.stringify(typecode)} → [${expected.join(', ')}]`, () => assert.deepEqual(amap({ typecode }), expected));
  }

  test('finds the type-code field by its usual names, or the layer\'s categoryField', () => {
    assert.deepEqual(amap({ TYPECODE: '170300' }), ['industry']);
    assert.deepEqual(amap({ type_code: '170300' }), ['industry']);
    assert.deepEqual(createPoiClassifier({ preset: 'amap', categoryField: '类型编码' })({ 类型编码: '150700' }), ['transport']);
    assert.deepEqual(amap(null), []);
  });

  test('the layer mapping merges over the preset, most specific row first', () => {
    const c = createPoiClassifier({ preset: 'amap', mapping: { '110000': 'commercial', '05': null, '050300': ['commercial', 'industry'], '170300': [] } });
    assert.deepEqual(c({ typecode: '110202' }), ['commercial']);
    assert.deepEqual(c({ typecode: '050101' }), []);
    assert.deepEqual(c({ typecode: '050301' }), ['industry', 'commercial']);
    assert.deepEqual(c({ typecode: '170300' }), []);
    assert.deepEqual(c({ typecode: '170200' }), ['industry']);
    assert.deepEqual(c.issues, []);
  });

  test('layer category adds to every feature', () => {
    const c = createPoiClassifier({ preset: 'amap', category: 'transport' });
    assert.deepEqual(c({ typecode: '050000' }), ['commercial', 'transport']);
    assert.deepEqual(c({}), ['transport']);
    assert.deepEqual(createPoiClassifier({ category: ['industry', 'transport'] })({ anything: 1 }), ['industry', 'transport']);
  });

  test('config problems become issues', () => {
    const c = createPoiClassifier({ preset: 'baidu' as never, mapping: { x: 'shops' as never, '  ': 'industry' }, category: 'housing' as never });
    assert.deepEqual(c.issues.map((i) => i.code).sort(), ['poi-category-invalid', 'poi-mapping-invalid', 'poi-mapping-key-empty', 'poi-preset-unknown']);
    assert.deepEqual(c({ typecode: '170300' }), []);
  });
});

describe('createPoiClassifier: osm', () => {
  const osm = createPoiClassifier({ preset: 'osm' });
  const cases: Array<[Record<string, unknown>, string[]]> = [
    [{ amenity: 'restaurant' }, ['commercial']],
    [{ shop: 'supermarket' }, ['commercial']],
    [{ shop: 'vacant' }, []],
    [{ shop: 'no' }, []],
    [{ office: 'insurance' }, ['commercial']],
    [{ craft: 'carpenter' }, ['industry']],
    [{ man_made: 'works' }, ['industry']],
    [{ industrial: 'factory' }, ['industry']],
    [{ amenity: 'bench' }, []],
    [{ highway: 'bus_stop' }, ['transport']],
    [{ highway: 'traffic_signals' }, []],
    [{ railway: 'station' }, ['transport']],
    [{ railway: 'halt' }, ['transport']],
    [{ railway: 'tram_stop' }, ['transport']],
    [{ railway: 'subway_entrance' }, ['transport']],
    [{ railway: 'level_crossing' }, []],
    [{ public_transport: 'platform' }, ['transport']],
    [{ amenity: 'bus_station' }, ['transport']],
    [{ amenity: 'parking' }, ['transport']],
    [{ amenity: 'ferry_terminal' }, ['transport']],
    [{ amenity: 'fuel' }, ['commercial', 'transport']],
    [{ aeroway: 'aerodrome' }, ['transport']],
    [{ other_tags: '"amenity"=>"parking","name"=>"X"' }, ['transport']],
    [{ highway: 'bus_stop', other_tags: '"public_transport"=>"platform","shelter"=>"yes"' }, ['transport']],
    [{ other_tags: '"name"=>"Fabrik \\"Nord\\", Halle 2","man_made"=>"works","shop"=>"outpost"' }, ['industry', 'commercial']],
    [{ osm_id: '5', name: 'Shop', other_tags: '"tourism"=>"information"' }, []],
  ];
  for (const [props, expected] of cases) {
    test(`${JSON.stringify(props)} → [${expected.join(', ')}]`, () => assert.deepEqual(osm(props), expected));
  }

  test('a field with bare values is read under the usual keys (Geofabrik fclass)', () => {
    const c = createPoiClassifier({ preset: 'osm', categoryField: 'fclass' });
    assert.deepEqual(c({ fclass: 'restaurant' }), ['commercial']);
    assert.deepEqual(c({ fclass: 'bus_stop' }), ['transport']);
    assert.deepEqual(c({ fclass: 'bench' }), []);
    // A bare value never matches a key=* wildcard (shop=* would make every bare value a shop), so
    // a value with no exact key=value row, like bakery, stays uncategorised until mapped.
    assert.deepEqual(c({ fclass: 'bakery' }), []);
  });

  test('the layer mapping merges over the preset, most specific row first', () => {
    const c = createPoiClassifier({ preset: 'osm', mapping: { 'amenity=*': 'commercial', 'Amenity = Bench': null, 'shop=car_repair': ['industry', 'commercial'], 'highway=bus_stop': null } });
    assert.deepEqual(c({ amenity: 'parking' }), ['transport']); // preset amenity=parking beats mapping amenity=*
    assert.deepEqual(c({ amenity: 'bench' }), []);
    assert.deepEqual(c({ amenity: 'toilets' }), ['commercial']);
    assert.deepEqual(c({ shop: 'car_repair' }), ['industry', 'commercial']);
    assert.deepEqual(c({ highway: 'bus_stop' }), []);
    assert.deepEqual(c({ highway: 'bus_stop', public_transport: 'platform' }), ['transport']);
  });

  test('presets are listed for the UI', () => {
    assert.deepEqual(Object.keys(POI_PRESETS), ['amap', 'osm']);
    assert.deepEqual(Object.keys(LAND_USE_PRESETS), ['gbt21010', 'third-survey', 'osm', 'euluc', 'euluc-class']);
  });
});
