/** Types shared by the layer readers. */
import type { FeatureCollection, Issue } from '../../types.js';
import type { EncodingInfo } from '../text.js';

export type { EncodingInfo, EncodingSource } from '../text.js';

/** A layer file format the readers know by name. */
export type LayerFormat = 'geojson' | 'shapefile' | 'csv' | 'flatgeobuf' | 'geopackage';

/** Options every reader accepts (the matching fields of the config's `LayerSource`). */
export interface ReadLayerOptions {
  /** File name (or path / URL): used for format detection by extension and in issues. */
  fileName?: string;
  /** Layer role (`parcels`, `pois[0]`, …) copied into issues' `layer`; default the file name. */
  layer?: string;
  /** Format; `auto` (default) detects it from the file name and the first bytes. */
  format?: 'auto' | LayerFormat;
  /** Text encoding of attributes (`utf-8`, `gbk`, `936`, …); default .cpg, DBF byte, else detected. */
  encoding?: string;
  /** Shapefile in a zip / GeoPackage: the layer (base name / table) to read. */
  layerName?: string;
  /** CSV/TSV: column of x (longitude). Default: detected from common names. */
  xField?: string;
  /** CSV/TSV: column of y (latitude). Default: detected from common names. */
  yField?: string;
  /** CSV/TSV delimiter (`,`, `\t`, `;`, `|`); default detected. */
  delimiter?: string;
  /**
   * CRS the config declares for the layer. Readers do not transform; it only informs the
   * lon/lat checks (axis order, projected coordinates without a CRS). Default none.
   */
  crs?: string;
}

/** What a reader returns. Readers never throw on bad data: problems are issues. */
export interface ReadLayerResult {
  /**
   * The features, coordinates as stored (no reprojection), x = east. Empty when an error issue
   * says the file could not be read. A Shapefile's or GeoJSON's CRS is also in the `crs` member.
   */
  fc: FeatureCollection;
  /** CRS the file declares (`.prj`, GeoJSON `crs` member), canonical (`EPSG:4549`), else `null`. */
  crs: string | null;
  issues: Issue[];
  /** Encoding used for text, for formats that carry text in an unknown encoding. */
  encoding?: EncodingInfo;
  /** The format that was read. */
  format?: LayerFormat;
}

/** A set of files making up one layer (a loose Shapefile): file name → bytes. */
export type LayerFiles = Record<string, Uint8Array>;
