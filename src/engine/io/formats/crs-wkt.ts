/**
 * WKT of the bundled CRSs, built from the same EPSG code ranges as `crs/definitions.ts`:
 * ESRI WKT for a shapefile's `.prj` (what ArcGIS and QGIS read), OGC WKT 1 with EPSG
 * authorities for GeoPackage's `gpkg_spatial_ref_sys.definition`. Checked against GDAL's
 * `gdalsrsinfo -o wkt_esri` / `-o wkt1` (test/engine/io-formats-writers.test.ts).
 */
import { parseCrsName } from '../../crs/index.js';

interface Datum { esriGeog: string; ogcGeog: string }

const WGS84: Datum = {
  esriGeog: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  ogcGeog:
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
    'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]',
};
const CGCS2000: Datum = {
  esriGeog:
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  ogcGeog:
    'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],' +
    'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]',
};

/** ESRI writes every parameter as a decimal (`500000.0`, `0.9996`). */
const esriNum = (n: number): string => (Number.isInteger(n) ? n.toFixed(1) : String(n));

interface Tm { esriName: string; ogcName: string; datum: Datum; esriMethod: string; lon0: number; k: number; x0: number; y0: number; northingFirst: boolean }

function tmWkt(code: number, p: Tm): { esri: string; ogc: string } {
  const esri =
    `PROJCS["${p.esriName}",${p.datum.esriGeog},PROJECTION["${p.esriMethod}"],PARAMETER["False_Easting",${esriNum(p.x0)}],` +
    `PARAMETER["False_Northing",${esriNum(p.y0)}],PARAMETER["Central_Meridian",${esriNum(p.lon0)}],PARAMETER["Scale_Factor",${esriNum(p.k)}],` +
    `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
  const axes = p.northingFirst ? 'AXIS["Northing",NORTH],AXIS["Easting",EAST]' : 'AXIS["Easting",EAST],AXIS["Northing",NORTH]';
  const ogc =
    `PROJCS["${p.ogcName}",${p.datum.ogcGeog},PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],` +
    `PARAMETER["central_meridian",${p.lon0}],PARAMETER["scale_factor",${p.k}],PARAMETER["false_easting",${p.x0}],` +
    `PARAMETER["false_northing",${p.y0}],UNIT["metre",1,AUTHORITY["EPSG","9001"]],${axes},AUTHORITY["EPSG","${code}"]]`;
  return { esri, ogc };
}

/** ESRI and OGC WKT of an EPSG number the engine bundles, else null. */
function wktOf(n: number): { esri: string; ogc: string } | null {
  if (n === 4326) return { esri: WGS84.esriGeog, ogc: WGS84.ogcGeog.replace(',AUTHORITY["EPSG","4326"]]', ',AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]') };
  if (n === 4490) return { esri: CGCS2000.esriGeog, ogc: CGCS2000.ogcGeog.replace(',AUTHORITY["EPSG","4490"]]', ',AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]') };
  if (n === 3857) {
    return {
      esri:
        `PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",${WGS84.esriGeog},PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],` +
        'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]',
      ogc:
        `PROJCS["WGS 84 / Pseudo-Mercator",${WGS84.ogcGeog},PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],` +
        'PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],' +
        'EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"],AUTHORITY["EPSG","3857"]]',
    };
  }
  const gk = (esriName: string, ogcName: string, lon0: number, x0: number): { esri: string; ogc: string } =>
    tmWkt(n, { esriName, ogcName, datum: CGCS2000, esriMethod: 'Gauss_Kruger', lon0, k: 1, x0, y0: 0, northingFirst: true });
  if (n >= 4491 && n <= 4501) {
    const zone = n - 4491 + 13;
    return gk(`CGCS2000_GK_Zone_${zone}`, `CGCS2000 / Gauss-Kruger zone ${zone}`, zone * 6 - 3, zone * 1e6 + 500000);
  }
  if (n >= 4502 && n <= 4512) {
    const lon0 = 75 + (n - 4502) * 6;
    return gk(`CGCS2000_GK_CM_${lon0}E`, `CGCS2000 / Gauss-Kruger CM ${lon0}E`, lon0, 500000);
  }
  if (n >= 4513 && n <= 4533) {
    const zone = n - 4513 + 25;
    return gk(`CGCS2000_3_Degree_GK_Zone_${zone}`, `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`, zone * 3, zone * 1e6 + 500000);
  }
  if (n >= 4534 && n <= 4554) {
    const lon0 = 75 + (n - 4534) * 3;
    return gk(`CGCS2000_3_Degree_GK_CM_${lon0}E`, `CGCS2000 / 3-degree Gauss-Kruger CM ${lon0}E`, lon0, 500000);
  }
  if ((n >= 32601 && n <= 32660) || (n >= 32701 && n <= 32760)) {
    const south = n > 32700;
    const zone = n - (south ? 32700 : 32600);
    const h = south ? 'S' : 'N';
    return tmWkt(n, {
      esriName: `WGS_1984_UTM_Zone_${zone}${h}`, ogcName: `WGS 84 / UTM zone ${zone}${h}`, datum: WGS84, esriMethod: 'Transverse_Mercator',
      lon0: zone * 6 - 183, k: 0.9996, x0: 500000, y0: south ? 10000000 : 0, northingFirst: false,
    });
  }
  return null;
}

/** EPSG number of a CRS name (`EPSG:4549`, `OGC:CRS84` → 4326), or null when it is no EPSG code. */
export function epsgNumber(crs: string): number | null {
  const code = parseCrsName(crs);
  if (code === 'OGC:CRS84') return 4326;
  const m = code ? /^EPSG:(\d+)$/.exec(code) : null;
  return m ? Number(m[1]) : null;
}

/**
 * ESRI WKT (a shapefile's `.prj`) of a bundled CRS.
 *
 * @param crs - a CRS name (`EPSG:4326`, `EPSG:4549`, `OGC:CRS84`, …).
 * @returns the WKT, or null when the CRS is not bundled.
 * @example
 * esriWkt('EPSG:4326'); // 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",…'
 */
export function esriWkt(crs: string): string | null {
  const n = epsgNumber(crs);
  return n === null ? null : wktOf(n)?.esri ?? null;
}

/** OGC WKT 1 with EPSG authorities (GeoPackage `definition`) of a bundled CRS, or null. */
export function ogcWkt(crs: string): string | null {
  const n = epsgNumber(crs);
  return n === null ? null : wktOf(n)?.ogc ?? null;
}
