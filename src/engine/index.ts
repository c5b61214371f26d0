/**
 * Public API of the headless engine: pure functions over plain data, no DOM, no OpenLayers.
 * Runs unchanged in Node, a browser page and a Web Worker.
 */
export * from './types.js';
export type * from './config/types.js';
export type * from './run-types.js';
export { SUBSECTORS, subsectorSpec } from './method.js';
export type { PoolSpec, SubsectorSpec, WeightRule } from './method.js';
export { MESSAGES, makeIssue } from './messages/index.js';
