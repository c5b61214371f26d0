/**
 * GeoPackage reader (OGC GeoPackage 1.0–1.4 vector features) on sql.js: lists the feature tables
 * from `gpkg_contents`, decodes geometry blobs (GeoPackage header + WKB, Z/M dropped), reads
 * attributes, and names the CRS from `gpkg_spatial_ref_sys`.
 */
import { makeIssue } from '../../messages/index.js';
import type { Feature, Issue, ProgressCallback } from '../../types.js';
import { readGpkgGeometry } from './gpkg-geometry.js';
import type { BinaryReadResult } from './read-flatgeobuf.js';
import type { SqlJsDatabase, SqlJsOptions, SqlValue } from './sql-js.js';
import { loadSqlJs } from './sql-js.js';
import { toBase64 } from './text.js';

/** One feature table of a GeoPackage. */
export interface GeoPackageLayerInfo {
  /** Table name (the layer name QGIS and ogrinfo show). */
  name: string;
  geometryColumn: string;
  /** Declared geometry type (`POLYGON`, `MULTIPOLYGON`, `GEOMETRY`, …). */
  geometryType: string;
  srsId: number;
  /** `EPSG:nnnn` for the table's srs_id, or null when it is undefined or not EPSG. */
  crs: string | null;
}

export interface ReadGeoPackageOptions extends SqlJsOptions {
  /** Feature table to read; default the only one, or the first listed in gpkg_contents. */
  layerName?: string;
  /** Layer role or file name, put on the issues (`layer`). */
  layer?: string;
  /** Called with `('read-geopackage', fraction)` every 10,000 features. */
  onProgress?: ProgressCallback;
}

export interface GeoPackageReadResult extends BinaryReadResult {
  /** The table read, or null when none could be. */
  layerName: string | null;
  /** Every feature table in the file. */
  layers: GeoPackageLayerInfo[];
}

/** SQL identifier in double quotes (quotes inside doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Canonical CRS code of an srs_id row, or null; also returns the facts for an issue. */
function crsOfSrs(db: SqlJsDatabase, srsId: number): { code: string | null; organization: string | null; orgCode: number | null } {
  const stmt = db.prepare('SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId]);
  try {
    if (!stmt.step()) return { code: null, organization: null, orgCode: null };
    const [org, orgId, def] = stmt.get();
    const organization = typeof org === 'string' ? org : null;
    const orgCode = typeof orgId === 'number' ? orgId : null;
    if (organization && organization.trim().toUpperCase() === 'EPSG' && orgCode !== null && orgCode > 0) {
      return { code: `EPSG:${orgCode}`, organization, orgCode };
    }
    // Some writers put their own organisation in the row but keep the EPSG authority as the
    // definition's last (outermost) AUTHORITY/ID: use it when present.
    if (typeof def === 'string') {
      const m = /(?:AUTHORITY\["EPSG",\s*"?(\d+)"?\]|ID\["EPSG",\s*(\d+)\])\s*\]\s*$/i.exec(def.trim());
      if (m) return { code: `EPSG:${m[1] ?? m[2]}`, organization, orgCode };
    }
    return { code: null, organization, orgCode };
  } finally {
    stmt.free();
  }
}

function listLayers(db: SqlJsDatabase): GeoPackageLayerInfo[] {
  const rows = db.exec(
    `SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id
       FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
      WHERE lower(c.data_type) = 'features' ORDER BY c.rowid`,
  );
  if (rows.length === 0) return [];
  return rows[0].values.map(([name, col, type, srs]) => ({
    name: String(name),
    geometryColumn: String(col),
    geometryType: String(type),
    srsId: Number(srs),
    crs: crsOfSrs(db, Number(srs)).code,
  }));
}

async function openDb(bytes: Uint8Array, options: SqlJsOptions): Promise<SqlJsDatabase> {
  const SQL = await loadSqlJs(options);
  return new SQL.Database(bytes);
}

/**
 * The feature tables of a GeoPackage.
 *
 * @param bytes - the whole `.gpkg` file; not modified.
 * @param options - how to load sql.js (see `setSqlJsLoader`).
 * @returns the tables in gpkg_contents order, and `io-gpkg-unreadable` when the bytes are no
 *   GeoPackage. Never throws for bad data.
 */
export async function listGeoPackageLayers(bytes: Uint8Array, options: SqlJsOptions = {}): Promise<{ layers: GeoPackageLayerInfo[]; issues: Issue[] }> {
  let db: SqlJsDatabase | null = null;
  try {
    db = await openDb(bytes, options);
    return { layers: listLayers(db), issues: [] };
  } catch (err) {
    if ((err as { name?: string }).name === 'EngineError') throw err;
    return { layers: [], issues: [makeIssue('io-gpkg-unreadable', { reason: err instanceof Error ? err.message : String(err) })] };
  } finally {
    db?.close();
  }
}

/**
 * Read one feature table of a GeoPackage into a FeatureCollection.
 *
 * Feature ids are the table's primary key (GDAL's fid), which is not repeated in `properties`;
 * BOOLEAN columns become booleans, BLOB columns Base64 text, DATE/DATETIME stay ISO text.
 *
 * @param bytes - the whole `.gpkg` file; not modified.
 * @param options - `layerName` (default: the only or first feature table), `layer` (name put on
 *   issues), `onProgress`, and how to load sql.js (`sqlJs`, `locateFile`, `wasmBinary`).
 * @returns the features, `crs` (`EPSG:nnnn` from gpkg_spatial_ref_sys), the table read and every
 *   feature table; issues `io-gpkg-unreadable`, `io-gpkg-no-feature-tables`,
 *   `io-gpkg-layer-not-found`, `io-gpkg-several-layers`, `io-gpkg-crs-undefined`,
 *   `io-gpkg-crs-not-epsg`, `io-binary-geometry-*`, `io-binary-zm-dropped`, `io-binary-blob-base64`.
 * @throws EngineError `sql-js-unavailable` when SQLite cannot be loaded (a setup bug, not data).
 * @example
 * const { fc, crs } = await readGeoPackage(bytes, { layerName: 'parcels' });
 */
export async function readGeoPackage(bytes: Uint8Array, options: ReadGeoPackageOptions = {}): Promise<GeoPackageReadResult> {
  const loc = options.layer === undefined ? {} : { layer: options.layer };
  const issues: Issue[] = [];
  const empty = (layers: GeoPackageLayerInfo[] = [], layerName: string | null = null): GeoPackageReadResult => ({
    fc: { type: 'FeatureCollection', features: [] },
    crs: null,
    issues,
    layerName,
    layers,
  });
  let db: SqlJsDatabase | null = null;
  try {
    db = await openDb(bytes, options);
    let layers: GeoPackageLayerInfo[];
    try {
      layers = listLayers(db);
    } catch (err) {
      issues.push(makeIssue('io-gpkg-unreadable', { reason: err instanceof Error ? err.message : String(err), ...loc }, loc));
      return empty();
    }
    if (layers.length === 0) {
      issues.push(makeIssue('io-gpkg-no-feature-tables', loc, loc));
      return empty();
    }
    const names = layers.map((l) => l.name);
    let info: GeoPackageLayerInfo | undefined;
    if (options.layerName !== undefined) {
      info = layers.find((l) => l.name === options.layerName) ?? layers.find((l) => l.name.toLowerCase() === options.layerName!.toLowerCase());
      if (!info) {
        issues.push(makeIssue('io-gpkg-layer-not-found', { layerName: options.layerName, available: names, ...loc }, { ...loc, expected: names, actual: options.layerName }));
        return empty(layers);
      }
    } else {
      info = layers[0];
      if (layers.length > 1) issues.push(makeIssue('io-gpkg-several-layers', { chosen: info.name, available: names, ...loc }, { ...loc, expected: names, actual: info.name }));
    }

    const srs = crsOfSrs(db, info.srsId);
    if (!srs.code) {
      if (info.srsId === 0 || info.srsId === -1 || srs.organization === null || srs.organization.toUpperCase() === 'NONE') {
        issues.push(makeIssue('io-gpkg-crs-undefined', { srsId: info.srsId, table: info.name, ...loc }, { ...loc, actual: info.srsId }));
      } else {
        issues.push(makeIssue('io-gpkg-crs-not-epsg', { srsId: info.srsId, organization: srs.organization, code: srs.orgCode, table: info.name, ...loc }, loc));
      }
    }

    // Columns: the INTEGER PRIMARY KEY is the feature id, the geometry column is decoded, the
    // rest are properties in table order.
    const cols = db.exec(`PRAGMA table_info(${quoteIdent(info.name)})`)[0]?.values ?? [];
    let pk: string | null = null;
    const attrs: Array<{ name: string; type: string }> = [];
    for (const [, name, type, , , pkFlag] of cols) {
      const n = String(name);
      if (n === info.geometryColumn) continue;
      if (Number(pkFlag) === 1 && pk === null && String(type).toUpperCase() === 'INTEGER') pk = n;
      else attrs.push({ name: n, type: String(type ?? '').toUpperCase() });
    }
    const select = [pk ?? 'rowid', info.geometryColumn, ...attrs.map((a) => a.name)].map(quoteIdent).join(', ');
    const total = Number(db.exec(`SELECT count(*) FROM ${quoteIdent(info.name)}`)[0]?.values[0][0] ?? 0);
    const stmt = db.prepare(`SELECT ${select} FROM ${quoteIdent(info.name)} ORDER BY 1`);

    const features: Feature[] = [];
    let emptyCount = 0;
    const emptyIds: Array<string | number> = [];
    let zm = 0;
    const unsupported = new Map<string, number>();
    let unreadable = 0;
    let unreadableReason = '';
    const blobs = new Map<string, number>();
    try {
      while (stmt.step()) {
        const row = stmt.get();
        const id = row[0] as number;
        const blob = row[1];
        let geometry = null;
        if (blob instanceof Uint8Array) {
          const g = readGpkgGeometry(blob);
          if (g.droppedZM) zm++;
          if (g.geometry) geometry = g.geometry;
          else if (g.unsupported) unsupported.set(g.unsupported, (unsupported.get(g.unsupported) ?? 0) + 1);
          else if (g.error) {
            unreadable++;
            unreadableReason ||= `feature ${id}: ${g.error}`;
          } else {
            emptyCount++;
            if (emptyIds.length < 10) emptyIds.push(id);
          }
        } else {
          emptyCount++;
          if (emptyIds.length < 10) emptyIds.push(id);
        }
        const properties: Record<string, unknown> = {};
        for (let i = 0; i < attrs.length; i++) {
          const v: SqlValue = row[i + 2];
          const a = attrs[i];
          if (v instanceof Uint8Array) {
            properties[a.name] = toBase64(v);
            blobs.set(a.name, (blobs.get(a.name) ?? 0) + 1);
          } else if (a.type === 'BOOLEAN' && typeof v === 'number') properties[a.name] = v !== 0;
          else properties[a.name] = v;
        }
        features.push({ type: 'Feature', id, geometry, properties });
        if (options.onProgress && features.length % 10000 === 0 && total > 0) options.onProgress('read-geopackage', Math.min(1, features.length / total));
      }
    } finally {
      stmt.free();
    }
    options.onProgress?.('read-geopackage', 1);
    if (emptyCount) issues.push(makeIssue('io-binary-geometry-empty', { count: emptyCount, ...loc }, { ...loc, actual: emptyIds }));
    for (const [type, count] of unsupported) issues.push(makeIssue('io-binary-geometry-unsupported', { count, type, ...loc }, { ...loc, actual: type }));
    if (unreadable) issues.push(makeIssue('io-binary-geometry-unreadable', { count: unreadable, reason: unreadableReason, ...loc }, loc));
    if (zm) issues.push(makeIssue('io-binary-zm-dropped', { count: zm, ...loc }, loc));
    for (const [field, count] of blobs) issues.push(makeIssue('io-binary-blob-base64', { field, count, ...loc }, { ...loc, field }));
    return { fc: { type: 'FeatureCollection', features }, crs: srs.code, issues, layerName: info.name, layers };
  } catch (err) {
    if ((err as { name?: string }).name === 'EngineError') throw err;
    issues.push(makeIssue('io-gpkg-unreadable', { reason: err instanceof Error ? err.message : String(err), ...loc }, loc));
    return empty();
  } finally {
    db?.close();
  }
}
