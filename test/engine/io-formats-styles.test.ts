/**
 * Palettes, QGIS and SLD styles, and the download bundle. The palette is checked against the map
 * element's own file (read as text, so the test needs no DOM); styles against hand-written
 * expected XML and an independent XML parser (Python's expat, when python3 is installed).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { classify } from '../../src/engine/classify/index.js';
import { generateDemoCity, runSync } from '../../src/engine/index.js';
import { exportResultsBundle, readGeoPackage } from '../../src/engine/io/formats/index.js';
import {
  DEFAULT_PALETTE, INDEX_RAMP, SINK_RAMP, SOURCE_RAMP, ZONE_COLOURS, buildClassStyles, classifyForStyle, rampColour, writeQml, writeSld,
} from '../../src/engine/styles/index.js';

const widgetPalette = readFileSync(fileURLToPath(new URL('../../src/widgets/layers/palette.ts', import.meta.url)), 'utf8');
const hasPython = spawnSync('python3', ['-c', 'import xml.dom.minidom']).status === 0;
const hasGdal = spawnSync('ogrinfo', ['--version']).status === 0;

/** Parse XML documents with Python's expat (one process); returns the error text or '' when all are well-formed. */
function xmlErrors(texts: string[]): string {
  const script = 'import sys, json, xml.dom.minidom\nfor t in json.load(sys.stdin): xml.dom.minidom.parseString(t.encode("utf-8"))';
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts) });
  return r.status === 0 ? '' : r.stderr.toString();
}

describe('palette', () => {
  test('the same colours as the map element', () => {
    const hexes = (name: string): string[] => {
      const m = new RegExp(`${name}[^=]*=\\s*\\[([^\\]]*)\\]`).exec(widgetPalette);
      return m ? [...m[1].matchAll(/'(#[0-9a-f]{6})'/gi)].map((x) => x[1]) : [];
    };
    assert.deepEqual([...SOURCE_RAMP], hexes('SOURCE_RAMP_DEFAULTS'));
    assert.deepEqual([...SINK_RAMP], hexes('SINK_RAMP_DEFAULTS'));
    assert.deepEqual([...INDEX_RAMP], hexes('INDEX_RAMP_DEFAULTS'));
    for (const [zone, colour] of Object.entries(ZONE_COLOURS)) {
      assert.match(widgetPalette, new RegExp(`['\\s]${zone}'?:\\s*'${colour}'`), zone);
    }
    assert.match(widgetPalette, /'--cbm-outline-color', fallback: 'rgba\(30, 30, 30, 0\.75\)'/);
    assert.equal(DEFAULT_PALETTE.outline, 'rgba(30, 30, 30, 0.75)');
    // Four zones, four different hatches.
    const hatches = Object.values(DEFAULT_PALETTE.zones).map((z) => z.hatch);
    assert.equal(new Set(hatches.slice(0, 4)).size, 4);
  });

  test('rampColour interpolates in RGB like the map', () => {
    assert.deepEqual(rampColour(SOURCE_RAMP, 0, 5), [255, 255, 178, 1]);
    assert.deepEqual(rampColour(SOURCE_RAMP, 1, 3), [253, 141, 60, 1]); // t = 1/2 · 4 = 2: exactly #fd8d3c
    // k = 4, i = 1: t = 4/3, between #fecc5c (254,204,92) and #fd8d3c (253,141,60) at f = 1/3:
    // 254 − 1/3 = 253.67 → 254; 204 − 21 = 183; 92 − 10.67 = 81.33 → 81.
    assert.deepEqual(rampColour(SOURCE_RAMP, 1, 4), [254, 183, 81, 1]);
    assert.deepEqual(rampColour(SINK_RAMP, 0, 1), [27, 120, 55, 1]); // one class: the ramp's last colour
  });
});

describe('writeQml / writeSld', () => {
  // classify([1, 2, 3, 10, 11, 12, -5], 2 classes): breaks [3, 12] (min 1), one sink class [-5].
  const c = classify([1, 2, 3, 10, 11, 12, -5], { classes: 2 });

  test('graduated QML: ranges lowest first with the map colours (hand-written expectation)', () => {
    const qml = writeQml('units', 'netT', c);
    const ranges = qml.split('\n').filter((l) => l.includes('<range ')).map((l) => l.trim());
    assert.deepEqual(ranges, [
      '<range lower="-5" upper="-5" symbol="0" label="-5 – -5" render="true" uuid="class--1"/>',
      '<range lower="1" upper="3" symbol="1" label="1 – 3" render="true" uuid="class-0"/>',
      '<range lower="3" upper="12" symbol="2" label="3 – 12" render="true" uuid="class-1"/>',
    ]);
    // Symbol colours in range order: sink #1b7837, source class 0 #ffffb2, class 1 #bd0026.
    const colours = [...qml.matchAll(/<Option type="QString" name="color" value="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(colours, ['27,120,55,255', '255,255,178,255', '189,0,38,255']);
    assert.match(qml, /^<!DOCTYPE qgis PUBLIC 'http:\/\/mrcc.com\/qgis.dtd' 'SYSTEM'>\n<qgis version="3\.28\.0-Firenze" styleCategories="Symbology">\n  <renderer-v2 type="graduatedSymbol" attr="netT" graduatedMethod="GraduatedColor"/);
    assert.match(qml, /<prop k="color" v="27,120,55,255"\/>/, 'legacy <prop> for QGIS < 3.26');
    assert.match(qml, /<classificationMethod id="Jenks">/);
  });

  test('categorized QML for zones: four zones with hatches, then the catch-all', () => {
    const qml = writeQml('units', 'zone', null, DEFAULT_PALETTE, { lang: 'zh-CN' });
    const cats = qml.split('\n').filter((l) => l.includes('<category ')).map((l) => l.trim());
    assert.deepEqual(cats, [
      '<category value="low-carbon-economic" symbol="0" label="低碳经济区" render="true" uuid="zone-0"/>',
      '<category value="carbon-source-control" symbol="1" label="碳源控制区" render="true" uuid="zone-1"/>',
      '<category value="carbon-sink-functional" symbol="2" label="碳汇功能区" render="true" uuid="zone-2"/>',
      '<category value="high-carbon-optimisation" symbol="3" label="高碳优化区" render="true" uuid="zone-3"/>',
      '<category value="" symbol="4" label="未分区" render="true" uuid="zone-4"/>',
    ]);
    const styles = [...qml.matchAll(/<Option type="QString" name="style" value="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(styles, ['solid', 'b_diagonal', 'solid', 'horizontal', 'solid', 'vertical', 'solid', 'diagonal_x', 'solid']);
  });

  test('SLD: same classes as filters, no value in two rules', () => {
    const sld = writeSld('grid', 'netPerKm2', c);
    const filters = [...sld.matchAll(/<ogc:And>(.*?)<\/ogc:And>/g)].map((m) => m[1].replace(/<ogc:PropertyName>netPerKm2<\/ogc:PropertyName>/g, ''));
    assert.deepEqual(filters, [
      // Highest source class first (legend order): 3 < v ≤ 12, then 1 ≤ v ≤ 3, then the sink class.
      '<ogc:PropertyIsGreaterThan><ogc:Literal>3</ogc:Literal></ogc:PropertyIsGreaterThan><ogc:PropertyIsLessThanOrEqualTo><ogc:Literal>12</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>',
      '<ogc:PropertyIsGreaterThanOrEqualTo><ogc:Literal>1</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThanOrEqualTo><ogc:Literal>3</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>',
      '<ogc:PropertyIsGreaterThanOrEqualTo><ogc:Literal>-5</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThanOrEqualTo><ogc:Literal>-5</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>',
    ]);
    assert.deepEqual([...sld.matchAll(/name="fill">(#[0-9a-f]{6})</g)].map((m) => m[1]), ['#bd0026', '#ffffb2', '#1b7837']);
    const zones = writeSld('units', 'zone', null);
    assert.match(zones, /<ogc:PropertyIsNull><ogc:PropertyName>zone<\/ogc:PropertyName><\/ogc:PropertyIsNull>/);
    assert.deepEqual([...zones.matchAll(/<se:WellKnownName>(\w+)</g)].map((m) => m[1]), ['slash', 'horline', 'line', 'x']);
  });

  test('labels and values with XML specials are escaped; the XML is well-formed', { skip: !hasPython && 'python3 not installed: XML parse check skipped' }, () => {
    const p = structuredClone(DEFAULT_PALETTE);
    p.zones['low-carbon-economic'].label.en = 'A & B <"zone">';
    assert.equal(xmlErrors([writeQml('units', 'zone', null, p), writeSld('units', 'zone', null, p), writeQml('parcels', 'net"T', c), writeSld('parcels', 'ccr', c)]), '');
    assert.notEqual(xmlErrors(['<a><b></a>']), '', 'the checker itself rejects broken XML');
    assert.match(writeQml('units', 'zone', null, p), /label="A &amp; B &lt;&quot;zone&quot;&gt;"/);
  });

  test('a numeric field without classification is a caller bug', () => {
    assert.throws(() => writeQml('grid', 'netPerKm2', null), { code: 'invalid-argument' });
  });

  test('classifyForStyle gives sinks three classes from 10 negative values, like the map', () => {
    const values = [...Array.from({ length: 10 }, (_, i) => -(i + 1)), 5, 6];
    assert.equal(classifyForStyle(values).sinkBreaks.length, 3);
    assert.equal(classifyForStyle(values.slice(1)).sinkBreaks.length, 1);
    const styles = buildClassStyles('netT', classifyForStyle(values));
    // Weakest sink (index −1) is the lightest green.
    assert.deepEqual(styles.find((s) => s.kind === 'range' && s.index === -1)?.colour, [217, 240, 211, 1]);
  });
});

describe('exportResultsBundle', () => {
  test('GeoPackage with three styled layers, .qml/.sld per layer, CSV and report', async () => {
    const { config, layers } = generateDemoCity({ parcels: 200, units: 6 });
    const result = runSync(config, layers);
    const files = await exportResultsBundle(result, { timestamp: '2024-01-02T00:00:00.000Z' });
    assert.deepEqual(Object.keys(files).sort(), [
      'carbon-balance.gpkg', 'grid.qml', 'grid.sld', 'parcels.qml', 'parcels.sld', 'report.json', 'units.csv', 'units.qml', 'units.sld',
    ]);
    for (const layer of ['units', 'grid', 'parcels'] as const) {
      const r = await readGeoPackage(files['carbon-balance.gpkg'], { layerName: layer });
      assert.equal(r.crs, 'EPSG:4326');
      assert.equal(r.fc.features.length, result[layer].features.length, layer);
    }
    const SQL = await initSqlJs();
    const db = new SQL.Database(files['carbon-balance.gpkg']);
    const rows = db.exec('SELECT f_table_name, styleName, useAsDefault, length(styleQML) > 100, length(styleSLD) > 100 FROM layer_styles ORDER BY id')[0].values;
    assert.deepEqual(rows, [['units', 'units by zone', 1, 1, 1], ['grid', 'grid by netPerKm2', 1, 1, 1], ['parcels', 'parcels by netPerKm2', 1, 1, 1]]);
    db.close();
    const units = new TextDecoder().decode(files['units.qml']);
    assert.match(units, /type="categorizedSymbol" attr="zone"/);
    assert.equal(new TextDecoder().decode(files['units.csv']).split('\r\n')[0].endsWith(',lon,lat'), true);
    assert.equal(JSON.parse(new TextDecoder().decode(files['report.json'])).format, 'carbon-balance-report');
    if (hasGdal) {
      const d = mkdtempSync(join(tmpdir(), 'cbm-bundle-'));
      try {
        writeFileSync(join(d, 'b.gpkg'), files['carbon-balance.gpkg']);
        const r = spawnSync('ogrinfo', ['-so', join(d, 'b.gpkg'), 'units'], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr.trim(), '');
        assert.match(r.stdout, new RegExp(`Feature Count: ${result.units.features.length}`));
        assert.match(r.stdout, /zone: String/);
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    }
  });
});
