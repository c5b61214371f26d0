/** Issue codes of the inventory area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

export const INVENTORY_MESSAGES: Record<string, MessageSpec> = {
};

void fmt;
