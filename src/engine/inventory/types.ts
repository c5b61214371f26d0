/** Inputs and outputs of {@link computeInventory}. Tonnes are t CO2e; sinks are negative in `netT`. */
import type { Issue, SectorId, SpaceType, SubsectorId } from '../types.js';
import type { PoolSpec } from '../method.js';
import type { FactorStatus, GwpSetId, OverrideApplied } from '../coefficients/index.js';
import type { FeedstockCarbon } from './activity.js';

/** What the engine measured on the city's parcels. */
export interface InventoryContext {
  /** Area of the city's parcels per space type, m² (in the study area, working CRS). */
  areaBySpaceTypeM2?: Partial<Record<SpaceType, number>>;
}

export interface InventoryOptions {
  /** Factor-set ids applied after the defaults and after `activity.factorSets`, in order. */
  factorSets?: string[];
  /** Grid factor code for all electricity; wins over `activity.gridFactorCode`. */
  gridFactorCode?: string;
  /** Steel/ammonia feedstock rule; wins over `activity.feedstockCarbon`. Default `process-factor`. */
  feedstockCarbon?: FeedstockCarbon;
  /**
   * `CityConfig.sinkRates`: land sink rates per space type in t CO2 per hectare per year
   * (positive = uptake). Applied after `factorOverrides`; listed in `overridesApplied`.
   */
  sinkRatesTPerHa?: Partial<Record<SpaceType, number>>;
}

/** A factor as shown beside a line. */
export interface FactorRef {
  code: string;
  parameter: string;
  value: number;
  unit: string;
  status: FactorStatus | 'override';
  source: string;
}

/** One line of the inventory: sector → sub-sector → item. */
export interface InventoryLine {
  sector: SectorId;
  subsector: SubsectorId;
  /** Stable item id within the sub-sector (`diesel`, `process.clinker`, `crop.rice`, `totals[3]`). */
  item: string;
  label: string;
  /** JSON path of the activity value or totals entry. */
  path: string;
  /** Signed tonnes CO2e (sinks negative). */
  netT: number;
  activity?: { value: number; unit: string };
  /** The main factor (the first of `factors`). */
  factor?: FactorRef;
  /** Every factor multiplied in, in order. */
  factors?: FactorRef[];
  /** Constant unit/species conversion multiplied in. */
  conversion?: { value: number; label: string };
}

/** A factor used by the run whose value is recalled (status R) and not overridden. */
export interface UnverifiedFactor { code: string; parameter: string; value: number; unit: string; source: string }

export interface InventoryResult {
  mode: 'totals' | 'activity';
  /** GWP set used (activity mode), null in totals mode. */
  gwp: GwpSetId | null;
  lines: InventoryLine[];
  /** Allocation pools (METHOD.md §2): one per sub-sector, or one per totals entry. */
  pools: PoolSpec[];
  /** Land sink rate per space type, t CO2 per m² per year, positive = uptake (0 for non-sink types). */
  sinkRatesTPerM2: Record<SpaceType, number>;
  /** City totals: gross (sources), sink (positive magnitude), net (signed). */
  totals: { grossT: number; sinkT: number; netT: number };
  factorsUsed: FactorRef[];
  overridesApplied: OverrideApplied[];
  unverifiedFactors: UnverifiedFactor[];
  issues: Issue[];
}
