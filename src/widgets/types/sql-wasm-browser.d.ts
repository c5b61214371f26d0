/** sql.js's browser build (no Node branches): its default export is `initSqlJs`. */
declare module 'sql.js/dist/sql-wasm-browser.js' {
  const initSqlJs: (config?: { locateFile?: (file: string) => string; wasmBinary?: Uint8Array | ArrayBuffer }) => Promise<unknown>;
  export default initSqlJs;
}
