/**
 * GeoPackage 1.3 writer on sql.js: the three required metadata tables, one feature table per
 * layer, and (optionally) QGIS's `layer_styles` table so QGIS opens each layer with its style.
 */
import { EngineError } from '../../types.js';
import type { FeatureCollection, Geometry, Issue } from '../../types.js';
import { makeIssue } from '../../messages/index.js';
import { epsgNumber, ogcWkt } from './crs-wkt.js';
import { writeGpkgGeometry } from './gpkg-geometry.js';
import { quoteIdent } from './read-geopackage.js';
import type { SqlJsOptions, SqlValue } from './sql-js.js';
import { loadSqlJs } from './sql-js.js';
import { geometryBbox } from './wkb.js';
import type { FieldKind, WriteResult } from './write-common.js';
import { inferSchema, NonFiniteTally } from './write-common.js';

/** One layer to write. */
export interface GeoPackageLayerInput {
  /** Table name (what QGIS and ogrinfo show as the layer name); unique within the file. */
  name: string;
  fc: FeatureCollection;
  /** CRS of the coordinates; default `EPSG:4326` (the engine's outputs are WGS 84 lon/lat). */
  crs?: string;
  /** Human-readable title (gpkg_contents.identifier); default the name. */
  title?: string;
  description?: string;
  /** A QGIS style (`.qml` text) stored as the layer's default style in `layer_styles`. */
  qml?: string;
  /** An SLD stored next to the QML in `layer_styles` (optional). */
  sld?: string;
  /** Style name shown in QGIS; default the layer name. */
  styleName?: string;
}

export interface WriteGeoPackageOptions extends SqlJsOptions {
  /** Time written as last_change / update_time, ISO 8601; default now (fix it for reproducible files). */
  timestamp?: string;
}

const GPKG_APPLICATION_ID = 0x47504b47; // 'GPKG'
const GPKG_USER_VERSION = 10300; // 1.3.0

const SQL_TYPES: Record<FieldKind, string> = { integer: 'INTEGER', real: 'REAL', boolean: 'BOOLEAN', text: 'TEXT', json: 'TEXT' };

const GEOMETRY_TYPE_NAMES: Record<Geometry['type'], string> = {
  Point: 'POINT', LineString: 'LINESTRING', Polygon: 'POLYGON', MultiPoint: 'MULTIPOINT',
  MultiLineString: 'MULTILINESTRING', MultiPolygon: 'MULTIPOLYGON', GeometryCollection: 'GEOMETRYCOLLECTION',
};

// GeoPackage 1.3 Annex C table definitions (C.1–C.3) and QGIS's layer_styles.
const DDL = `
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
`;

const LAYER_STYLES_DDL = `
CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
  f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT,
  useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
`;

/** A column name that SQLite (case-insensitive) and the fid/geom columns leave free. */
function freeName(wanted: string, taken: Set<string>): string {
  let name = wanted.length > 0 ? wanted : 'field';
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted || 'field'}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Write layers into one GeoPackage 1.3 file (`application_id` 'GPKG', `user_version` 10300),
 * with `gpkg_spatial_ref_sys` (the required -1, 0 and 4326 rows plus every layer's EPSG code,
 * with OGC WKT for the bundled CRSs), `gpkg_contents` (extent per layer), `gpkg_geometry_columns`
 * and a feature table per layer: `fid INTEGER PRIMARY KEY AUTOINCREMENT`, `geom` (2D
 * GeoPackage binary), then one column per property (INTEGER / REAL / BOOLEAN / TEXT inferred
 * from the values; objects as JSON text). Layers with `qml` also get a `layer_styles` row marked
 * default, which QGIS applies when it opens the layer. No spatial index (optional in the spec;
 * QGIS and GDAL work without one). Feature `id`s are not written: put them in `properties`.
 *
 * @param layers - the layers, in the order gpkg_contents lists them.
 * @param options - `timestamp`, and how to load sql.js (see `setSqlJsLoader`).
 * @returns the file's bytes and issues: `io-write-field-renamed` (a property named like `fid`,
 *   `geom` or another property but for case), `io-write-non-finite` (NaN/±Infinity written as
 *   NULL), `io-write-crs-unknown` (a CRS without bundled WKT).
 * @throws EngineError `invalid-argument` for a missing, empty or duplicate layer name.
 * @example
 * const { bytes } = await writeGeoPackage([{ name: 'units', fc: result.units }]);
 */
export async function writeGeoPackage(layers: ReadonlyArray<GeoPackageLayerInput>, options: WriteGeoPackageOptions = {}): Promise<WriteResult> {
  if (!Array.isArray(layers)) throw new EngineError('invalid-argument', `layers must be an array, got ${typeof layers}`);
  const seen = new Set<string>();
  for (const l of layers) {
    if (typeof l?.name !== 'string' || l.name.trim() === '') throw new EngineError('invalid-argument', `every layer needs a non-empty name, got ${String(l?.name)}`);
    if (seen.has(l.name.toLowerCase())) throw new EngineError('invalid-argument', `layer names must be unique (case-insensitive), got ${l.name} twice`);
    if (l.name.toLowerCase().startsWith('gpkg_') || l.name.toLowerCase() === 'layer_styles') {
      throw new EngineError('invalid-argument', `layer name ${l.name} is reserved by GeoPackage`);
    }
    seen.add(l.name.toLowerCase());
    if (!l.fc || !Array.isArray(l.fc.features)) throw new EngineError('invalid-argument', `layer ${l.name}: fc must be a FeatureCollection`);
  }
  const timestamp = options.timestamp ?? new Date().toISOString();
  const issues: Issue[] = [];
  const SQL = await loadSqlJs(options);
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = ${GPKG_APPLICATION_ID}`);
    db.run(`PRAGMA user_version = ${GPKG_USER_VERSION}`);
    db.run('BEGIN');
    db.exec(DDL);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)');
    srs.run(['Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system']);
    srs.run(['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system']);
    srs.run(['WGS 84 geodetic', 4326, 'EPSG', 4326, ogcWkt('EPSG:4326')!, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid']);
    const srsDone = new Set([-1, 0, 4326]);
    const styled = layers.some((l) => typeof l.qml === 'string');
    if (styled) db.exec(LAYER_STYLES_DDL);

    for (const layer of layers) {
      const loc = { layer: layer.name };
      const crs = layer.crs ?? 'EPSG:4326';
      let srsId = epsgNumber(crs) ?? 0;
      if (!srsDone.has(srsId)) {
        const wkt = ogcWkt(`EPSG:${srsId}`);
        if (!wkt) issues.push(makeIssue('io-write-crs-unknown', { crs, format: 'GeoPackage', ...loc }, { ...loc, actual: crs }));
        srs.run([crs, srsId, 'EPSG', srsId, wkt ?? 'undefined', null]);
        srsDone.add(srsId);
      } else if (srsId === 0 && crs !== 'EPSG:0') {
        issues.push(makeIssue('io-write-crs-unknown', { crs, format: 'GeoPackage', ...loc }, { ...loc, actual: crs }));
        srsId = 0;
      }

      const features = layer.fc.features;
      const schema = inferSchema(features);
      const taken = new Set(['fid', 'geom']);
      const columns = schema.map((f) => {
        const written = freeName(f.name, taken);
        if (written !== f.name) {
          issues.push(makeIssue('io-write-field-renamed', { format: 'GeoPackage', original: f.name, written, reason: 'the name is taken by the fid or geometry column or by another field differing only in case', ...loc }, { ...loc, field: f.name, actual: written }));
        }
        return { ...f, written };
      });
      const types = new Set<string>();
      let bbox: [number, number, number, number] | null = null;
      for (const f of features) {
        const g: Geometry | null = f.geometry;
        if (!g) continue;
        types.add(GEOMETRY_TYPE_NAMES[g.type]);
        const b: [number, number, number, number] | null = geometryBbox(g);
        if (b) bbox = bbox ? [Math.min(bbox[0], b[0]), Math.min(bbox[1], b[1]), Math.max(bbox[2], b[2]), Math.max(bbox[3], b[3])] : b;
      }
      const geometryType = types.size === 1 ? [...types][0] : 'GEOMETRY';
      const t = quoteIdent(layer.name);
      const colDefs = columns.map((c) => `${quoteIdent(c.written)} ${SQL_TYPES[c.kind]}`);
      db.run(`CREATE TABLE ${t} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${geometryType}${colDefs.length ? ', ' + colDefs.join(', ') : ''})`);
      db.run(
        'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [layer.name, 'features', layer.title ?? layer.name, layer.description ?? '', timestamp, bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null, srsId],
      );
      db.run('INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)', [layer.name, 'geom', geometryType, srsId]);

      const insert = db.prepare(`INSERT INTO ${t} (geom${columns.map((c) => ', ' + quoteIdent(c.written)).join('')}) VALUES (?${', ?'.repeat(columns.length)})`);
      const nonFinite = new NonFiniteTally();
      try {
        for (const f of features) {
          const row: SqlValue[] = [f.geometry ? writeGpkgGeometry(f.geometry, srsId) : null];
          const p = f.properties ?? {};
          for (const c of columns) {
            const v = p[c.name];
            if (v === null || v === undefined) row.push(null);
            else if (typeof v === 'number') {
              if (Number.isFinite(v)) row.push(c.kind === 'text' ? String(v) : v);
              else {
                nonFinite.note(c.name);
                row.push(null);
              }
            } else if (typeof v === 'boolean') row.push(c.kind === 'boolean' ? (v ? 1 : 0) : String(v));
            else if (typeof v === 'string') row.push(v);
            else row.push(JSON.stringify(v));
          }
          insert.run(row);
        }
      } finally {
        insert.free();
      }
      for (const [field, count] of nonFinite.entries()) issues.push(makeIssue('io-write-non-finite', { field, count, ...loc }, { ...loc, field }));
      if (typeof layer.qml === 'string') {
        db.run(
          `INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time)
           VALUES ('', '', ?, 'geom', ?, ?, ?, 1, ?, '', NULL, ?)`,
          [layer.name, layer.styleName ?? layer.name, layer.qml, layer.sld ?? '', `carbon-balance-map style of ${layer.name}`, timestamp],
        );
      }
    }
    srs.free();
    if (styled) {
      db.run("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?)", [timestamp]);
    }
    db.run('COMMIT');
    return { bytes: db.export(), issues };
  } finally {
    db.close();
  }
}
