#!/usr/bin/env node
// A real QGIS Server on loopback for the service tests: converts the shared Liechtenstein layers
// to one GeoPackage with ogr2ogr, writes a QGIS project by hand (plain XML), starts Debian's
// standalone `qgis_mapserver` with a CORS server filter plugin, and stops it again.
//
//   node scripts/qgis-server.mjs            start, print the URLs, stop on Ctrl-C
//   import { startQgisServer } from './scripts/qgis-server.mjs'   (tests)
//
// Needs `apt-get install qgis-server gdal-bin` (Debian 12: QGIS 3.22). WFS 1.0/1.1, OGC API
// Features under /wfs3, WMS 1.3.0 and WMTS (KVP) come from the same project.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DATA_DIR = resolve(here, '../../shared/data/liechtenstein');

/** The layers served: GeoJSON file, GeoPackage table / WFS short name, layer id (> 10 chars), geometry, colour. */
export const QGIS_LAYERS = [
  { file: 'landuse.geojson', name: 'landuse', id: 'cbm_landuse_parcels_layer', geometry: 'Polygon', colour: '120,170,90,255' },
  { file: 'municipalities_admin8.geojson', name: 'municipalities', id: 'cbm_municipalities_units_layer', geometry: 'Polygon', colour: '0,0,0,0' },
  { file: 'poi_points.geojson', name: 'pois', id: 'cbm_poi_points_layer', geometry: 'Point', colour: '200,60,60,255' },
  { file: 'roads.geojson', name: 'roads', id: 'cbm_roads_lines_layer', geometry: 'Line', colour: '90,90,90,255' },
  { file: 'buildings.geojson', name: 'buildings', id: 'cbm_buildings_population_layer', geometry: 'Polygon', colour: '180,120,90,255' },
];

/** Whether the tools are installed. */
export function qgisServerAvailable() {
  return existsSync('/usr/bin/qgis_mapserver') && existsSync('/usr/bin/ogr2ogr');
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/**
 * Converts the layers' GeoJSON files to one GeoPackage with ogr2ogr: one table per layer, named
 * `l.name`, in the file's feature order (fid = index + 1), with a spatial index.
 *
 * @param {string} gpkg  the GeoPackage to write
 * @param {string} dataDir  folder of the GeoJSON files
 * @param {Array<{ file: string, name: string }>} layers
 */
export function buildGeoPackage(gpkg, dataDir, layers) {
  for (const [i, l] of layers.entries()) {
    const args = ['-f', 'GPKG', ...(i > 0 ? ['-update'] : []), gpkg, join(dataDir, l.file), '-nln', l.name, '-lco', 'SPATIAL_INDEX=YES'];
    execFileSync('ogr2ogr', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

const WGS84 =
  '<spatialrefsys><wkt></wkt><proj4>+proj=longlat +datum=WGS84 +no_defs</proj4><srsid>3452</srsid><srid>4326</srid>' +
  '<authid>EPSG:4326</authid><description>WGS 84</description><projectionacronym>longlat</projectionacronym>' +
  '<ellipsoidacronym>EPSG:7030</ellipsoidacronym><geographicflag>true</geographicflag></spatialrefsys>';

function symbol(geometry, colour) {
  if (geometry === 'Point') {
    return `<symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0">
<prop k="color" v="${colour}"/><prop k="name" v="circle"/><prop k="size" v="2"/><prop k="outline_style" v="no"/></layer></symbol>`;
  }
  if (geometry === 'Line') {
    return `<symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" enabled="1" locked="0" pass="0">
<prop k="line_color" v="${colour}"/><prop k="line_width" v="0.3"/><prop k="line_style" v="solid"/></layer></symbol>`;
  }
  return `<symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0">
<prop k="color" v="${colour}"/><prop k="style" v="${colour.endsWith(',0') ? 'no' : 'solid'}"/><prop k="outline_color" v="40,40,40,255"/><prop k="outline_width" v="0.2"/><prop k="outline_style" v="solid"/></layer></symbol>`;
}

/** The .qgs project text: every layer served by WMS, WFS (8 decimals), OGC API Features and WMTS. */
export function projectXml(layers = QGIS_LAYERS, extent = [9.47, 47.04, 9.64, 47.28]) {
  const [w, s, e, n] = extent;
  const maplayers = layers
    .map(
      (l) => `<maplayer type="vector" geometry="${l.geometry}" autoRefreshEnabled="0" readOnly="0">
<extent><xmin>${w}</xmin><ymin>${s}</ymin><xmax>${e}</xmax><ymax>${n}</ymax></extent>
<id>${l.id}</id><datasource>./data.gpkg|layername=${l.name}</datasource>
<layername>${l.name}</layername><shortname>${l.name}</shortname><title>${l.name}</title>
<srs>${WGS84}</srs><provider encoding="UTF-8">ogr</provider>
<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0"><symbols>${symbol(l.geometry, l.colour)}</symbols></renderer-v2>
</maplayer>`,
    )
    .join('\n');
  const tree = layers.map((l) => `<layer-tree-layer id="${l.id}" name="${l.name}" source="./data.gpkg|layername=${l.name}" providerKey="ogr" checked="Qt::Checked" expanded="0"/>`).join('\n');
  const ids = layers.map((l) => `<value>${l.id}</value>`).join('');
  const precision = layers.map((l) => `<${l.id} type="int">8</${l.id}>`).join('');
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis projectname="cbm-liechtenstein" version="3.22.16-Białowieża">
<title>cbm-liechtenstein</title>
<projectCrs>${WGS84}</projectCrs>
<layer-tree-group>
${tree}
</layer-tree-group>
<projectlayers>
${maplayers}
</projectlayers>
<properties>
<WMSServiceCapabilities type="bool">true</WMSServiceCapabilities>
<WMSServiceTitle type="QString">carbon-balance-map test project</WMSServiceTitle>
<WMSExtent type="QStringList"><value>${w}</value><value>${s}</value><value>${e}</value><value>${n}</value></WMSExtent>
<WMSCrsList type="QStringList"><value>EPSG:4326</value><value>EPSG:3857</value><value>EPSG:4490</value></WMSCrsList>
<WFSLayers type="QStringList">${ids}</WFSLayers>
<WFSLayersPrecision>${precision}</WFSLayersPrecision>
<WMTSLayers><Project type="bool">true</Project></WMTSLayers>
<WMTSPngLayers><Project type="bool">true</Project></WMTSPngLayers>
<WMTSJpegLayers><Project type="bool">false</Project></WMTSJpegLayers>
<WMTSGrids><CRS type="QStringList"><value>EPSG:3857</value><value>EPSG:4490</value></CRS>
<Config type="QStringList"><value>EPSG:3857,-20037508.3427892,20037508.3427892,559082264.0287178,18</value><value>EPSG:4490,-180,90,279541132.0143589,18</value></Config></WMTSGrids>
</properties>
</qgis>
`;
}

/** The server filter plugin adding `Access-Control-Allow-Origin` to every answer. */
const CORS_PLUGIN = `from qgis.server import QgsServerFilter


class CbmCorsFilter(QgsServerFilter):
    def _allow(self):
        handler = self.serverInterface().requestHandler()
        handler.setResponseHeader('Access-Control-Allow-Origin', '*')
        handler.setResponseHeader('Access-Control-Expose-Headers', 'Content-Type')

    def requestReady(self):
        self._allow()

    def responseComplete(self):
        self._allow()


class CbmCorsPlugin:
    def __init__(self, server_iface):
        server_iface.registerFilter(CbmCorsFilter(server_iface), 100)


def serverClassFactory(server_iface):
    return CbmCorsPlugin(server_iface)
`;

const PLUGIN_METADATA = `[general]
name=cbm_cors
description=Adds Access-Control-Allow-Origin to QGIS Server answers
version=1.0
qgisMinimumVersion=3.0
server=True
author=carbon-balance-map
email=none@example.org
about=CORS for tests
repository=none
`;

/**
 * Builds the GeoPackage and project in a temp folder and starts qgis_mapserver on 127.0.0.1.
 * Resolves when the server answers GetCapabilities. `stop()` ends it and removes the folder.
 *
 * @param {{ dataDir?: string, port?: number, cors?: boolean, log?: (line: string) => void, layers?: typeof QGIS_LAYERS }} [options]
 */
export async function startQgisServer(options = {}) {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const layers = options.layers ?? QGIS_LAYERS;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'cbm-qgis-'));
  let child = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopSync);
    if (child && child.exitCode === null) {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  function stopSync() {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  process.on('exit', stopSync);
  try {
    const started = Date.now();
    buildGeoPackage(join(dir, 'data.gpkg'), dataDir, layers);
    log(`gpkg: ${Date.now() - started} ms`);
    const project = join(dir, 'project.qgs');
    writeFileSync(project, projectXml(layers));
    const pluginDir = join(dir, 'plugins', 'cbm_cors');
    mkdirSync(pluginDir, { recursive: true });
    writeFileSync(join(pluginDir, '__init__.py'), CORS_PLUGIN);
    writeFileSync(join(pluginDir, 'metadata.txt'), PLUGIN_METADATA);
    const runtime = join(dir, 'runtime');
    mkdirSync(runtime, { recursive: true, mode: 0o700 });
    const port = options.port ?? (await freePort());
    const env = {
      ...process.env,
      QT_QPA_PLATFORM: 'offscreen',
      XDG_RUNTIME_DIR: runtime,
      HOME: dir,
      QGIS_PROJECT_FILE: project,
      QGIS_SERVER_LOG_LEVEL: '1',
      QGIS_SERVER_LOG_STDERR: '1',
      QGIS_SERVER_PARALLEL_RENDERING: '0',
    };
    if (options.cors !== false) env.QGIS_PLUGINPATH = join(dir, 'plugins');
    child = spawn('/usr/bin/qgis_mapserver', ['-l', '1', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    let output = '';
    const keep = (b) => {
      output += b.toString();
      if (output.length > 20000) output = output.slice(-20000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const base = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`qgis_mapserver exited (${child.exitCode}):\n${output.slice(-3000)}`);
      try {
        const r = await fetch(`${base}/ows/?SERVICE=WFS&REQUEST=GetCapabilities&VERSION=1.1.0`);
        const t = await r.text();
        if (r.ok && t.includes('FeatureType')) break;
      } catch {
        // Not listening yet.
      }
      if (tries > 150) throw new Error(`qgis_mapserver did not answer within 30 s:\n${output.slice(-3000)}`);
      await new Promise((res) => setTimeout(res, 200));
    }
    log(`qgis_mapserver ready on ${base} after ${Date.now() - started} ms`);
    return {
      base,
      port,
      dir,
      /** WFS / WMS / WMTS endpoint. */
      owsUrl: `${base}/ows/`,
      /** OGC API Features landing page. */
      ogcUrl: `${base}/wfs3`,
      output: () => output,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startQgisServer({ port, log: (l) => console.log(l) });
  console.log(`WFS/WMS/WMTS: ${server.owsUrl}\nOGC API Features: ${server.ogcUrl}\nCtrl-C stops it.`);
  const end = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
}
