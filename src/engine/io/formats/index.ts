/** Binary formats and writers: FlatGeobuf and GeoPackage readers; GeoJSON, CSV, GeoPackage and Shapefile writers. */
export { readFlatGeobuf, iterateFlatGeobuf, flatGeobufCrsCode } from './read-flatgeobuf.js';
export type { BinaryReadResult, ByteSource, FlatGeobufHeader, FlatGeobufReadResult, ReadFlatGeobufOptions } from './read-flatgeobuf.js';
export { readGeoPackage, listGeoPackageLayers } from './read-geopackage.js';
export type { GeoPackageLayerInfo, GeoPackageReadResult, ReadGeoPackageOptions } from './read-geopackage.js';
export { setSqlJsLoader, loadSqlJs } from './sql-js.js';
export type { SqlJsConfig, SqlJsDatabase, SqlJsLoader, SqlJsOptions, SqlJsStatement, SqlJsStatic, SqlValue } from './sql-js.js';
export { readWkb, writeWkb } from './wkb.js';
export type { WkbReadResult } from './wkb.js';
export { readGpkgGeometry, writeGpkgGeometry } from './gpkg-geometry.js';
