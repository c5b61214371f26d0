/**
 * Carbon-balance indices (CCR, ECC, ESC) and four-zone zoning of units (METHOD.md §4).
 *
 * Decisions the method leaves open are written down in docs/balance-and-classification.md.
 */
import { EngineError } from '../types.js';
import type { Issue, ZoneId } from '../types.js';
import { makeIssue } from '../messages/index.js';

/** One unit (township / street) as the indices need it (METHOD.md §3). */
export interface BalanceInput {
  id: string;
  name: string;
  /** Gross emissions C_i, t CO2e, positive sources only, ≥ 0. */
  emissionT: number;
  /** Sinks CA_i as a positive magnitude, t CO2e, ≥ 0. */
  sinkT: number;
  /** Economic weight G_i (GDP, any currency unit, the same for every unit), or null when unknown. */
  gdp: number | null;
}

/** Where an index exactly on the threshold goes: `above` (the ">" side) or `below` (the "<" side). */
export type TieRule = 'above' | 'below';

export interface BalanceOptions {
  /** Threshold for ECC and ESC, a positive ratio. Default 1 (METHOD.md §4). */
  threshold?: number;
  /** Side of the threshold for an index equal to it (within {@link THRESHOLD_REL_TOLERANCE}). Default `above`. */
  tieRule?: TieRule;
}

/**
 * Why an index or the zone of a unit is null.
 * - `invalid-input`: C_i or CA_i is not a finite number ≥ 0; the unit is left out of the city totals.
 * - `zero-emissions`: C_i = 0, so no index can be formed.
 * - `missing-gdp`: G_i is null; CCR and ESC are still given.
 * - `invalid-gdp`: G_i is not a finite number ≥ 0; treated as missing.
 * - `city-gdp-zero`: the city GDP total G is 0 (or no unit has GDP); no ECC.
 * - `city-sink-zero`: the city sink total CA is 0; no ESC.
 * - `index-not-finite`: an index overflowed (C_i is vanishingly small next to C); left empty.
 */
export type BalanceReason =
  | 'invalid-input'
  | 'zero-emissions'
  | 'missing-gdp'
  | 'invalid-gdp'
  | 'city-gdp-zero'
  | 'city-sink-zero'
  | 'index-not-finite';

/** One unit's indices and zone. Every number is finite or null. */
export interface UnitBalance {
  id: string;
  name: string;
  /** C_i, t CO2e (null when the input was not a finite number). */
  emissionT: number | null;
  /** CA_i magnitude, t CO2e (null when the input was not a finite number). */
  sinkT: number | null;
  /** G_i, null when missing or invalid. */
  gdp: number | null;
  /** Carbon compensation rate CCR_i = CA_i / C_i (a ratio: 0.0105 = 1.05 %). */
  ccr: number | null;
  /** Economic contribution coefficient ECC_i = (G_i / G) / (C_i / C). */
  ecc: number | null;
  /** Ecological support coefficient ESC_i = (CA_i / CA) / (C_i / C). */
  esc: number | null;
  zone: ZoneId | null;
  /** The first reason (in the order of {@link BalanceReason}) why an index or the zone is null, or null. */
  reason: BalanceReason | null;
  /** Every reason that applies, in that order (empty when the unit is zoned). */
  reasons: BalanceReason[];
}

export interface BalanceResult {
  units: UnitBalance[];
  city: {
    /** C = Σ C_i over units with valid inputs, t CO2e. */
    emissionT: number;
    /** CA = Σ CA_i over units with valid inputs, t CO2e (magnitude). */
    sinkT: number;
    /** G = Σ G_i over units with valid inputs and a known GDP; null when no unit has one. */
    gdp: number | null;
    /** City CCR = CA / C, null when C = 0. */
    ccr: number | null;
    /** Units whose GDP entered G. */
    unitsWithGdp: number;
  };
  /** Number of units in each zone; `unzoned` counts every unit with no zone. */
  zones: Record<ZoneId | 'unzoned', number>;
  /** Units on each side of the threshold, per index (units with that index only; ties per the tie rule). */
  indexCounts: { eccAbove: number; eccBelow: number; escAbove: number; escBelow: number };
  /** The zoning settings actually used. */
  zoning: { threshold: number; tieRule: TieRule; relTolerance: number };
  issues: Issue[];
}

/**
 * Relative tolerance for "exactly on the threshold": |index − t| ≤ 1e-12 · t counts as a tie.
 * Why: an index that is exactly 1 in real arithmetic (equal shares, a single unit) is formed from
 * three rounded divisions and can come out as 0.9999999999999998; the tie rule must still apply.
 * Genuine differences of 1e-12 are far below the precision of any emission estimate.
 */
export const THRESHOLD_REL_TOLERANCE = 1e-12;

/** Which side of the threshold `value` is on, applying the tie rule within the tolerance. */
function sideOf(value: number, threshold: number, tieRule: TieRule): TieRule {
  if (Math.abs(value - threshold) <= THRESHOLD_REL_TOLERANCE * threshold) return tieRule;
  return value > threshold ? 'above' : 'below';
}

/** METHOD.md §4 zone table, by the sides of ECC and ESC. */
function zoneOf(ecc: TieRule, esc: TieRule): ZoneId {
  if (ecc === 'above') return esc === 'above' ? 'low-carbon-economic' : 'carbon-source-control';
  return esc === 'above' ? 'carbon-sink-functional' : 'high-carbon-optimisation';
}

/**
 * Largest accepted C_i, CA_i or G_i. Why a cap at all: sums of finite numbers near 1.8e308
 * overflow to Infinity; below 1e150 no realistic number of units can overflow a total.
 */
const MAX_AMOUNT = 1e150;

const isValidAmount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_AMOUNT;

/**
 * Compute the carbon-balance indices of every unit and zone it (METHOD.md §4).
 *
 * City totals are sums over units: C = Σ C_i, CA = Σ CA_i, G = Σ G_i over the units whose GDP is
 * known (units with missing GDP get no ECC, and their GDP is not guessed). Units whose C_i or CA_i
 * is invalid are left out of all three totals. Zones need both ECC and ESC:
 * `low-carbon-economic` (ECC > t, ESC > t), `carbon-source-control` (ECC > t, ESC < t),
 * `carbon-sink-functional` (ECC < t, ESC > t), `high-carbon-optimisation` (ECC < t, ESC < t).
 * An index within {@link THRESHOLD_REL_TOLERANCE} of t goes to the side named by `tieRule`.
 *
 * @param units - the units, with C_i and CA_i in t CO2e and G_i in any one currency unit. Not mutated.
 * @param options - `threshold` (default 1), `tieRule` (default `above`).
 * @returns per-unit indices (null with a reason where they cannot be formed), city totals, zone
 *   counts and issues. Never NaN or Infinity.
 * Issue codes: `balance-no-units`, `balance-duplicate-unit-id`, `balance-invalid-emission`,
 * `balance-invalid-sink`, `balance-invalid-gdp`, `balance-missing-gdp`, `balance-zero-emissions`,
 * `balance-city-emission-zero`, `balance-city-gdp-zero`, `balance-city-gdp-missing`,
 * `balance-city-sink-zero`, `balance-index-not-finite`.
 * @throws EngineError `invalid-argument` when `units` is not an array or an option is out of range.
 * @example
 * const r = computeBalance([
 *   { id: 'a', name: 'A', emissionT: 100, sinkT: 4, gdp: 30 },
 *   { id: 'b', name: 'B', emissionT: 300, sinkT: 1, gdp: 50 },
 * ]);
 * r.units[0].zone; // 'low-carbon-economic' (ECC = (30/80)/(100/400) = 1.5, ESC = (4/5)/(100/400) = 3.2)
 */
export function computeBalance(units: readonly BalanceInput[], options: BalanceOptions = {}): BalanceResult {
  if (!Array.isArray(units)) {
    throw new EngineError('invalid-argument', `units must be an array of BalanceInput, got ${typeof units}`);
  }
  const threshold = options.threshold ?? 1;
  const tieRule: TieRule = options.tieRule ?? 'above';
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
    throw new EngineError('invalid-argument', `threshold must be a positive finite number, got ${String(threshold)}`);
  }
  if (tieRule !== 'above' && tieRule !== 'below') {
    throw new EngineError('invalid-argument', `tieRule must be 'above' or 'below', got ${String(tieRule)}`);
  }

  const issues: Issue[] = [];
  if (units.length === 0) issues.push(makeIssue('balance-no-units'));

  const idCounts = new Map<string, number>();
  for (const u of units) idCounts.set(u.id, (idCounts.get(u.id) ?? 0) + 1);
  for (const [id, count] of idCounts) {
    if (count > 1) issues.push(makeIssue('balance-duplicate-unit-id', { id, count }, { featureId: id }));
  }

  // Pass 1: validate and form the city totals (METHOD.md §3: totals are sums over units).
  interface Checked { valid: boolean; gdp: number | null; gdpInvalid: boolean }
  const checked: Checked[] = [];
  let C = 0;
  let CA = 0;
  let G = 0;
  let unitsWithGdp = 0;
  for (const u of units) {
    let valid = true;
    if (!isValidAmount(u.emissionT)) {
      valid = false;
      issues.push(makeIssue('balance-invalid-emission', { id: u.id, value: u.emissionT }, { featureId: u.id, field: 'emissionT', expected: 'finite number in [0, 1e150]', actual: String(u.emissionT) }));
    }
    if (!isValidAmount(u.sinkT)) {
      valid = false;
      issues.push(makeIssue('balance-invalid-sink', { id: u.id, value: u.sinkT }, { featureId: u.id, field: 'sinkT', expected: 'finite number in [0, 1e150]', actual: String(u.sinkT) }));
    }
    let gdp: number | null = null;
    let gdpInvalid = false;
    if (u.gdp !== null && u.gdp !== undefined) {
      if (isValidAmount(u.gdp)) gdp = u.gdp;
      else {
        gdpInvalid = true;
        issues.push(makeIssue('balance-invalid-gdp', { id: u.id, value: u.gdp }, { featureId: u.id, field: 'gdp', expected: 'finite number in [0, 1e150] or null', actual: String(u.gdp) }));
      }
    }
    checked.push({ valid, gdp, gdpInvalid });
    if (!valid) continue;
    C += u.emissionT;
    CA += u.sinkT;
    if (gdp !== null) {
      G += gdp;
      unitsWithGdp++;
    }
  }
  const cityGdp = unitsWithGdp > 0 ? G : null;
  const cityEmissionZero = units.length > 0 && C === 0;
  const citySinkZero = CA === 0;
  if (units.length > 0) {
    if (cityEmissionZero) issues.push(makeIssue('balance-city-emission-zero'));
    if (cityGdp === null) issues.push(makeIssue('balance-city-gdp-missing'));
    else if (cityGdp === 0) issues.push(makeIssue('balance-city-gdp-zero'));
    if (citySinkZero && !cityEmissionZero) issues.push(makeIssue('balance-city-sink-zero'));
  }

  const zones: Record<ZoneId | 'unzoned', number> = {
    'low-carbon-economic': 0,
    'carbon-source-control': 0,
    'carbon-sink-functional': 0,
    'high-carbon-optimisation': 0,
    unzoned: 0,
  };
  const indexCounts = { eccAbove: 0, eccBelow: 0, escAbove: 0, escBelow: 0 };

  // Pass 2: per-unit indices (METHOD.md §4). Every division is guarded; null carries a reason.
  const out: UnitBalance[] = units.map((u, i) => {
    const { valid, gdp, gdpInvalid } = checked[i];
    const base = {
      id: u.id,
      name: u.name,
      emissionT: typeof u.emissionT === 'number' && Number.isFinite(u.emissionT) ? u.emissionT : null,
      sinkT: typeof u.sinkT === 'number' && Number.isFinite(u.sinkT) ? u.sinkT : null,
      gdp,
    };
    const none = (reason: BalanceReason): UnitBalance => {
      zones.unzoned++;
      return { ...base, ccr: null, ecc: null, esc: null, zone: null, reason, reasons: [reason] };
    };
    if (!valid) return none('invalid-input');
    if (u.emissionT === 0) {
      issues.push(makeIssue('balance-zero-emissions', { id: u.id }, { featureId: u.id }));
      return none('zero-emissions');
    }

    const reasons: BalanceReason[] = [];
    const finiteOrNull = (v: number, index: string): number | null => {
      if (Number.isFinite(v)) return v;
      issues.push(makeIssue('balance-index-not-finite', { id: u.id, index }, { featureId: u.id, field: index }));
      if (!reasons.includes('index-not-finite')) reasons.push('index-not-finite');
      return null;
    };

    // C_i > 0 here, so C ≥ C_i > 0 and the emission share is positive (it may underflow to 0
    // only for absurdly small C_i; finiteOrNull catches the resulting Infinity).
    const emissionShare = u.emissionT / C;
    const ccr = finiteOrNull(u.sinkT / u.emissionT, 'ccr');

    let ecc: number | null = null;
    if (gdp === null) reasons.push(gdpInvalid ? 'invalid-gdp' : 'missing-gdp');
    else if (cityGdp === null || cityGdp === 0) reasons.push('city-gdp-zero');
    else ecc = finiteOrNull(gdp / cityGdp / emissionShare, 'ecc');
    if (gdp === null && !gdpInvalid) {
      issues.push(makeIssue('balance-missing-gdp', { id: u.id }, { featureId: u.id, field: 'gdp' }));
    }

    let esc: number | null = null;
    if (citySinkZero) reasons.push('city-sink-zero');
    else esc = finiteOrNull(u.sinkT / CA / emissionShare, 'esc');

    // Keep the documented order of reasons however they were found.
    const order: BalanceReason[] = ['invalid-input', 'zero-emissions', 'missing-gdp', 'invalid-gdp', 'city-gdp-zero', 'city-sink-zero', 'index-not-finite'];
    reasons.sort((a, b) => order.indexOf(a) - order.indexOf(b));

    const eccSide = ecc === null ? null : sideOf(ecc, threshold, tieRule);
    const escSide = esc === null ? null : sideOf(esc, threshold, tieRule);
    if (eccSide === 'above') indexCounts.eccAbove++;
    else if (eccSide === 'below') indexCounts.eccBelow++;
    if (escSide === 'above') indexCounts.escAbove++;
    else if (escSide === 'below') indexCounts.escBelow++;

    // METHOD.md §4: a zone needs both ECC and ESC; otherwise the unit stays unzoned with its reasons.
    const zone = eccSide !== null && escSide !== null ? zoneOf(eccSide, escSide) : null;
    zones[zone ?? 'unzoned']++;
    return { ...base, ccr, ecc, esc, zone, reason: reasons[0] ?? null, reasons };
  });

  return {
    units: out,
    city: {
      emissionT: C,
      sinkT: CA,
      gdp: cityGdp,
      ccr: C > 0 ? CA / C : null,
      unitsWithGdp,
    },
    zones,
    indexCounts,
    zoning: { threshold, tieRule, relTolerance: THRESHOLD_REL_TOLERANCE },
    issues,
  };
}
