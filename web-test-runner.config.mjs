// Browser tests of <carbon-balance-map>: web-test-runner in the system Chromium (no browser
// download), TypeScript through esbuild (target chrome130 keeps `import … with { type: 'css' }`
// and transforms Lit's decorators), CommonJS dependencies through rollup's commonjs plugin.
// The closing line `N passed, N failed` is printed alone on a line by a small reporter: CI reads it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { readFileSync, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { startQgisServer, qgisServerAvailable, DEFAULT_DATA_DIR } from './scripts/qgis-server.mjs';
import { startMapServer, mapserverAvailable } from './scripts/mapserver.mjs';

const commonjs = fromRollup(rollupCommonjs);

// Chromium's profile lives in a temp folder that the launcher does not remove: remove it on exit.
const userDataDir = mkdtempSync(join(tmpdir(), 'cbm-wtr-chromium-'));
let removed = false;
function removeProfile() {
  if (removed) return;
  removed = true;
  try {
    rmSync(userDataDir, { recursive: true, force: true });
  } catch {
    // A locked file on a crashed browser: nothing more to do.
  }
}
process.on('exit', removeProfile);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    removeProfile();
    process.exit(130);
  });
}

/** Counts every test of every session; a session that failed outside any test counts as one failure. */
function countResults(sessions) {
  let passed = 0;
  let failed = 0;
  for (const session of sessions) {
    let sessionFailed = 0;
    const walk = (suite) => {
      if (!suite) return;
      for (const test of suite.tests ?? []) {
        if (test.skipped) continue;
        if (test.passed) passed += 1;
        else sessionFailed += 1;
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    walk(session.testResults);
    if (!session.passed && sessionFailed === 0) sessionFailed = 1;
    failed += sessionFailed;
  }
  return { passed, failed };
}

/**
 * Prints `N passed, N failed` alone on the last line. wtr writes its own summary after the
 * reporters stop, so the line is written when the process exits (stdout to a pipe or file is
 * synchronous on Linux, so it is not lost).
 */
function closingLineReporter() {
  let line = null;
  process.on('exit', () => {
    if (line) process.stdout.write(`\n${line}\n`);
  });
  return {
    stop({ sessions }) {
      const { passed, failed } = countResults(sessions);
      line = `${passed} passed, ${failed} failed`;
    },
  };
}

/** The QGIS Server of the service tests, started once on first use. */
let qgisPromise = null;
function ensureQgis() {
  qgisPromise ??= startQgisServer();
  return qgisPromise;
}

/** The MapServer of the service tests (WFS 2.0, OGC API Features), started once on first use. */
let mapserverPromise = null;

/** Key the Tianditu stand-in below accepts (a test value, not a real key). */
const TIANDITU_TEST_KEY = 'cbm-test-key';

/**
 * A Tianditu (天地图) stand-in on the test server: `/tianditu/<layer>_<w|c>/wmts?…&tk=…` answers
 * Tianditu-style WMTS KVP tile requests (matrices 1–18) from the local QGIS Server: `w` from its
 * EPSG:3857 WMTS at the same level, `c` from its WMS in EPSG:4490 over the tile's bounds. A wrong
 * key gets 403 like the real one.
 */
async function tiandituStandIn(ctx, next) {
  const m = /^\/tianditu\/([a-z]+)_([wc])\/wmts$/.exec(ctx.path);
  if (!m) return next();
  const q = Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k.toLowerCase(), v]));
  const get = (k) => q[k.toLowerCase()];
  if (get('tk') !== TIANDITU_TEST_KEY) {
    ctx.status = 403;
    ctx.body = 'bad key';
    return undefined;
  }
  const server = await ensureQgis();
  const level = Number(get('TILEMATRIX'));
  const row = Number(get('TILEROW'));
  const col = Number(get('TILECOL'));
  let url;
  if (m[2] === 'w') {
    url = `${server.owsUrl}?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cbm-liechtenstein&STYLE=default&TILEMATRIXSET=EPSG:3857&TILEMATRIX=${level}&TILEROW=${row}&TILECOL=${col}&FORMAT=image/png`;
  } else {
    // QGIS Server 3.22's own EPSG:4490 WMTS matrices are unusable (limits of −1), so a `c` tile
    // is drawn by WMS 1.3.0 in EPSG:4490 (lat,lon BBOX): a level-z tile spans 360 / 2^z degrees from (−180, 90).
    const span = 360 / 2 ** level;
    const west = -180 + col * span;
    const north = 90 - row * span;
    url = `${server.owsUrl}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=landuse&STYLES=&CRS=EPSG:4490&BBOX=${north - span},${west},${north},${west + span}&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=true`;
  }
  const r = await fetch(url);
  ctx.status = r.status;
  ctx.set('Content-Type', r.headers.get('content-type') ?? 'application/octet-stream');
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.body = Buffer.from(await r.arrayBuffer());
  return undefined;
}

export default {
  middleware: [tiandituStandIn],
  rootDir: '.',
  files: ['test/widgets/**/*.test.ts', 'test/render/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'import', 'default'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 180_000,
  testFramework: {
    config: { timeout: 60_000 },
  },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        userDataDir,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--font-render-hinting=none',
        ],
      },
    }),
  ],
  plugins: [
    commonjs({ strictRequires: false, include: ['**/node_modules/**'] }),
    esbuildPlugin({ ts: true, target: 'chrome130', tsconfig: 'tsconfig.widgets.json' }),
    {
      // `executeServerCommand('cbm-screenshot', { path })` saves a screenshot of the page under a
      // git-ignored `actual/` folder of test/ (for render tests and for looking at a failure).
      // With UPDATE=1 it may also write a render case's expected.png (`cbm-update-mode` says so).
      name: 'cbm-screenshot',
      async executeCommand({ command, payload, session }) {
        if (command === 'cbm-update-mode') return process.env.UPDATE === '1';
        if (command !== 'cbm-screenshot') return undefined;
        const out = resolve(payload.path);
        const isExpected = process.env.UPDATE === '1' && out.startsWith(resolve('test/render') + sep) && out.endsWith(`${sep}expected.png`);
        if (!isExpected && (!out.startsWith(resolve('test') + sep) || !out.includes(`${sep}actual${sep}`))) {
          throw new Error(`cbm-screenshot writes only under test/**/actual/ (or expected.png with UPDATE=1), got ${payload.path}`);
        }
        const page = session.browser.getPage(session.id);
        mkdirSync(dirname(out), { recursive: true });
        if (payload.base64) writeFileSync(out, Buffer.from(payload.base64, 'base64'));
        else await page.screenshot({ path: out, fullPage: false });
        return true;
      },
    },
    {
      // A real QGIS Server for test/widgets/services-*.test.ts, started on the first
      // `executeServerCommand('cbm-qgis')` and stopped with the test server. Its CORS filter plugin
      // lets the page (another origin) read it. `cbm-shared-layer` hands a shared data file to a
      // page (../shared/data is outside the served root).
      name: 'cbm-qgis',
      async executeCommand({ command, payload }) {
        if (command === 'cbm-shared-layer') {
          const file = `${DEFAULT_DATA_DIR}/${basename(String(payload.file))}`;
          return existsSync(file) ? readFileSync(file, 'utf8') : null;
        }
        if (command !== 'cbm-qgis') return undefined;
        const required = process.env.CBM_REQUIRE_QGIS === '1';
        if (!existsSync(DEFAULT_DATA_DIR)) return { unavailable: `shared data absent: ${DEFAULT_DATA_DIR}`, required: false };
        if (!qgisServerAvailable() && !required) return { unavailable: 'qgis_mapserver / ogr2ogr not installed', required };
        const server = await ensureQgis();
        return { owsUrl: server.owsUrl, ogcUrl: server.ogcUrl, base: server.base, tiandituKey: TIANDITU_TEST_KEY };
      },
      async serverStop() {
        if (qgisPromise) await (await qgisPromise.catch(() => null))?.stop();
      },
    },
    {
      // A real MapServer 8 (Debian's CGI mapserv behind scripts/mapserver.mjs) for
      // test/widgets/services-mapserver.test.ts: WFS 2.0 and OGC API Features of the Liechtenstein
      // land use and municipalities, with Access-Control-Allow-Origin: *. Started on the first
      // `executeServerCommand('cbm-mapserver')`, stopped with the test server.
      name: 'cbm-mapserver',
      async executeCommand({ command }) {
        if (command !== 'cbm-mapserver') return undefined;
        const required = process.env.CBM_REQUIRE_MAPSERVER === '1';
        if (!existsSync(DEFAULT_DATA_DIR)) return { unavailable: `shared data absent: ${DEFAULT_DATA_DIR}`, required: false };
        if (!mapserverAvailable() && !required) return { unavailable: 'mapserv / ogr2ogr not installed', required };
        mapserverPromise ??= startMapServer();
        const server = await mapserverPromise;
        return { wfsUrl: server.wfsUrl, ogcUrl: server.ogcUrl, base: server.base };
      },
      async serverStop() {
        if (mapserverPromise) await (await mapserverPromise.catch(() => null))?.stop();
      },
    },
    {
      name: 'cbm-remove-profile',
      serverStop() {
        removeProfile();
      },
    },
  ],
  reporters: [defaultReporter(), closingLineReporter()],
};
