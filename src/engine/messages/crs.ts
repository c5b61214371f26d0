/** Issue codes of the crs area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

const BUNDLED =
  'EPSG:4326, OGC:CRS84, EPSG:4490, EPSG:3857, CGCS2000 Gauss-Kruger EPSG:4491-4554, WGS 84 / UTM EPSG:32601-32660 and 32701-32760, Xian 1980 EPSG:2327-2390 and Beijing 1954 EPSG:2401-2442, 21413-21423, 21453-21463, 21473-21483';

const where = (a: Record<string, unknown>): string => (typeof a.layer === 'string' ? `Layer ${fmt(a.layer)}: ` : '');

export const CRS_MESSAGES: Record<string, MessageSpec> = {
  /** args: name, layer? */
  'crs-name-unparseable': {
    severity: 'error',
    template: (a) => `${where(a)}CRS name ${fmt(a.name)} is not understood; write it as EPSG:nnnn (for example EPSG:4549) or OGC:CRS84.`,
  },
  /** args: code, layer? */
  'crs-unsupported': {
    severity: 'error',
    template: (a) => `${where(a)}CRS ${String(a.code)} is not one the engine can transform (it bundles ${BUNDLED}); reproject the data to one of these or declare the right code.`,
  },
  /** args: member, layer? */
  'crs-member-unreadable': {
    severity: 'error',
    template: (a) => `${where(a)}The file's legacy "crs" member ${fmt(a.member)} cannot be read (only "name" and "EPSG" members are); set the layer's crs in the config.`,
  },
  /** args: declared, file, layer? */
  'crs-config-overrides-file': {
    severity: 'warning',
    template: (a) => `${where(a)}The config declares ${String(a.declared)} but the file's "crs" member says ${String(a.file)}; the config wins, so coordinates are read as ${String(a.declared)}.`,
  },
  /** args: code, minX, minY, maxX, maxY, layer? */
  'crs-coordinates-not-lonlat': {
    severity: 'error',
    template: (a) =>
      `${where(a)}Coordinates span x ${fmt(a.minX)}..${fmt(a.maxX)}, y ${fmt(a.minY)}..${fmt(a.maxY)}, outside longitude/latitude range, ` +
      `so they cannot be ${String(a.code)} degrees; the data are probably projected: set the layer's crs in the config (for example EPSG:4549).`,
  },
};
