/**
 * Parcel properties as columns: numbers in typed arrays (transferred from the worker without
 * copying), text in plain arrays. A land-use remap replaces the table and leaves the 10⁵
 * OpenLayers features alone; a feature only knows its row.
 */
import type { ParcelProperties, Properties } from '../../engine/index.js';
import type { ParcelColumns } from '../worker/protocol.js';

/** Properties → columns (in the worker). A key whose every value is a number becomes a Float64Array. */
export function toParcelColumns(rows: ReadonlyArray<Properties | null>): ParcelColumns {
  const keys = new Set<string>();
  for (const r of rows) if (r) for (const k of Object.keys(r)) keys.add(k);
  const numbers: Record<string, Float64Array> = {};
  const values: Record<string, unknown[]> = {};
  for (const key of keys) {
    let numeric = true;
    for (const r of rows) {
      if (typeof r?.[key] !== 'number') {
        numeric = false;
        break;
      }
    }
    if (numeric) {
      const col = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) col[i] = rows[i]![key] as number;
      numbers[key] = col;
    } else {
      values[key] = rows.map((r) => r?.[key] ?? null);
    }
  }
  return { length: rows.length, numbers, values };
}

/** Read access to parcel columns. */
export class ParcelTable {
  constructor(readonly columns: ParcelColumns) {}

  get length(): number {
    return this.columns.length;
  }

  /** A numeric property of row `i`, or null. */
  number(key: string, i: number): number | null {
    const col = this.columns.numbers[key];
    if (col) return col[i];
    const v = this.columns.values[key]?.[i];
    return typeof v === 'number' ? v : null;
  }

  /** The whole numeric column of a key (null values as null). */
  numberColumn(key: string): Array<number | null> {
    const col = this.columns.numbers[key];
    if (col) return Array.from(col);
    return (this.columns.values[key] ?? []).map((v) => (typeof v === 'number' ? v : null));
  }

  /** All properties of row `i` as a new object. */
  row(i: number): ParcelProperties {
    const out: Record<string, unknown> = {};
    for (const [k, col] of Object.entries(this.columns.values)) out[k] = col[i];
    for (const [k, col] of Object.entries(this.columns.numbers)) out[k] = col[i];
    return out as unknown as ParcelProperties;
  }

  /** Every row, as objects. */
  rows(): ParcelProperties[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** Ids of the rows. */
  id(i: number): string {
    return String(this.columns.values.id?.[i] ?? this.columns.numbers.id?.[i] ?? i);
  }
}
