/**
 * How the GeoPackage reader and writer get SQLite: sql.js (SQLite compiled to WebAssembly), the
 * same code in Node, a page and a Worker. The engine never imports sql.js statically, so its
 * bundle carries no WASM and no Node built-ins; the structural types below are the few members
 * used.
 *
 * Where the WASM comes from is the host's business:
 * - Node (CLI, tests): nothing to do. Without a loader the engine imports the `sql.js` package
 *   on first use, and sql.js finds `dist/sql-wasm.wasm` next to itself.
 * - Browser / Worker: call {@link setSqlJsLoader} once, e.g.
 *   `setSqlJsLoader((cfg) => initSqlJs({ ...cfg, locateFile: (f) => '/assets/' + f }))`,
 *   or pass `locateFile` / `wasmBinary` / a ready `sqlJs` in a reader's or writer's options.
 */
import { EngineError } from '../../types.js';

/** A value SQLite hands back: INTEGER/REAL → number, TEXT → string, BLOB → bytes, NULL. */
export type SqlValue = number | string | Uint8Array | null;

/** The members of a sql.js prepared statement that the engine uses. */
export interface SqlJsStatement {
  bind(values?: SqlValue[]): boolean;
  step(): boolean;
  get(): SqlValue[];
  getColumnNames(): string[];
  run(values?: SqlValue[]): void;
  reset(): void;
  free(): boolean;
}

/** The members of a sql.js database that the engine uses. */
export interface SqlJsDatabase {
  exec(sql: string, params?: SqlValue[]): Array<{ columns: string[]; values: SqlValue[][] }>;
  run(sql: string, params?: SqlValue[]): unknown;
  prepare(sql: string, params?: SqlValue[]): SqlJsStatement;
  export(): Uint8Array;
  close(): void;
}

/** What `initSqlJs()` resolves to (the module object with its `Database` class). */
export interface SqlJsStatic {
  Database: new (data?: ArrayLike<number> | Uint8Array | null) => SqlJsDatabase;
}

/** Options passed on to `initSqlJs` (sql.js's own names). */
export interface SqlJsConfig {
  /** Maps a file name (`sql-wasm.wasm`) to the URL or path it is loaded from. */
  locateFile?: (file: string) => string;
  /** The WASM binary itself, when the host has already fetched it. */
  wasmBinary?: Uint8Array | ArrayBuffer;
}

/** Options of every GeoPackage function: a ready sql.js, or how to load one. */
export interface SqlJsOptions extends SqlJsConfig {
  /** A sql.js module already initialised by the host; wins over every other way. */
  sqlJs?: SqlJsStatic;
}

/** A host function that initialises sql.js (typically `(cfg) => initSqlJs(cfg)`). */
export type SqlJsLoader = (config: SqlJsConfig) => Promise<SqlJsStatic>;

let loader: SqlJsLoader | null = null;
let cached: Promise<SqlJsStatic> | null = null;

/**
 * Set how the engine loads sql.js, once per page, Worker or process; `null` restores the
 * default (import the `sql.js` package, which works in Node).
 *
 * @param fn - called with the `locateFile`/`wasmBinary` options of the first call that needs
 *   SQLite; its promise is cached, so the WASM loads once.
 * @example
 * import initSqlJs from 'sql.js';
 * setSqlJsLoader((cfg) => initSqlJs({ locateFile: (f) => `/assets/${f}`, ...cfg }));
 */
export function setSqlJsLoader(fn: SqlJsLoader | null): void {
  loader = fn;
  cached = null;
}

async function importSqlJs(config: SqlJsConfig): Promise<SqlJsStatic> {
  // A variable specifier keeps bundlers from pulling sql.js (and its Node branches) into the
  // engine bundle; Node resolves it from node_modules.
  const specifier = 'sql.js';
  let mod: { default?: unknown };
  try {
    mod = (await import(specifier)) as { default?: unknown };
  } catch (err) {
    throw new EngineError(
      'sql-js-unavailable',
      `SQLite (sql.js) is needed for GeoPackage but could not be imported (${String(err)}); call setSqlJsLoader() or pass options.sqlJs`,
    );
  }
  const init = (typeof mod.default === 'function' ? mod.default : mod) as unknown;
  if (typeof init !== 'function') throw new EngineError('sql-js-unavailable', 'the sql.js module has no init function');
  return (init as (c: SqlJsConfig) => Promise<SqlJsStatic>)(config);
}

/**
 * The sql.js module to use: `options.sqlJs`, else the loader's (cached), else the package's.
 *
 * @throws EngineError `sql-js-unavailable` when no way of loading sql.js works.
 */
export async function loadSqlJs(options: SqlJsOptions = {}): Promise<SqlJsStatic> {
  if (options.sqlJs) return options.sqlJs;
  const config: SqlJsConfig = {};
  if (options.locateFile) config.locateFile = options.locateFile;
  if (options.wasmBinary) config.wasmBinary = options.wasmBinary;
  const custom = config.locateFile !== undefined || config.wasmBinary !== undefined;
  if (custom) return loader ? loader(config) : importSqlJs(config);
  cached ??= (loader ? loader(config) : importSqlJs(config)).catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}
