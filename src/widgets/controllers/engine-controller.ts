/**
 * The one reactive controller that owns engine work for an element (STYLE.md §5): the worker,
 * its loaded layers, cancellation, and the loading/running/complete/error states.
 *
 * - Runs go to a Web Worker; the page stays responsive.
 * - A newer run supersedes an older one: the worker marks the older aborted, and a result that
 *   is not the newest is dropped here.
 * - `cancel()` asks the worker to stop; if the engine is inside a long synchronous stage and
 *   does not answer within {@link HARD_CANCEL_MS}, the worker is terminated and a fresh one
 *   is started on the next request, replaying the loads (the layers are re-sent or re-fetched).
 * - When the host is removed from the page the worker is terminated and every listener removed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CityConfig, FeatureCollection, RunReport } from '../../engine/index.js';
import { ParcelTable } from '../layers/parcel-table.js';
import { createEngineWorker, sqlWasmUrl } from '../worker/create-engine-worker.js';
import type {
  DemoCityRequest,
  FlatParcelGeometry,
  ParcelColumns,
  LandUsePreview,
  LayerInput,
  LayerSummary,
  ServiceRequestInit,
  ValueRow,
  WorkerRequest,
  WorkerResponse,
} from '../worker/protocol.js';

/** How long a cancelled run may take to acknowledge before its worker is terminated, ms. */
export const HARD_CANCEL_MS = 300;

/** Where the controller is. `cancelled` is the state after the user cancelled a run. */
export type EngineState = 'idle' | 'loading' | 'running' | 'complete' | 'error' | 'cancelled';

/** One finished run as the element draws it. */
export interface EngineRunResult {
  runId: number;
  units: FeatureCollection;
  grid: FeatureCollection;
  /** False when the units (or grid cells) have the outlines of the previous result: values changed only. */
  unitsGeometryChanged: boolean;
  gridGeometryChanged: boolean;
  report: RunReport;
  /** Parcel geometry (EPSG:3857, flat); the same object as before when it did not change. */
  parcelGeometry: FlatParcelGeometry;
  parcelGeometryChanged: boolean;
  /** Parcel properties, row `i` for parcel `i` of the geometry. */
  parcels: ParcelTable;
  /** Engine time in the worker, ms. */
  runMs: number;
  /** Time from the request to the result arriving on the page, ms. */
  totalMs: number;
}

/** An error of a load or run, with a stable code. */
export interface EngineFailure {
  code: string;
  message: string;
  issues?: unknown[];
}

export interface EngineControllerCallbacks {
  onRunStart?(runId: number): void;
  onProgress?(runId: number, stage: string, fraction: number): void;
  /** The worker's land-use preview of the running run (first run on new layers only). */
  onPreview?(runId: number, preview: LandUsePreview, previewMs: number): void;
  onComplete?(result: EngineRunResult): void;
  onError?(failure: EngineFailure): void;
  onCancelled?(runId: number): void;
}

type LoadEntry =
  | { type: 'load-demo'; options: DemoCityRequest }
  | { type: 'load-config-url'; url: string; service?: ServiceRequestInit }
  | { type: 'load-config'; config: CityConfig; baseUrl: string; service?: ServiceRequestInit }
  | { type: 'load-layers'; layers: Record<string, LayerInput> };

interface Pending {
  resolve(value: WorkerResponse | null): void;
  reject(error: EngineFailure): void;
}

/** Result of a load: the config the data came with (null for plain layers) and every loaded layer. */
export interface LoadResult {
  config: CityConfig | null;
  layers: LayerSummary[];
}

export class EngineController implements ReactiveController {
  state: EngineState = 'idle';
  /** Current stage and fraction of the running run. */
  progress: { stage: string; fraction: number } | null = null;
  failure: EngineFailure | null = null;
  layers: LayerSummary[] = [];
  /** How many runs have completed (diagnostics). */
  completedRuns = 0;

  private worker: Worker | null = null;
  private onMessage = (e: MessageEvent<WorkerResponse>): void => this.receive(e.data);
  private onWorkerError = (e: ErrorEvent): void => {
    e.preventDefault();
    if (!this.workerReady) {
      // The script never ran: refused by the page's Content Security Policy, or not found.
      this.startNextWorker();
      return;
    }
    this.fail({ code: 'worker-error', message: e.message || 'The engine worker failed' });
  };
  /** True once the current worker has said `ready`; until then its messages are kept for a retry. */
  private workerReady = false;
  /** Which way of starting the worker the current one is (see createEngineWorker). */
  private workerAttempt = 0;
  /** Set when no way of starting the worker works. */
  private blocked: EngineFailure | null = null;
  /** Messages posted to a worker that has not said `ready` yet, to replay to the next way. */
  private unconfirmed: WorkerRequest[] = [];
  private readonly loads: LoadEntry[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private latestRun = -1;
  private cancelTimer: ReturnType<typeof setTimeout> | null = null;
  private lastGeometry: FlatParcelGeometry | null = null;
  /** The last complete unit and grid collections and parcel columns, to fill elided parts in. */
  private lastUnits: FeatureCollection | null = null;
  private lastGrid: FeatureCollection | null = null;
  private lastColumns: ParcelColumns | null = null;

  /**
   * A result with its elided parts filled in from the previous ones: unit and grid outlines
   * (`geometry: null` when the worker flagged them the same), parcel ids and codes (sent with
   * new parcel geometry only) and the parcel geometry itself. Null when something elided was
   * never received (a bug guard: the worker elides only what it sent).
   */
  private completeResult(r: Extract<WorkerResponse, { type: 'result' }>): { units: FeatureCollection; grid: FeatureCollection; columns: ParcelColumns; parcelGeometry: FlatParcelGeometry } | null {
    const withOutlines = (fc: FeatureCollection, same: boolean | undefined, last: FeatureCollection | null): FeatureCollection | null => {
      if (!same) return fc;
      if (!last || last.features.length !== fc.features.length) return null;
      const features = fc.features.map((f, i) => (last.features[i].id === f.id ? { ...f, geometry: last.features[i].geometry } : null));
      return features.every((f) => f !== null) ? { type: 'FeatureCollection', features: features as FeatureCollection['features'] } : null;
    };
    const units = withOutlines(r.units, r.unitsGeometrySame, this.lastUnits);
    const grid = withOutlines(r.grid, r.gridGeometrySame, this.lastGrid);
    if (r.parcels.geometry) this.lastGeometry = r.parcels.geometry;
    let columns = r.parcels.columns;
    if (r.parcels.sameRows) {
      const last = this.lastColumns;
      if (!last || last.length !== columns.length) return null;
      columns = { ...columns, values: { id: last.values.id, code: last.values.code, ...columns.values } };
    }
    if (!units || !grid || !this.lastGeometry) return null;
    this.lastUnits = units;
    this.lastGrid = grid;
    this.lastColumns = columns;
    return { units, grid, columns, parcelGeometry: this.lastGeometry };
  }
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: EngineControllerCallbacks = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stopWorker();
    for (const p of this.pending.values()) p.resolve(null);
    this.pending.clear();
    if (this.state === 'running' || this.state === 'loading') this.state = this.lastGeometry ? 'complete' : 'idle';
  }

  /** True while a worker exists (diagnostics and tests). */
  get hasWorker(): boolean {
    return this.worker !== null;
  }

  /** Generate the demo city in the worker; resolves with its config and layers. */
  loadDemo(options: DemoCityRequest = {}): Promise<LoadResult> {
    return this.load({ type: 'load-demo', options });
  }

  /** Fetch a config and the layers it names (paths resolve against the config's URL). */
  loadConfigUrl(url: string, service?: ServiceRequestInit): Promise<LoadResult> {
    return this.load({ type: 'load-config-url', url, ...(service ? { service } : {}) });
  }

  /** Fetch the layers a config object names (paths resolve against `baseUrl`; `service` layers with `service`'s headers). */
  loadConfig(config: CityConfig, baseUrl: string, service?: ServiceRequestInit): Promise<LoadResult> {
    return this.load({ type: 'load-config', config, baseUrl, ...(service ? { service } : {}) });
  }

  /** Stop the service downloads of the load in progress; the load fails with code `service-aborted`. */
  cancelLoad(): boolean {
    if (this.state !== 'loading' || !this.worker) return false;
    this.post({ type: 'cancel-load', requestId: 0 } satisfies WorkerRequest);
    return true;
  }

  /** Add (or replace) named layers: parsed GeoJSON, or Files that the worker parses. */
  loadLayers(layers: Record<string, LayerInput>): Promise<LoadResult> {
    return this.load({ type: 'load-layers', layers });
  }

  /** Forget every load (a new data source replaces the old one). */
  reset(): void {
    this.loads.length = 0;
    this.layers = [];
    this.lastGeometry = null;
    this.lastUnits = null;
    this.lastGrid = null;
    this.lastColumns = null;
    this.stopWorker();
  }

  /** Distinct values of a field of a loaded layer with counts and areas. */
  async values(layer: string, field: string): Promise<ValueRow[]> {
    const r = await this.request({ type: 'values', requestId: 0, layer, field });
    return r && r.type === 'values' ? r.rows : [];
  }

  /**
   * Run the engine. Resolves with the result, or null when a newer run or a cancel superseded
   * this one; rejects with an {@link EngineFailure} when the engine refused or failed.
   */
  async run(config: CityConfig): Promise<EngineRunResult | null> {
    const requestId = ++this.seq;
    this.latestRun = requestId;
    this.state = 'running';
    this.progress = { stage: 'start', fraction: 0 };
    this.failure = null;
    this.host.requestUpdate();
    this.callbacks.onRunStart?.(requestId);
    const startedAt = performance.now();
    let response: WorkerResponse | null;
    try {
      response = await this.request({ type: 'run', requestId, config }, requestId);
    } catch (e) {
      if (requestId !== this.latestRun) return null;
      this.fail(e as EngineFailure);
      throw e;
    }
    // Outlines and parcel rows are sent once and then elided while they stay the same: take them
    // from every result, even one that a newer run supersedes, so the next one can be completed.
    const full = response?.type === 'result' ? this.completeResult(response) : null;
    if (!response || response.type !== 'result' || !full || requestId !== this.latestRun) {
      if (requestId === this.latestRun && this.state === 'running') {
        this.state = 'cancelled';
        this.progress = null;
        this.host.requestUpdate();
      }
      this.callbacks.onCancelled?.(requestId);
      return null;
    }
    const result: EngineRunResult = {
      runId: requestId,
      units: full.units,
      grid: full.grid,
      unitsGeometryChanged: !response.unitsGeometrySame,
      gridGeometryChanged: !response.gridGeometrySame,
      report: response.report,
      parcelGeometry: full.parcelGeometry,
      parcelGeometryChanged: response.parcels.geometry !== undefined,
      parcels: new ParcelTable(full.columns),
      runMs: response.runMs,
      totalMs: performance.now() - startedAt,
    };
    this.state = 'complete';
    this.progress = null;
    this.completedRuns += 1;
    this.host.requestUpdate();
    return result;
  }

  /**
   * Stop the running run. The state becomes `cancelled`; the last complete result stays.
   * Returns the cancelled run's id, or null when nothing was running.
   */
  cancel(): number | null {
    if (this.state !== 'running') return null;
    const runId = this.latestRun;
    this.latestRun = -1;
    this.post({ type: 'cancel', requestId: runId } satisfies WorkerRequest);
    this.state = 'cancelled';
    this.progress = null;
    this.host.requestUpdate();
    if (this.cancelTimer) clearTimeout(this.cancelTimer);
    this.cancelTimer = setTimeout(() => {
      this.cancelTimer = null;
      // Still computing: the engine is inside a long synchronous stage. Stop it the hard way.
      if (this.pending.has(runId)) {
        this.stopWorker();
        const p = this.pending.get(runId);
        this.pending.delete(runId);
        p?.resolve(null);
        // Other requests were lost with the worker: let them fail rather than hang.
        for (const q of this.pending.values()) q.reject({ code: 'cancelled', message: 'Cancelled' });
        this.pending.clear();
      }
    }, HARD_CANCEL_MS);
    return runId;
  }

  private async load(entry: LoadEntry): Promise<LoadResult> {
    this.loads.push(entry);
    this.state = 'loading';
    this.failure = null;
    this.host.requestUpdate();
    try {
      const r = await this.request({ ...entry, requestId: 0 } as WorkerRequest);
      if (!r || r.type !== 'loaded') return { config: null, layers: this.layers };
      this.layers = r.layers;
      if (this.state === 'loading') this.state = 'idle';
      this.host.requestUpdate();
      return { config: r.config, layers: r.layers };
    } catch (e) {
      this.fail(e as EngineFailure);
      throw e;
    }
  }

  private fail(failure: EngineFailure): void {
    this.state = 'error';
    this.progress = null;
    this.failure = failure;
    this.host.requestUpdate();
    this.callbacks.onError?.(failure);
  }

  private ensureWorker(): void {
    if (this.worker) return;
    this.workerAttempt = 0;
    this.startWorker([]);
    // A fresh worker after a hard cancel or a reconnect: give it the data again.
    for (const entry of this.loads) this.post({ ...entry, requestId: ++this.seq } as WorkerRequest);
  }

  /**
   * Starts the worker by the current way, else by the next ones, and replays `replay` to it.
   * When no way is left, every pending request fails with `worker-blocked`.
   */
  private startWorker(replay: WorkerRequest[]): void {
    for (;;) {
      let worker: Worker | null;
      try {
        worker = createEngineWorker(this.workerAttempt);
      } catch {
        // Some browsers refuse a worker URL the page's policy forbids at once.
        this.workerAttempt += 1;
        continue;
      }
      if (!worker) {
        this.workerBlocked();
        return;
      }
      worker.addEventListener('message', this.onMessage);
      worker.addEventListener('error', this.onWorkerError);
      this.worker = worker;
      this.workerReady = false;
      this.unconfirmed = [];
      if (!replay.some((m) => m.type === 'assets')) this.post({ type: 'assets', requestId: 0, sqlWasmUrl: sqlWasmUrl() });
      for (const message of replay) this.post(message);
      return;
    }
  }

  private startNextWorker(): void {
    const replay = this.unconfirmed;
    this.stopWorker();
    this.workerAttempt += 1;
    this.startWorker(replay);
  }

  private workerBlocked(): void {
    const failure: EngineFailure = {
      code: 'worker-blocked',
      message:
        "The engine's Web Worker could not start: the page's Content-Security-Policy allows neither a blob: worker nor carbon-balance-engine-worker.js next to the element's script (or that file is missing). Allow one of them in worker-src, or deploy the file beside the script.",
    };
    // The page's policy does not change: later requests fail at once instead of retrying.
    this.blocked = failure;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(failure);
    this.fail(failure);
  }

  private post(message: WorkerRequest): void {
    if (!this.worker) return;
    if (!this.workerReady) this.unconfirmed.push(message);
    this.worker.postMessage(message);
  }

  private stopWorker(): void {
    if (this.cancelTimer) {
      clearTimeout(this.cancelTimer);
      this.cancelTimer = null;
    }
    this.unconfirmed = [];
    if (!this.worker) return;
    this.worker.removeEventListener('message', this.onMessage);
    this.worker.removeEventListener('error', this.onWorkerError);
    this.worker.terminate();
    this.worker = null;
  }

  private request(message: WorkerRequest, fixedId?: number): Promise<WorkerResponse | null> {
    const requestId = fixedId ?? ++this.seq;
    if (this.blocked) return Promise.reject(this.blocked);
    this.ensureWorker();
    return new Promise<WorkerResponse | null>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.post({ ...message, requestId });
    });
  }

  private receive(msg: WorkerResponse): void {
    if (msg.type === 'ready') {
      this.workerReady = true;
      this.unconfirmed = [];
      return;
    }
    if (msg.type === 'progress') {
      if (msg.stage === 'download' && this.state === 'loading' && this.pending.has(msg.requestId)) {
        this.progress = { stage: msg.stage, fraction: msg.fraction };
        this.host.requestUpdate();
        return;
      }
      if (msg.requestId === this.latestRun) {
        this.progress = { stage: msg.stage, fraction: msg.fraction };
        this.host.requestUpdate();
        this.callbacks.onProgress?.(msg.requestId, msg.stage, msg.fraction);
      }
      return;
    }
    if (msg.type === 'preview') {
      if (msg.requestId === this.latestRun && this.state === 'running') this.callbacks.onPreview?.(msg.requestId, msg.preview, msg.previewMs);
      return;
    }
    const p = this.pending.get(msg.requestId);
    if (!p) return;
    this.pending.delete(msg.requestId);
    if (msg.type === 'error') p.reject({ code: msg.code, message: msg.message, issues: msg.issues });
    else if (msg.type === 'cancelled') p.resolve(null);
    else p.resolve(msg);
  }

  /** True while the host is connected (the element checks it before starting work). */
  get isConnected(): boolean {
    return this.connected;
  }
}
