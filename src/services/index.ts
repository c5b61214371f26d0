/**
 * Clients of OGC web services for the CLI and the element: WFS 1.0/1.1/2.0 and OGC API –
 * Features into lon/lat GeoJSON, with paging, progress, cancel, timeouts, caller-supplied
 * headers and clear errors. Runs in Node, pages and Web Workers (`fetch`, no DOM).
 */
export { ServiceError, redactUrl, corsMessage, readExceptionReport } from './http.js';
export type { ServiceErrorCode, ServiceProgress, ServiceRequestOptions } from './http.js';
export {
  getWfsCapabilities,
  parseWfsCapabilities,
  describeWfsFeatureType,
  parseDescribeFeatureType,
  getWfsFeatures,
  pickJsonFormat,
  pickGmlFormat,
} from './wfs.js';
export type { WfsVersion, WfsFeatureType, WfsCapabilities, WfsField, WfsOptions, WfsFeaturesOptions, WfsFeaturesResult } from './wfs.js';
export { parseGmlFeatureCollection, readGmlGeometry, isLatFirst, epsgOf } from './gml.js';
export type { FieldKind, GmlReadOptions } from './gml.js';
export { getOgcCollections, getOgcItems, isStackedMultiPolygon } from './ogcapi.js';
export type { OgcLink, OgcCollection, OgcItemsOptions, OgcItemsResult } from './ogcapi.js';
export { loadServiceLayer, serviceSourceName } from './load.js';
export type { LoadServiceLayerOptions, ServiceLayerResult } from './load.js';
export { parseXml } from './xml.js';
export type { XmlElement } from './xml.js';
