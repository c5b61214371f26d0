#!/usr/bin/env node
// A real MapServer 8 on loopback for the service tests: the shared Liechtenstein land use and
// municipalities go into one GeoPackage (ogr2ogr, as for the QGIS Server of
// scripts/qgis-server.mjs), a mapfile and a MapServer config file are written to a temp folder,
// and a small Node HTTP server runs Debian's CGI `/usr/bin/mapserv` once per request. It serves
// WFS 1.0/1.1/2.0 (GML 2, 3.1, 3.2 and GeoJSON) and OGC API Features, with
// `Access-Control-Allow-Origin: *` on every answer.
//
//   node scripts/mapserver.mjs            start, print the URLs, stop on Ctrl-C
//   import { startMapServer } from './scripts/mapserver.mjs'   (tests)
//
// Needs `apt-get install cgi-mapserver mapserver-bin gdal-bin` (Debian 12: MapServer 8.0.0).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGeoPackage, freePort, DEFAULT_DATA_DIR, QGIS_LAYERS } from './qgis-server.mjs';

export { DEFAULT_DATA_DIR };

export const MAPSERV = '/usr/bin/mapserv';

/** The layers served: the QGIS test layers' files and table names, land use and municipalities. */
export const MAPSERVER_LAYERS = QGIS_LAYERS.filter((l) => l.name === 'landuse' || l.name === 'municipalities');

/** The map alias of the OGC API path (`/mapserv/<alias>/ogcapi/…`). */
const ALIAS = 'cbm';

/**
 * The column added to every table holding its GeoPackage fid (= index of the feature in the file
 * + 1): MapServer's OGR layers do not expose the fid, and its OGC API needs a feature id item.
 */
export const FID_COLUMN = 'cbm_fid';

/** Whether the tools are installed. */
export function mapserverAvailable() {
  return existsSync(MAPSERV) && existsSync('/usr/bin/ogr2ogr') && existsSync('/usr/bin/ogrinfo');
}

/** `mapserv -v`, e.g. `MapServer version 8.0.0 OUTPUT=PNG … SUPPORTS=WFS_SERVER … SUPPORTS=OGCAPI_SERVER …`. */
export function mapserverVersion() {
  return execFileSync(MAPSERV, ['-v'], { encoding: 'utf8' }).trim();
}

/** A mapfile string literal. */
function q(s) {
  return `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The mapfile: every layer from the GeoPackage in EPSG:4326, WFS (all requests, all attributes,
 * 9 decimals in GML, GeoJSON through OGR besides GML) and OGC API Features.
 *
 * @param {{ gpkg: string, base: string, layers?: typeof MAPSERVER_LAYERS, extent?: number[], countDefault?: number }} o
 */
export function mapfileText({ gpkg, base, layers = MAPSERVER_LAYERS, extent = [9.47, 47.02, 9.64, 47.28], countDefault }) {
  const geometryType = { Polygon: 'POLYGON', Line: 'LINE', Point: 'POINT' };
  const layerBlocks = layers
    .map(
      (l) => `  LAYER
    NAME ${q(l.name)}
    TYPE ${geometryType[l.geometry] ?? 'POLYGON'}
    STATUS ON
    CONNECTIONTYPE OGR
    CONNECTION ${q(gpkg)}
    DATA ${q(l.name)}
    TEMPLATE "void"
    PROJECTION "init=epsg:4326" END
    METADATA
      "ows_title" ${q(l.name)}
      "ows_abstract" ${q(`${l.file} of ../shared/data/liechtenstein`)}
      "gml_include_items" "all"
      "gml_types" "auto"
      "gml_featureid" ${q(FID_COLUMN)}
      "wfs_geometry_precision" "9"
      "wfs_getfeature_formatlist" "geojson"
    END
    CLASS
      STYLE OUTLINECOLOR 40 40 40 END
    END
  END`,
    )
    .join('\n');
  return `MAP
  NAME "cbm"
  EXTENT ${extent.join(' ')}
  SIZE 512 512
  UNITS DD
  PROJECTION "init=epsg:4326" END
  WEB
    METADATA
      "ows_title" "carbon-balance-map test map"
      "ows_abstract" "Liechtenstein land use and municipalities (OpenStreetMap 2013)"
      "ows_contactorganization" "carbon-balance-map tests"
      "ows_onlineresource" ${q(`${base}/mapserv?`)}
      "ows_srs" "EPSG:4326 EPSG:3857"
      "ows_enable_request" "*"
      "oga_onlineresource" ${q(`${base}/mapserv/${ALIAS}/ogcapi`)}
${countDefault ? `      "wfs_maxfeatures" "${countDefault}"\n` : ''}    END
  END
  OUTPUTFORMAT
    NAME "geojson"
    DRIVER "OGR/GEOJSON"
    MIMETYPE "application/geo+json"
    FORMATOPTION "STORAGE=stream"
    FORMATOPTION "FORM=SIMPLE"
  END
${layerBlocks}
END
`;
}

/** The MapServer 8 config file: the mapfile as default map and as the OGC API alias. */
function configText(mapfile) {
  return `CONFIG
  ENV
    MS_MAPFILE ${q(mapfile)}
    MS_MAP_NO_PATH "1"
    OGCAPI_HTML_TEMPLATE_DIRECTORY "/usr/share/mapserver/ogcapi/templates/html-plain/"
  END
  MAPS
    ${ALIAS} ${q(mapfile)}
  END
END
`;
}

/** Splits a CGI answer into status, headers and body. */
function parseCgi(out) {
  let cut = out.indexOf('\r\n\r\n');
  let sep = 4;
  const lf = out.indexOf('\n\n');
  if (cut < 0 || (lf >= 0 && lf < cut)) {
    cut = lf;
    sep = 2;
  }
  if (cut < 0) return { status: 502, headers: { 'content-type': 'text/plain' }, body: Buffer.from(`mapserv wrote no CGI header:\n${out.toString('utf8', 0, 500)}`) };
  const headers = {};
  let status = 200;
  for (const line of out.toString('latin1', 0, cut).split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    if (k === 'status') status = Number.parseInt(v, 10) || 500;
    else headers[k] = v;
  }
  return { status, headers, body: out.subarray(cut + sep) };
}

/**
 * Builds the GeoPackage, mapfile and config in a temp folder and starts the HTTP front on
 * 127.0.0.1. Resolves when WFS GetCapabilities answers. `stop()` closes it and removes the folder.
 *
 * @param {{ dataDir?: string, port?: number, layers?: typeof MAPSERVER_LAYERS, countDefault?: number, log?: (line: string) => void }} [options]
 */
export async function startMapServer(options = {}) {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const layers = options.layers ?? MAPSERVER_LAYERS;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'cbm-mapserver-'));
  const children = new Set();
  let server = null;
  let stopped = false;
  let requests = 0;
  let errors = '';
  function stopSync() {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopSync);
    if (server) {
      server.closeAllConnections?.();
      await new Promise((res) => server.close(() => res()));
    }
    await Promise.all(
      [...children].map((c) =>
        c.exitCode === null
          ? new Promise((res) => {
              c.once('exit', res);
              c.kill('SIGTERM');
            })
          : null,
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopSync);
  try {
    const started = Date.now();
    const gpkg = join(dir, 'data.gpkg');
    buildGeoPackage(gpkg, dataDir, layers);
    for (const l of layers) {
      for (const sql of [`ALTER TABLE "${l.name}" ADD COLUMN ${FID_COLUMN} INTEGER`, `UPDATE "${l.name}" SET ${FID_COLUMN} = fid`]) {
        execFileSync('ogrinfo', ['-q', gpkg, '-sql', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
      }
    }
    log(`gpkg: ${Date.now() - started} ms`);
    const port = options.port ?? (await freePort());
    const base = `http://127.0.0.1:${port}`;
    const mapfile = join(dir, 'cbm.map');
    writeFileSync(mapfile, mapfileText({ gpkg, base, layers, countDefault: options.countDefault }));
    const config = join(dir, 'mapserver.conf');
    writeFileSync(config, configText(mapfile));

    server = createServer((req, res) => {
      const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Content-Type' };
      const url = new URL(req.url ?? '/', base);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*' });
        res.end();
        return;
      }
      if (url.pathname !== '/mapserv' && !url.pathname.startsWith('/mapserv/')) {
        res.writeHead(404, { ...cors, 'content-type': 'text/plain' });
        res.end('not found: the service is under /mapserv');
        return;
      }
      requests += 1;
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        MAPSERVER_CONFIG_FILE: config,
        GATEWAY_INTERFACE: 'CGI/1.1',
        SERVER_SOFTWARE: 'cbm-mapserver-front',
        SERVER_PROTOCOL: 'HTTP/1.1',
        SERVER_NAME: '127.0.0.1',
        SERVER_PORT: String(port),
        REQUEST_METHOD: req.method ?? 'GET',
        SCRIPT_NAME: '/mapserv',
        PATH_INFO: decodeURIComponent(url.pathname.slice('/mapserv'.length)),
        QUERY_STRING: url.search.slice(1),
        REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      };
      if (req.headers['content-type']) env.CONTENT_TYPE = req.headers['content-type'];
      if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
      for (const [k, v] of Object.entries(req.headers)) {
        if (k === 'content-type' || k === 'content-length' || v === undefined) continue;
        env[`HTTP_${k.toUpperCase().replace(/-/g, '_')}`] = Array.isArray(v) ? v.join(', ') : v;
      }
      const child = spawn(MAPSERV, [], { env, cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
      children.add(child);
      const out = [];
      let stderr = '';
      child.stdout.on('data', (b) => out.push(b));
      child.stderr.on('data', (b) => {
        stderr += b.toString();
      });
      req.pipe(child.stdin);
      child.stdin.on('error', () => {});
      child.on('error', (e) => {
        children.delete(child);
        if (!res.headersSent) res.writeHead(502, { ...cors, 'content-type': 'text/plain' });
        res.end(`mapserv failed to start: ${e.message}`);
      });
      child.on('close', (code) => {
        children.delete(child);
        if (res.headersSent) return;
        if (stderr) errors = `${errors}${stderr}`.slice(-20000);
        const answer = parseCgi(Buffer.concat(out));
        if (code !== 0 && answer.body.length === 0) {
          res.writeHead(502, { ...cors, 'content-type': 'text/plain' });
          res.end(`mapserv exited ${code}: ${stderr.slice(-2000)}`);
          return;
        }
        res.writeHead(answer.status, { ...answer.headers, ...cors, 'content-length': answer.body.length });
        res.end(answer.body);
      });
    });
    await new Promise((res, rej) => {
      server.once('error', rej);
      server.listen(port, '127.0.0.1', () => res());
    });
    const wfsUrl = `${base}/mapserv`;
    const r = await fetch(`${wfsUrl}?SERVICE=WFS&REQUEST=GetCapabilities&VERSION=2.0.0`);
    const t = await r.text();
    if (!r.ok || !t.includes('FeatureType')) throw new Error(`MapServer did not answer GetCapabilities (HTTP ${r.status}):\n${t.slice(0, 2000)}\n${errors.slice(-2000)}`);
    log(`MapServer ready on ${base} after ${Date.now() - started} ms`);
    return {
      base,
      port,
      dir,
      mapfile,
      /** WFS (and WMS) endpoint: the map comes from the config's MS_MAPFILE, no MAP parameter. */
      wfsUrl,
      /** OGC API Features landing page. */
      ogcUrl: `${base}/mapserv/${ALIAS}/ogcapi`,
      /** Requests answered by mapserv so far. */
      requests: () => requests,
      /** What mapserv wrote on stderr. */
      output: () => errors,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startMapServer({ port, log: (l) => console.log(l) });
  console.log(`${mapserverVersion()}\nWFS: ${server.wfsUrl}\nOGC API Features: ${server.ogcUrl}\nCtrl-C stops it.`);
  const end = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
}
