/** Classed maps (METHOD.md §5). */
export { classify, classIndex } from './classify.js';
export type { Classification, ClassifyMethod, ClassifyOptions } from './classify.js';
