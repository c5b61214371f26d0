#!/usr/bin/env node
// A tiny static server for the demo pages: serves the repository root (read-only, GET/HEAD
// only, no directory listings outside demo/) on localhost and prints the demo's URL.
//
//   node scripts/serve-demo.mjs [--port 8765] [--host 127.0.0.1]
//
// `npm start` builds dist/carbon-balance-map.js first; the pages load it with one
// <script type="module">.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Starts the server; resolves with its base URL. Used by the browser bench too. */
export function serve({ port = 8765, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path === '/') {
      res.writeHead(302, { Location: '/demo/' }).end();
      return;
    }
    let file = normalize(join(root, path));
    // Never outside the repository, never into dot-folders (.git) or node_modules.
    if (!file.startsWith(root + sep) || /[\\/]\.|[\\/]node_modules[\\/]/.test(file.slice(root.length))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(Number(port), host, () => {
      const address = server.address();
      resolvePromise({ url: `http://${host}:${address.port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(root, 'dist/carbon-balance-map.js'))) {
    console.warn('dist/carbon-balance-map.js is missing: run `npm run build:element` first.');
  }
  const { url } = await serve({ port: option('port', process.env.PORT ?? 8765), host: option('host', '127.0.0.1') });
  console.log(`carbon-balance-map demo: ${url}/demo/`);
  console.log(`  hidden-tab demo:        ${url}/demo/tabs.html`);
  console.log(`  portal page demo:       ${url}/demo/portal.html`);
  console.log('Press Ctrl+C to stop.');
}
