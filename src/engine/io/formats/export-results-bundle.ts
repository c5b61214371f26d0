/**
 * The files a planner downloads after a run: one GeoPackage with the three result layers and
 * their QGIS styles inside, the same styles as `.qml` and `.sld` files, the units table as CSV
 * and the report.
 */
import type { ClassifyOptions } from '../../classify/index.js';
import type { RunResult } from '../../run-types.js';
import type { Issue } from '../../types.js';
import { classifyForStyle, defaultStyleField } from '../../styles/class-styles.js';
import type { StyleLayer } from '../../styles/class-styles.js';
import type { MapPalette, StyleLang } from '../../styles/palette.js';
import { DEFAULT_PALETTE } from '../../styles/palette.js';
import { writeQml } from '../../styles/write-qml.js';
import { writeSld } from '../../styles/write-sld.js';
import type { SqlJsOptions } from './sql-js.js';
import { utf8Encode } from './text.js';
import { writeCsv } from './write-csv.js';
import { writeGeoJson } from './write-geojson.js';
import { writeGeoPackage } from './write-geopackage.js';

export interface ExportResultsBundleOptions extends SqlJsOptions {
  /** Base name of the GeoPackage (`<baseName>.gpkg`); default `carbon-balance`. */
  baseName?: string;
  /** Field each layer is styled by; default `zone` for units, `netPerKm2` for grid and parcels. */
  fields?: Partial<Record<StyleLayer, string>>;
  /** How numeric fields are classed (`method`, `classes`, `breaks`); default natural breaks, 5 classes. */
  classification?: ClassifyOptions;
  palette?: MapPalette;
  /** Language of legend labels; default `en`. */
  lang?: StyleLang;
  /** Also write `units.geojson`, `grid.geojson`, `parcels.geojson` (each next to its `.qml`); default false. */
  geojson?: boolean;
  /** Timestamp written into the GeoPackage; default now. */
  timestamp?: string;
  /** Writer issues are pushed here (none are expected for the engine's own outputs). */
  issues?: Issue[];
}

const LAYERS: readonly StyleLayer[] = ['units', 'grid', 'parcels'];

/**
 * Build the download bundle of a run, as file name → bytes:
 *
 * - `<baseName>.gpkg`: layers `units`, `grid`, `parcels` (WGS 84, EPSG:4326), each with its
 *   style stored as the default in `layer_styles`, which QGIS applies when the layer is opened
 *   (QGIS looks for a sidecar `.qml` only by the *file* name, one per file, so a multi-layer
 *   GeoPackage carries its styles inside);
 * - `units.qml`, `grid.qml`, `parcels.qml` and the same as `.sld`: named after the layers, so
 *   QGIS auto-loads each `.qml` next to a single-layer file of the same base name (the optional
 *   `units.geojson` …, or a `units.shp` a user exports), and "Load Style…" takes them anywhere;
 * - `units.csv`: the units table (UTF-8 with BOM for Excel, centroid lon/lat);
 * - `report.json`: the run report.
 *
 * Numeric fields are classed with {@link classifyForStyle}, the map's rule, so classes and
 * colours match the map.
 *
 * @param result - the output of `run`; not modified.
 * @param options - see {@link ExportResultsBundleOptions}.
 * @example
 * const files = await exportResultsBundle(await run(config, layers));
 * Object.keys(files); // ['carbon-balance.gpkg', 'units.qml', 'units.sld', …]
 */
export async function exportResultsBundle(result: RunResult, options: ExportResultsBundleOptions = {}): Promise<Record<string, Uint8Array>> {
  const baseName = options.baseName ?? 'carbon-balance';
  const palette = options.palette ?? DEFAULT_PALETTE;
  const issues = options.issues ?? [];
  const files: Record<string, Uint8Array> = {};
  const styles = new Map<StyleLayer, { qml: string; sld: string; field: string }>();
  for (const layer of LAYERS) {
    const field = options.fields?.[layer] ?? defaultStyleField(layer);
    const values = result[layer].features.map((f) => {
      const v = f.properties?.[field];
      return typeof v === 'number' ? v : null;
    });
    const classification = field === 'zone' ? null : classifyForStyle(values, options.classification, palette);
    const qml = writeQml(layer, field, classification, palette, { lang: options.lang });
    const sld = writeSld(layer, field, classification, palette, { lang: options.lang });
    styles.set(layer, { qml, sld, field });
  }
  const gpkg = await writeGeoPackage(
    LAYERS.map((layer) => ({
      name: layer,
      fc: result[layer],
      crs: 'EPSG:4326',
      qml: styles.get(layer)!.qml,
      sld: styles.get(layer)!.sld,
      styleName: `${layer} by ${styles.get(layer)!.field}`,
    })),
    options,
  );
  issues.push(...gpkg.issues);
  files[`${baseName}.gpkg`] = gpkg.bytes;
  for (const layer of LAYERS) {
    files[`${layer}.qml`] = utf8Encode(styles.get(layer)!.qml);
    files[`${layer}.sld`] = utf8Encode(styles.get(layer)!.sld);
    if (options.geojson) {
      const g = writeGeoJson(result[layer], { layer });
      issues.push(...g.issues);
      files[`${layer}.geojson`] = g.bytes;
    }
  }
  const csv = writeCsv(result.units, { geometry: 'centroid', layer: 'units' });
  issues.push(...csv.issues);
  files['units.csv'] = csv.bytes;
  files['report.json'] = utf8Encode(JSON.stringify(result.report, null, 2));
  return files;
}
