/** Sector summary of an inventory (the paper's Figure 4 and Table 3 shares). */
import { SECTOR_IDS, type SectorId } from '../types.js';
import type { SectorSummary } from '../run-types.js';

/**
 * Sum signed tonnes per sector, in the order of {@link SECTOR_IDS} (all six sectors, zeros
 * included).
 *
 * Each item counts as gross when its `netT` ≥ 0 and as sink (positive magnitude) when < 0.
 * `shareOfNet` = sector net ÷ city net × 100 (the paper's convention: industry 81.32 % of
 * Suzhou's net 23,776.11 ×10⁴ t); `shareOfGross` = sector gross ÷ city gross × 100, null for the
 * sinks sector. Both are null when their denominator is 0 (never NaN or Infinity).
 *
 * @param items pools or inventory lines (anything with `sector` and signed `netT`, t CO2e)
 * @returns one summary per sector
 * @example
 * summariseSectors(result.pools).find((s) => s.id === 'industry')?.shareOfNet; // 81.32…
 */
export function summariseSectors(items: ReadonlyArray<{ sector: SectorId; netT: number }>): SectorSummary[] {
  const gross = new Map<SectorId, number>(SECTOR_IDS.map((id) => [id, 0]));
  const sink = new Map<SectorId, number>(SECTOR_IDS.map((id) => [id, 0]));
  for (const it of items) {
    if (!Number.isFinite(it.netT) || !gross.has(it.sector)) continue;
    if (it.netT >= 0) gross.set(it.sector, gross.get(it.sector)! + it.netT);
    else sink.set(it.sector, sink.get(it.sector)! - it.netT);
  }
  let cityGross = 0;
  let cityNet = 0;
  for (const id of SECTOR_IDS) {
    cityGross += gross.get(id)!;
    cityNet += gross.get(id)! - sink.get(id)!;
  }
  return SECTOR_IDS.map((id) => {
    const grossT = gross.get(id)!;
    const sinkT = sink.get(id)!;
    const netT = grossT - sinkT;
    return {
      id,
      grossT,
      sinkT,
      netT,
      // Guard the divisions (STYLE.md §2): a city with no net or no gross gets null shares.
      shareOfNet: cityNet !== 0 ? (netT / cityNet) * 100 : null,
      shareOfGross: id === 'sinks' || cityGross === 0 ? null : (grossT / cityGross) * 100,
    };
  });
}
