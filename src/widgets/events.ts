/**
 * The element's events. All bubble, cross the shadow boundary (`composed`) and start with `cbm-`.
 * `detail` holds only what a listener cannot read from the element itself.
 */
import type { CityConfig, Issue } from '../engine/index.js';
import type { ViewId } from './i18n.js';

export interface CbmRunStartDetail {
  /** Increases with each run of this element. */
  runId: number;
}

export interface CbmRunProgressDetail {
  runId: number;
  /** Engine stage id (`inventory`, `allocate`, `aggregate`, …). */
  stage: string;
  /** Fraction of the stage done, 0–1. */
  fraction: number;
}

export interface CbmRunCompleteDetail {
  runId: number;
  /** Time from the run request to the result on the page, ms. */
  durationMs: number;
  /** Engine time inside the worker, ms. */
  engineMs: number;
}

export interface CbmRunPreviewDetail {
  runId: number;
  /** Parcels drawn, coloured by their land-use space type. */
  parcels: number;
  /** Time from the run request to the preview drawn on the map, ms. */
  durationMs: number;
  /** Time the worker spent building the preview (mapping codes, flattening), ms. */
  workerMs: number;
}

export interface CbmRunErrorDetail {
  /** Stable code: `invalid-config`, `layer-not-loaded`, `fetch-failed`, an engine code, … */
  code: string;
  message: string;
  issues?: Issue[];
}

export interface CbmFeatureSelectDetail {
  layer: 'parcels' | 'grid' | 'units';
  /** Feature id, or null when the selection was cleared. */
  id: string | null;
  /** A copy of the feature's properties (engine output; names are untrusted text). */
  properties: Record<string, unknown> | null;
}

export interface CbmViewChangeDetail {
  view: ViewId;
}

export interface CbmConfigChangeDetail {
  /** The config after the user's edit (also the element's `config` property now). */
  config: CityConfig;
}

export interface CbmPanelToggleDetail {
  panel: 'open' | 'closed';
}

/** Every event of `<carbon-balance-map>`, by name. */
export interface CarbonBalanceMapEventMap {
  'cbm-run-start': CustomEvent<CbmRunStartDetail>;
  'cbm-run-progress': CustomEvent<CbmRunProgressDetail>;
  'cbm-run-complete': CustomEvent<CbmRunCompleteDetail>;
  'cbm-run-preview': CustomEvent<CbmRunPreviewDetail>;
  'cbm-run-error': CustomEvent<CbmRunErrorDetail>;
  'cbm-run-cancel': CustomEvent<CbmRunStartDetail>;
  'cbm-feature-select': CustomEvent<CbmFeatureSelectDetail>;
  'cbm-view-change': CustomEvent<CbmViewChangeDetail>;
  'cbm-config-change': CustomEvent<CbmConfigChangeDetail>;
  'cbm-panel-toggle': CustomEvent<CbmPanelToggleDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface HTMLElementEventMap extends CarbonBalanceMapEventMap {}
}

/** A bubbling, composed CustomEvent. */
export function cbmEvent<K extends keyof CarbonBalanceMapEventMap>(
  type: K,
  detail: CarbonBalanceMapEventMap[K]['detail'],
): CarbonBalanceMapEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as CarbonBalanceMapEventMap[K];
}
