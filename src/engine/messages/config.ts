/** Issue codes of the config area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

export const CONFIG_MESSAGES: Record<string, MessageSpec> = {
};

void fmt;
