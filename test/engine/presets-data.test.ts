/**
 * Presets against real data: every land-use value of the Liechtenstein OSM extract and every
 * class of the Xinwu EULUC-China parcels maps, and the OSM POI classifier's counts on the
 * Liechtenstein POIs agree with counts made independently from the raw `other_tags` text.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLandUseMapper, createPoiClassifier } from '../../src/engine/presets/index.js';

const DATA = join(import.meta.dirname, '../../../shared/data');
const LI = join(DATA, 'liechtenstein');
const XINWU = join(DATA, 'xinwu');
const skipLi = !existsSync(join(LI, 'landuse.geojson')) && `shared data absent: ${LI}`;
const skipXinwu = !existsSync(join(XINWU, 'xinwu_land_use.geojson')) && `shared data absent: ${XINWU}`;

interface Fc { features: Array<{ properties: Record<string, unknown> | null }> }
const readFc = (path: string): Fc => JSON.parse(readFileSync(path, 'utf8')) as Fc;

describe('Liechtenstein land use (OSM preset, field `landuse`)', () => {
  test('every distinct value maps exactly to the expected space type', { skip: skipLi }, () => {
    const fc = readFc(join(LI, 'landuse.geojson'));
    const distinct = new Set(fc.features.map((f) => f.properties?.landuse));
    // The 17 values in the 2013 extract (checked by listing the file's `landuse` values), with the
    // types docs/presets.md gives them.
    const expected: Record<string, string> = {
      forest: 'forest', residential: 'urban-residential', industrial: 'industrial', cemetery: 'other',
      vineyard: 'cultivated', farmyard: 'agri-facility', recreation_ground: 'green-space', basin: 'water',
      allotments: 'cultivated', village_green: 'green-space', grass: 'green-space', commercial: 'commercial',
      reservoir: 'water', meadow: 'grassland', quarry: 'mining', farmland: 'cultivated', construction: 'other',
    };
    assert.deepEqual([...distinct].sort(), Object.keys(expected).sort());
    const mapper = createLandUseMapper({ preset: 'osm' });
    for (const value of distinct) {
      const m = mapper.map(value);
      assert.equal(m.matched, true, String(value));
      assert.equal(m.spaceType, expected[String(value)], String(value));
      assert.equal(m.key, `landuse=${String(value)}`);
    }
  });
});

describe('Xinwu EULUC-China parcels (euluc-class preset, field `Class`)', () => {
  test('every class 0–10 maps', { skip: skipXinwu }, () => {
    const fc = readFc(join(XINWU, 'xinwu_land_use.geojson'));
    const distinct = [...new Set(fc.features.map((f) => f.properties?.Class))].sort((a, b) => Number(a) - Number(b));
    // The data README: 0 residential, 1 business office, 2 commercial service, 3 industrial,
    // 4 transport station, 5 airport, 6 administrative, 7 educational, 8 medical, 9 sport and
    // cultural, 10 park and green space; the file holds all eleven, as JSON numbers.
    assert.deepEqual(distinct, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const expected = ['urban-residential', 'commercial', 'commercial', 'industrial', 'transport-road', 'transport-air',
      'public-service', 'public-service', 'public-service', 'public-service', 'green-space'];
    const mapper = createLandUseMapper({ preset: 'euluc-class' });
    for (const value of distinct) {
      const m = mapper.map(value);
      assert.equal(m.matched, true, String(value));
      assert.equal(m.spaceType, expected[Number(value)], String(value));
    }
    // Every one of the 2,033 parcels gets a type.
    assert.equal(fc.features.filter((f) => !mapper.map(f.properties?.Class).matched).length, 0);
  });
});

describe('Liechtenstein POIs (OSM preset)', () => {
  test('category counts match an independent count of the raw tags', { skip: skipLi }, () => {
    const fc = readFc(join(LI, 'poi_points.geojson'));
    assert.equal(fc.features.length, 615);
    const classify = createPoiClassifier({ preset: 'osm' });
    const got = { industry: 0, commercial: 0, transport: 0, none: 0 };
    for (const f of fc.features) {
      const cats = classify(f.properties);
      if (cats.length === 0) got.none++;
      for (const c of cats) got[c]++;
    }

    // Independent count: regular expressions over the raw `other_tags` text plus the direct
    // `highway` column GDAL writes for points. Only tag values that occur in this file are listed
    // (found by listing every amenity/shop/railway/… value in the file).
    let commercial = 0, transport = 0, industry = 0;
    const commercialAmenity = /"amenity"=>"(arts_centre|bank|bar|cafe|cinema|fast_food|fire_station|hospital|kindergarten|library|pharmacy|place_of_worship|police|post_office|pub|public_building|restaurant|school|shop|theatre|townhall|university|car_wash|fuel)"/;
    const transportTags = /"public_transport"=>"|"railway"=>"(station|halt|stop)"|"amenity"=>"(parking|fuel)"/;
    for (const f of fc.features) {
      const p = f.properties ?? {};
      const o = typeof p.other_tags === 'string' ? p.other_tags : '';
      if (commercialAmenity.test(o) || /"shop"=>"/.test(o)) commercial++;
      if (p.highway === 'bus_stop' || transportTags.test(o)) transport++;
      if (/"(craft|office|industrial|man_made|power)"=>"/.test(o)) industry++;
    }
    // By hand from the tag inventory: commercial amenities 116 tags + shops 41 tags − 2 POIs that
    // carry both (a fuel station with shop=car_repair, a café with shop=coffee beans) = 155.
    // Transport: 308 bus stops (highway column) + 7 railway station/halt/stop nodes (6 of them
    // also public_transport; the other 42 public_transport tags sit on bus stops) + 36 parking
    // + 15 fuel = 366. Industry: no craft, office, industrial, man_made or power tag = 0.
    // Fuel stations are the only POIs in two categories (15), so none = 615 − (155 + 366 − 15) = 109.
    assert.deepEqual({ commercial, transport, industry }, { commercial: 155, transport: 366, industry: 0 });
    assert.deepEqual(got, { industry: 0, commercial: 155, transport: 366, none: 109 });
  });
});
