/** Carbon-balance indices and zoning (METHOD.md §4). */
export { computeBalance, THRESHOLD_REL_TOLERANCE } from './compute-balance.js';
export type {
  BalanceInput,
  BalanceOptions,
  BalanceReason,
  BalanceResult,
  TieRule,
  UnitBalance,
} from './compute-balance.js';
