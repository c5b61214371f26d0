/** Shape of one catalogue entry. */
export type MessageArgs = Record<string, unknown>;

export interface MessageSpec {
  severity: 'error' | 'warning' | 'info';
  /** Builds the English sentence from the arguments. */
  template: (args: MessageArgs) => string;
}

/** Format a value for a message: numbers with up to 3 decimals, strings quoted, others JSON. */
export function fmt(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '');
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try { return JSON.stringify(value); } catch { return String(value); }
}
