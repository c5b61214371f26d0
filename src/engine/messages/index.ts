/**
 * The catalogue of issue codes and message templates (STYLE.md §4). Codes never change meaning;
 * tests and the UI match on codes, never on message text. Each area keeps its own table in this
 * folder; this file merges them, and {@link makeIssue} is the one way to build an issue.
 */
import type { Issue, IssueSeverity } from '../types.js';
import type { MessageSpec } from './spec.js';
import { CONFIG_MESSAGES } from './config.js';
import { INVENTORY_MESSAGES } from './inventory.js';
import { PRESET_MESSAGES } from './presets.js';
import { CRS_MESSAGES } from './crs.js';
import { SPATIAL_MESSAGES } from './spatial.js';
import { BALANCE_MESSAGES } from './balance.js';
import { GEOMETRY_MESSAGES } from './geometry.js';
import { IO_FORMAT_MESSAGES } from './io-formats.js';
import { IO_MESSAGES } from './io.js';

export type { MessageSpec, MessageArgs } from './spec.js';

/** Every issue code the engine can report, with its severity and message template. */
export const MESSAGES: Readonly<Record<string, MessageSpec>> = {
  ...CONFIG_MESSAGES,
  ...INVENTORY_MESSAGES,
  ...PRESET_MESSAGES,
  ...CRS_MESSAGES,
  ...SPATIAL_MESSAGES,
  ...BALANCE_MESSAGES,
  ...GEOMETRY_MESSAGES,
  ...IO_FORMAT_MESSAGES,
  ...IO_MESSAGES,
};

/** Location and values attached to an issue. */
export type IssueDetails = Omit<Issue, 'severity' | 'code' | 'message'> & { severity?: IssueSeverity };

/**
 * Build an issue from the catalogue. `args` fill the message template; `details` locate it.
 * An unknown code is a programming error and throws.
 */
export function makeIssue(code: string, args: Record<string, unknown> = {}, details: IssueDetails = {}): Issue {
  const spec = MESSAGES[code];
  if (!spec) throw new Error(`unknown issue code ${code}`);
  const { severity, ...location } = details;
  return { severity: severity ?? spec.severity, code, message: spec.template(args), ...location };
}
