/** Issue codes of the spatial area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

export const SPATIAL_MESSAGES: Record<string, MessageSpec> = {
};

void fmt;
