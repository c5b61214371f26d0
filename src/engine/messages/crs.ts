/** Issue codes of the crs area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

export const CRS_MESSAGES: Record<string, MessageSpec> = {
};

void fmt;
