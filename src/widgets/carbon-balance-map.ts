/**
 * `<carbon-balance-map>`: a city's carbon-balance results on an OpenLayers map, with a legend,
 * popups, a data-binding panel that re-runs the engine, a results panel and exports.
 */
import { LitElement, html, nothing, render as renderLit, unsafeCSS } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import VectorSource from 'ol/source/Vector.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorImageLayer from 'ol/layer/VectorImage.js';
import TileLayer from 'ol/layer/Tile.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import Overlay from 'ol/Overlay.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import { defaults as defaultControls, ScaleLine } from 'ol/control.js';
import { createEmpty, extend as extendExtent, isEmpty as extentIsEmpty, getCenter } from 'ol/extent.js';
import { unByKey } from 'ol/Observable.js';
import { getPointResolution, getTransform, transform as transformCoordinate } from 'ol/proj.js';
import type { EventsKey } from 'ol/events.js';
import type Feature from 'ol/Feature.js';
import type { FeatureLike } from 'ol/Feature.js';
import type Polygon from 'ol/geom/Polygon.js';
import type MultiPolygon from 'ol/geom/MultiPolygon.js';
import type BaseLayer from 'ol/layer/Base.js';
import LayerSwitcher from 'ol-ext/control/LayerSwitcher.js';
import { validateConfig, writeCsv } from '../engine/index.js';
import type {
  CityConfig,
  ClassifyMethod,
  FeatureCollection,
  Issue,
  LayerData,
  RunReport,
  RunResult,
} from '../engine/index.js';
import { EngineController } from './controllers/engine-controller.js';
import type { EngineFailure, EngineRunResult } from './controllers/engine-controller.js';
import type { FlatParcelGeometry, LayerSummary, ValueRow } from './worker/protocol.js';
import { configSourceNames, sourceName } from './worker/source-name.js';
import { cbmEvent } from './events.js';
import { VIEW_IDS, cityTitle, normaliseLang, strings, formatCount } from './i18n.js';
import { failureText } from './panels/issue-text.js';
import { controlOptions, relabelMapChrome } from './layers/map-chrome.js';
import type { Lang, ViewId } from './i18n.js';
import { PALETTE_ENTRIES, probeStyles, readPalette, colourText } from './layers/palette.js';
import type { Palette } from './layers/palette.js';
import { buildTheme, keyOfView, layerOfView, valueOf } from './layers/thematic.js';
import { updateProperties } from './layers/update-properties.js';
import type { Rgba, Theme, ViewLayer } from './layers/thematic.js';
import { PARCEL_ROW, buildParcelFeatures, flatParcelsToGeoJSON } from './layers/parcel-features.js';
import { getTransform as getProjectionTransform } from 'ol/proj.js';
import ImageLayer from 'ol/layer/Image.js';
import ImageCanvasSource from 'ol/source/ImageCanvas.js';
import { PreviewPainter, previewColours, previewLegendRows, previewUnitStyle } from './layers/land-use-preview.js';
import type { LandUsePreview } from './worker/protocol.js';
import { renderPopupContent, zoneText } from './panels/popup.js';
import { createBasemapLayers, parseBasemap, parseBasemapOffset, registerCgcs2000, viewProjectionOf } from './layers/basemap.js';
import { renderBindingPanel } from './panels/binding-panel.js';
import type { BindingContext } from './panels/binding-panel.js';
import { renderResultsPanel } from './panels/results-panel.js';
import type { UnitSort } from './panels/results-panel.js';
import { composeMapCanvas, drawLegend, drawScaleBar, drawTitle, saveBlob } from './exports.js';
import { olCss, olExtLayerSwitcherCss } from './styles/vendor-css.js';
import { elementStyles } from './styles/element-styles.js';

/** How the side panel shows: open, closed (a toolbar button opens it) or absent. */
export type PanelMode = 'open' | 'closed' | 'none';

/**
 * The popup sits above the clicked point. Its box is the overlay's own element (no CSS transform),
 * so OpenLayers pans the map only when the popup would leave the view, and then by just enough.
 */
const POPUP_PLACEMENT = {
  positioning: 'bottom-center',
  offset: [0, -12],
  stopEvent: true,
} as const satisfies Omit<ConstructorParameters<typeof Overlay>[0], 'element'>;

/** How the map pans to show a popup the user opened (a selection kept across a rerun never pans). */
const POPUP_PAN = { animation: { duration: 150 }, margin: 20 };

const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

const configConverter = {
  fromAttribute: (value: string | null): string | null => value,
  toAttribute: (value: unknown): string | null => (typeof value === 'string' ? value : null),
};

const breaksConverter = {
  fromAttribute: (value: string | null): number[] | null => {
    if (!value) return null;
    const nums = value.split(/[\s,]+/).filter(Boolean).map(Number);
    return nums.every(Number.isFinite) ? nums : null;
  },
};

/**
 * The drop-in carbon-balance map.
 *
 * @summary A city's carbon-balance zoning on an OpenLayers map, with data binding and results.
 *
 * @fires cbm-run-start - A run started (detail: `runId`).
 * @fires cbm-run-progress - A running run reported progress (detail: `runId`, `stage`, `fraction`).
 * @fires cbm-run-preview - The land-use preview of a first run on new layers is drawn, before the run completes (detail: `runId`, `parcels`, `durationMs`, `workerMs`).
 * @fires cbm-run-complete - A run finished and the map shows its results (detail: `runId`, `durationMs`, `engineMs`).
 * @fires cbm-run-error - Loading or a run failed, or the config has errors (detail: `code`, `message`, `issues`).
 * @fires cbm-run-cancel - The user cancelled a run.
 * @fires cbm-feature-select - The user selected a feature or cleared the selection (detail: `layer`, `id`, `properties`).
 * @fires cbm-view-change - The user switched the view.
 * @fires cbm-config-change - The user changed the config in the data-binding panel (detail: `config`).
 * @fires cbm-panel-toggle - The user opened or closed the side panel.
 * @fires cbm-basemap-ready - The basemap's layers were added to the map.
 *
 * @slot header - Above the toolbar (a title, the portal's own controls).
 * @slot footer - Below the map (sources, notes).
 *
 * @csspart frame - The element's outer box.
 * @csspart toolbar - The toolbar (title, view chooser, progress, panel toggle).
 * @csspart map - The map area.
 * @csspart legend - The legend box on the map.
 * @csspart popup - The popup of a selected feature.
 * @csspart panel - The side panel (data binding, results, exports).
 * @csspart progress - The progress bar of a running run.
 *
 * @cssprop [--cbm-height=480px] - Height when the page sets none.
 * @cssprop [--cbm-zone-low-carbon-economic-fill=#228833] - Fill of the low-carbon economic zone.
 * @cssprop [--cbm-zone-carbon-source-control-fill=#ccbb44] - Fill of the carbon-source control zone.
 * @cssprop [--cbm-zone-carbon-sink-functional-fill=#4477aa] - Fill of the carbon-sink functional zone.
 * @cssprop [--cbm-zone-high-carbon-optimisation-fill=#ee6677] - Fill of the high-carbon optimisation zone.
 * @cssprop [--cbm-zone-none-fill=#bbbbbb] - Fill of units with no zone.
 * @cssprop [--cbm-source-ramp-1=#ffffb2] - Lowest class of emission maps (ramp of 5: `--cbm-source-ramp-1` … `-5`).
 * @cssprop [--cbm-source-ramp-5=#bd0026] - Highest class of emission maps.
 * @cssprop [--cbm-sink-ramp-1=#d9f0d3] - Weakest net-sink class (diverging ramp of 3: `--cbm-sink-ramp-1` … `-3`).
 * @cssprop [--cbm-sink-ramp-3=#1b7837] - Strongest net-sink class.
 * @cssprop [--cbm-index-ramp-1=#fde725] - Lowest class of the CCR, ECC and ESC maps (ramp of 5).
 * @cssprop [--cbm-index-ramp-5=#440154] - Highest class of the index maps.
 * @cssprop [--cbm-nodata-fill=#dddddd] - Features with no value.
 * @cssprop [--cbm-landuse-forest-fill=#2e7d3a] - Fill of a space type in the land-use preview before the first run (`--cbm-landuse-<type>-fill` for each type, e.g. `urban-residential`, `cultivated`; defaults in docs/element.md).
 * @cssprop [--cbm-landuse-none-fill=#ffffff] - Preview fill of parcels whose code maps to no space type.
 * @cssprop [--cbm-outline-color=rgba(30,30,30,0.75)] - Unit outlines.
 * @cssprop [--cbm-parcel-outline-color=rgba(60,60,60,0.25)] - Parcel outlines (large scales only).
 * @cssprop [--cbm-selection-color=#000000] - Outline of the selected feature.
 * @cssprop [--cbm-font-family=system-ui] - Font of the element.
 * @cssprop [--cbm-font-size=14px] - Base font size.
 * @cssprop [--cbm-panel-font-family=inherit] - Font of the side panel.
 * @cssprop [--cbm-panel-background=#ffffff] - Background of the panel, and by default of the toolbar, controls, legend and popup.
 * @cssprop [--cbm-panel-color=#1f2328] - Text colour of the panel, toolbar, controls, legend and popup.
 * @cssprop [--cbm-toolbar-background=#f6f8fa] - Toolbar background (default: the panel background when set).
 * @cssprop [--cbm-button-background=#ffffff] - Buttons, selects and inputs (default: the panel background when set).
 * @cssprop [--cbm-button-hover-background=#f3f4f6] - A button under the pointer.
 * @cssprop [--cbm-legend-background=rgba(255,255,255,0.92)] - Legend over the map (default: the panel background when set).
 * @cssprop [--cbm-popup-background=#ffffff] - Popup (default: the panel background when set).
 * @cssprop [--cbm-muted-color=#59636e] - Secondary text: sample values, counts, chart ticks.
 * @cssprop [--cbm-selected-row-background=#ddf4ff] - Selected row of the unit table.
 * @cssprop [--cbm-warning-background=#fff8c5] - Tint of warnings in the checks and the report.
 * @cssprop [--cbm-warning-color=#bf8700] - Edge of warnings.
 * @cssprop [--cbm-error-background=#ffebe9] - Tint of errors.
 * @cssprop [--cbm-error-color=#cf222e] - Edge of errors and the error alert's border.
 * @cssprop [--cbm-info-background=#ddf4ff] - Tint of notes and of the drop zone while dragging.
 * @cssprop [--cbm-notice-color=#1f2328] - Text on the tinted notes and the badge.
 * @cssprop [--cbm-badge-background=#fff8c5] - The "Generated demo data" badge.
 * @cssprop [--cbm-badge-border=#d4a72c] - The badge's border.
 * @cssprop [--cbm-panel-width=380px] - Width of the side panel.
 * @cssprop [--cbm-accent-color=#0b5cad] - Focus rings and the selected tab.
 * @cssprop [--cbm-border-color=#d0d7de] - Borders.
 * @cssprop [--cbm-map-background=#f4f1ea] - Map background where there is no basemap.
 */
export class CarbonBalanceMap extends LitElement {
  static override styles = [unsafeCSS(olCss), unsafeCSS(olExtLayerSwitcherCss), probeStyles, elementStyles];

  /**
   * The city config: a URL (the `config` attribute; the layer paths inside resolve against it)
   * or a config object (property). With an object and no `layers`, layer paths resolve against
   * the page.
   */
  @property({ converter: configConverter })
  config: string | CityConfig | null = null;

  /** The layers' features, when the page already has them (paired with a config object). */
  @property({ attribute: false })
  layers: LayerData | null = null;

  /** Use the generated demo city (also used when neither `config` nor `layers` is given). */
  @property({ type: Boolean, attribute: 'demo-city' })
  demoCity = false;

  /** Options of the generated demo city (parcel count, seed, …), passed to `generateDemoCity`. */
  @property({ attribute: false })
  demoOptions: Record<string, unknown> = {};

  /** What the map shows. */
  @property({ reflect: true })
  view: ViewId = 'zones';

  /** Language of the UI: `zh-CN` or `en`; default from the nearest `lang` of the page. */
  @property({ attribute: 'lang', reflect: true })
  override lang = '';

  /**
   * Basemap: `none` (default; works offline), an XYZ URL template (`https://…/{z}/{x}/{y}.png`),
   * `wmts:<capabilities URL>#<layer>[@<matrix set>]`, `wms:<URL>#<layers>`, or
   * `tianditu:<layer>_<w|c>[,…]` (`tianditu:vec_w,cva_w`; `_c` is the EPSG:4490 matrix set) with
   * the portal's key in `tianditu-key`.
   */
  @property()
  basemap = 'none';

  /**
   * The basemap tiles' coordinate offset: `none` (default; WGS84 / CGCS2000 tiles) or `gcj02`
   * (Amap/Gaode and most Chinese web tiles: GCJ-02-shifted Web Mercator). With `gcj02` the
   * element's own map is drawn in GCJ-02 Web Mercator: the tiles as served, and every result
   * layer, the land-use preview, the selection and the popup shifted from WGS84 to GCJ-02 (some
   * 100–700 m in China) so they line up with the tiles. `results`, reports and exports stay
   * WGS84. Ignored with Tianditu `_c` tiles (EPSG:4490 view) and on a host map (its view decides).
   */
  @property({ attribute: 'basemap-offset', reflect: true })
  basemapOffset: 'none' | 'gcj02' = 'none';

  /** The portal's Tianditu (天地图) key, for `basemap="tianditu:…"`. Never hard-coded; not reflected. */
  @property({ attribute: 'tianditu-key' })
  tiandituKey: string | null = null;

  /** A Tianditu mirror or proxy: a template with `{layer}`, `{set}` and optionally `{s}` (0–7). */
  @property({ attribute: 'tianditu-url' })
  tiandituUrl: string | null = null;

  /** Class limits of the classed views: `jenks` (default), `quantile`, `equal` or `manual`. */
  @property()
  classification: ClassifyMethod = 'jenks';

  /** Number of classes for positive values. */
  @property({ type: Number })
  classes = 5;

  /** Manual class limits (`classification="manual"`), comma-separated in the attribute. */
  @property({ converter: breaksConverter })
  breaks: number[] | null = null;

  /** Side panel: `open`, `closed` or `none`. */
  @property({ reflect: true })
  panel: PanelMode = 'closed';

  /**
   * Request headers for the config's `service` layers (WFS, OGC API Features), such as
   * `{ Authorization: 'Bearer …' }`. A property only: never reflected to an attribute, never
   * logged, never added to a URL, sent only to the service's own origin.
   */
  @property({ attribute: false })
  serviceHeaders: Record<string, string> | null = null;

  /** `fetch` credentials mode for `service` layers: `include` sends the portal's cookies cross-origin. */
  @property({ attribute: false })
  serviceCredentials: 'omit' | 'same-origin' | 'include' | null = null;

  @state() private _config: CityConfig | null = null;
  @state() private _isDemo = false;
  /** The demo's layer names still holding the demo's data (a file of the same name replaces one). */
  private _demoLayerNames = new Set<string>();
  @state() private _result: EngineRunResult | null = null;
  @state() private _theme: Theme | null = null;
  @state() private _selected: { layer: ViewLayer; feature: Feature } | null = null;
  @state() private _announcement = '';
  @state() private _tab: 'binding' | 'results' | 'exports' = 'binding';
  @state() private _configIssues: Issue[] = [];
  @state() private _failure: EngineFailure | null = null;
  @state() private _unitSort: UnitSort = { key: 'netT', dir: 'desc' };
  @state() private _valueRows = new Map<string, ValueRow[] | 'loading'>();

  private readonly _engine = new EngineController(this, {
    onRunStart: (runId) => {
      this._runStartedAt = performance.now();
      this.dispatchEvent(cbmEvent('cbm-run-start', { runId }));
    },
    onPreview: (runId, preview, workerMs) => void this._showPreview(runId, preview, workerMs),
    onProgress: (runId, stage, fraction) => this.dispatchEvent(cbmEvent('cbm-run-progress', { runId, stage, fraction })),
  });

  /** The map in use (the host's or the element's own); null while detached from a host map. */
  private _map: OlMap | null = null;
  /** The host page's map set through the `map` property. */
  private _hostMap: OlMap | null = null;
  /** The element's own map in its shadow root (null while a host map is used). */
  private _ownMap: OlMap | null = null;
  /** True while the element's layers, overlay and listeners are on `_map`. */
  private _attached = false;
  private _attachedToHost = false;
  private _selectionLayer: VectorLayer | null = null;
  /** The popup's holder on a host map (its own shadow root, with the element's styles). */
  private _hostPopupRoot: ShadowRoot | null = null;
  /** Projection of the result features on the map: the view's. */
  private _featureProjection = 'EPSG:3857';
  private _parcelsLayer: VectorImageLayer | null = null;
  private readonly _sources = {
    parcels: new VectorSource({ wrapX: false }),
    grid: new VectorSource({ wrapX: false }),
    units: new VectorSource({ wrapX: false }),
    selection: new VectorSource({ wrapX: false }),
  };
  private _parcelFeatures: Feature[] = [];
  /** The geometry the parcel features were built from (null while none are built). */
  private _parcelsBuiltFrom: FlatParcelGeometry | null = null;
  /** View projection the unit and grid features were read in (null: none are drawn). */
  private _vectorsProjection: string | null = null;
  private _parcelBuildToken = 0;
  private _parcelsReady: Promise<void> = Promise.resolve();
  private readonly _viewLayers = new Map<ViewId, BaseLayer>();
  private _outlineLayer: VectorLayer | null = null;
  private _basemapLayers: TileLayer[] = [];
  private _basemapToken = 0;
  private _popup: Overlay | null = null;
  private _olKeys: EventsKey[] = [];
  private _resizeObserver: ResizeObserver | null = null;
  private _palette: Palette | null = null;
  private readonly _styleCache = new Map<string, Style>();
  private _parcelRowStyles: Array<[Style, Style]> | null = null;
  private _sourceToken = 0;
  private _configByUser: CityConfig | null = null;
  private _settingVisibility = false;
  private _fitted = false;
  private _fittedView: { center: number[]; resolution: number } | null = null;
  private _unitOrder: string[] = [];
  /** The land-use preview on the map until the first result replaces it (see {@link LandUsePreview}). */
  @state() private _preview: LandUsePreview | null = null;
  private _previewLayers: BaseLayer[] = [];
  /** The preview's painter and image source, to redraw it in a new theme. */
  private _previewPainter: { painter: PreviewPainter; source: ImageCanvasSource } | null = null;
  private _previewMap: OlMap | null = null;
  private _previewToken = 0;
  private _runStartedAt = 0;

  // ------------------------------------------------------------------------------------------
  // Public read-only state
  // ------------------------------------------------------------------------------------------

  /** The last complete run's outputs (WGS84 GeoJSON), or null. Parcels are built on first read. */
  get results(): RunResult | null {
    const r = this._result;
    if (!r) return null;
    if (this._publicResults?.source === r) return this._publicResults.value;
    let parcels: FeatureCollection | null = null;
    const value: RunResult = {
      units: r.units,
      grid: r.grid,
      report: r.report,
      get parcels(): FeatureCollection {
        parcels ??= flatParcelsToGeoJSON(r.parcelGeometry, r.parcels);
        return parcels;
      },
    };
    this._publicResults = { source: r, value };
    return value;
  }

  private _publicResults: { source: EngineRunResult; value: RunResult } | null = null;

  /** The last complete run's report, or null. */
  get report(): RunReport | null {
    return this._result?.report ?? null;
  }

  /** `idle`, `loading`, `running`, `complete`, `error` or `cancelled`. */
  get status(): string {
    const state = this._engine.state;
    // A config that failed to load or to validate never reached the engine: still an error.
    if (this._failure && state !== 'running' && state !== 'loading' && state !== 'cancelled') return 'error';
    return state;
  }

  /** The config in use (after loading and the user's edits), or null. */
  get currentConfig(): CityConfig | null {
    return this._config;
  }

  /** The layers loaded in the worker (name, size, fields). */
  get loadedLayers(): readonly LayerSummary[] {
    return this._engine.layers;
  }

  /**
   * The OpenLayers map the results are drawn on. Reading gives the host page's map when one is
   * set, otherwise the element's own map (null before the first render).
   *
   * Set it to a host page's existing `ol/Map` (OpenLayers 10.x) to draw on that map instead of
   * creating one: the element adds its results layers (zones/units, grid, parcels, indices, unit
   * outlines, selection), its popup overlay and its click selection to the host map, in the host
   * view's projection (EPSG:3857, EPSG:4490 or any projection OpenLayers knows); its toolbar,
   * legend and panel still render in the element. The host map keeps its view, controls and
   * basemap (the `basemap` attribute applies to the element's own map only); the element moves
   * the host view only for `zoomToUnit` and when the host view has no centre yet. Setting `null`
   * or removing the element takes exactly those layers, the overlay and the listeners off the
   * host map again. A property only (no attribute).
   */
  @property({ attribute: false, noAccessor: true })
  get map(): OlMap | null {
    return this._hostMap ?? this._ownMap;
  }

  set map(value: OlMap | null) {
    if ((value ?? null) === this._hostMap) return;
    const old = this._hostMap;
    this._hostMap = value ?? null;
    this.requestUpdate('map', old);
  }

  /** The effective UI language. */
  get uiLang(): Lang {
    if (this.lang) return normaliseLang(this.lang);
    const holder = this.parentElement?.closest('[lang]') ?? document.documentElement;
    return normaliseLang(holder.getAttribute('lang') || navigator.language);
  }

  // ------------------------------------------------------------------------------------------
  // Public methods
  // ------------------------------------------------------------------------------------------

  /** Run the engine again with the current config. */
  async rerun(): Promise<void> {
    await this._run();
  }

  /** Stop the running run (the last complete result stays on the map). */
  cancel(): void {
    if (this._engine.cancelLoad()) return;
    const runId = this._engine.cancel();
    if (runId !== null) this.dispatchEvent(cbmEvent('cbm-run-cancel', { runId }));
  }

  /** Headers and credentials for service layers, copied (the worker never sees the live object). */
  private _serviceInit(): { headers?: Record<string, string>; credentials?: 'omit' | 'same-origin' | 'include' } | undefined {
    if (!this.serviceHeaders && !this.serviceCredentials) return undefined;
    return {
      ...(this.serviceHeaders ? { headers: { ...this.serviceHeaders } } : {}),
      ...(this.serviceCredentials ? { credentials: this.serviceCredentials } : {}),
    };
  }

  /** Centre the map on a unit and select it. Returns false when no unit has this id. */
  zoomToUnit(id: string): boolean {
    const f = this._sources.units.getFeatureById(id) as Feature | null;
    if (!f || !this._map) return false;
    const geom = f.getGeometry();
    if (geom) this._map.getView().fit(geom.getExtent(), { padding: [40, 40, 40, 40], maxZoom: 16, duration: 0 });
    this._select('units', f, true);
    return true;
  }

  /** Resolves when the map has finished rendering (OpenLayers `rendercomplete`). */
  async whenRendered(): Promise<void> {
    if (this.view === 'parcels') await this._parcelsReady;
    return new Promise((resolve) => {
      if (!this._map) {
        resolve();
        return;
      }
      this._map.once('rendercomplete', () => resolve());
      this._map.render();
    });
  }

  /** A layer of the results as GeoJSON (WGS84). */
  exportGeoJSON(layer: 'units' | 'grid' | 'parcels'): Blob {
    return new Blob([JSON.stringify(this._exportLayer(layer))], { type: 'application/geo+json' });
  }

  /**
   * A layer's attributes as CSV with each feature's centroid (`lon`, `lat`), UTF-8 with BOM: the
   * engine's `writeCsv`, the same file as the CLI's `--formats csv`.
   */
  exportCSV(layer: 'units' | 'grid' | 'parcels'): Blob {
    return new Blob([writeCsv(this._exportLayer(layer), { geometry: 'centroid', layer }).bytes as Uint8Array<ArrayBuffer>], { type: 'text/csv;charset=utf-8' });
  }

  private _exportLayer(layer: 'units' | 'grid' | 'parcels'): FeatureCollection {
    if (layer !== 'units' && layer !== 'grid' && layer !== 'parcels') {
      throw new TypeError(`<carbon-balance-map> exports units, grid or parcels, not ${JSON.stringify(layer)}`);
    }
    const r = this.results;
    return r ? r[layer] : { type: 'FeatureCollection', features: [] };
  }

  /** The map as a PNG, with the legend drawn on it. */
  async exportPNG(): Promise<Blob> {
    if (!this._map) throw new Error('The map is not ready');
    await this.whenRendered();
    const mapDiv = this.renderRoot.querySelector<HTMLElement>('.map');
    const canvas = composeMapCanvas(this._map, mapDiv ? getComputedStyle(mapDiv).backgroundColor : '#ffffff');
    const t = strings(this.uiLang);
    if (this._theme) drawLegend(canvas, t.views[this.view], this._theme.items, (n) => formatCount(n, this.uiLang));
    // A title that says what and whose, a note when the data is the generated demo, a scale.
    drawTitle(canvas, `${cityTitle(this._config?.name, this.uiLang)} · ${t.views[this.view]}`, this._showsDemo ? t.generatedDemoData : null);
    const view = this._map.getView();
    const centre = view.getCenter();
    const resolution = view.getResolution();
    if (centre && resolution) {
      drawScaleBar(canvas, getPointResolution(view.getProjection(), resolution, centre, 'm'), (n) => n.toLocaleString(this.uiLang));
    }
    return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  }

  /** The run report as JSON. */
  exportReport(): Blob {
    return new Blob([JSON.stringify(this.report, null, 2)], { type: 'application/json' });
  }

  /** The current config as JSON (the CLI accepts it unchanged). */
  exportConfig(): Blob {
    return new Blob([JSON.stringify(this._config, null, 2)], { type: 'application/json' });
  }

  /**
   * Adds layers by name, for the data-binding panel: files (GeoJSON, zipped Shapefile, CSV,
   * FlatGeobuf, GeoPackage) or parsed collections. A name already loaded is replaced; when the
   * config reads that name, the city runs again.
   */
  async addLayers(layers: Record<string, FeatureCollection | Blob>): Promise<void> {
    await this._engine.loadLayers(layers);
    // A layer named like a loaded one replaces it: it is no longer the generated demo's, and
    // when the config reads it the results are stale, so the city runs again.
    for (const name of Object.keys(layers)) this._demoLayerNames.delete(name);
    this._valueRows = new Map();
    this.requestUpdate();
    const bound = this._config ? configSourceNames(this._config) : [];
    if (Object.keys(layers).some((name) => bound.includes(name))) await this._run();
  }

  // ------------------------------------------------------------------------------------------
  // Lifecycle
  // ------------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this._useMap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._detachMap();
  }

  protected override firstUpdated(): void {
    this._useMap();
    // A themed colour changed in the page's CSS: its probe's background transitions (1 ms).
    this.renderRoot.querySelector('.probes')?.addEventListener('transitionend', this._onProbeTransition);
  }

  private _restyleFrame = 0;
  private _onProbeTransition = (): void => {
    if (this._restyleFrame) return;
    this._restyleFrame = requestAnimationFrame(() => {
      this._restyleFrame = 0;
      this._restyle();
    });
  };

  /**
   * Attribute values a planner may mistype fall back to their defaults, with a console warning
   * naming the attribute and the values it takes (the map never goes blank over a typo).
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const fallback = <K extends 'view' | 'panel' | 'classification'>(key: K, allowed: readonly string[], value: this[K]): void => {
      if (!changed.has(key) || allowed.includes(this[key] as string)) return;
      console.warn(`<carbon-balance-map> ${key}=${JSON.stringify(this[key])} is not one of ${allowed.join(', ')}; using ${String(value)}`);
      this[key] = value;
    };
    fallback('view', VIEW_IDS, 'zones' as this['view']);
    fallback('panel', ['open', 'closed', 'none'], 'closed' as this['panel']);
    fallback('classification', ['jenks', 'quantile', 'equal', 'manual'], 'jenks' as this['classification']);
    if (changed.has('classes') && !(Number.isInteger(this.classes) && this.classes >= 2 && this.classes <= 12)) {
      const n = Number(this.classes);
      const next = Number.isFinite(n) ? Math.min(12, Math.max(2, Math.round(n))) : 5;
      console.warn(`<carbon-balance-map> classes=${JSON.stringify(this.classes)} is not a whole number from 2 to 12; using ${next}`);
      this.classes = next;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('map' as keyof CarbonBalanceMap)) this._useMap();
    if (this._hostPopupRoot) renderLit(this._renderPopup(this.uiLang), this._hostPopupRoot, { host: this });
    const sourceChanged =
      (changed.has('config') && this.config !== this._configByUser) ||
      changed.has('layers') ||
      changed.has('demoCity') ||
      changed.has('demoOptions') ||
      !this._sourceToken;
    if (sourceChanged && this.isConnected) void this._loadSource();
    if (changed.has('basemap') || changed.has('basemapOffset') || changed.has('tiandituKey') || changed.has('tiandituUrl')) this._updateBasemap();
    if (changed.has('view')) this._showView();
    if (
      changed.has('view') ||
      changed.has('classification') ||
      changed.has('classes') ||
      changed.has('breaks') ||
      changed.has('lang')
    ) {
      this._restyle();
    }
    if (changed.has('lang') && this._viewLayers.size > 0) {
      relabelMapChrome(this._ownMap, [...this._viewLayers.values(), this._outlineLayer, ...this._basemapLayers], this.uiLang);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Data and runs
  // ------------------------------------------------------------------------------------------

  private async _loadSource(): Promise<void> {
    const token = ++this._sourceToken;
    this._engine.reset();
    this._configByUser = null;
    this._result = null;
    this._fitted = false;
    this._failure = null;
    this._valueRows = new Map();
    this._clearFeatures();
    let config: CityConfig | null = null;
    let isDemo = false;
    let configErrors = false;
    try {
      let given: CityConfig | null = null;
      let base = document.baseURI;
      if (typeof this.config === 'string' && this.config.trim()) {
        // The config itself is small: read it here, check it, then let the worker fetch the layers.
        base = new URL(this.config, document.baseURI).href;
        const response = await fetch(base);
        if (!response.ok) throw { code: 'fetch-failed', message: `${this.config}: HTTP ${response.status}` } satisfies EngineFailure;
        try {
          given = (await response.json()) as CityConfig;
        } catch {
          throw { code: 'config-unreadable', message: `${this.config} is not JSON` } satisfies EngineFailure;
        }
      } else if (this.config && typeof this.config === 'object') {
        given = this.config;
      }
      if (token !== this._sourceToken) return;
      if (given) {
        // Check before loading: a config with errors is reported at once (and not run), but its
        // layers are still loaded when they can be, so the panel can help fix it.
        const issues = validateConfig(given);
        const errors = issues.filter((i) => i.severity === 'error');
        this._configIssues = issues;
        this._config = given;
        if (errors.length > 0) {
          configErrors = true;
          this._reportFailure({ code: 'invalid-config', message: errors[0].message, issues: errors });
        }
        try {
          if (this.layers) {
            const { config: named, layers } = nameLayerData(given, this.layers);
            await this._engine.loadLayers(layers);
            config = named;
          } else {
            await this._engine.loadConfig(given, base, this._serviceInit());
            config = given;
          }
        } catch (e) {
          if (!configErrors) throw e;
          config = given;
        }
      } else if (this.demoCity || !this.layers) {
        config = (await this._engine.loadDemo(this.demoOptions)).config;
        isDemo = true;
      }
    } catch (e) {
      if (token !== this._sourceToken) return;
      this._reportFailure(e as EngineFailure);
      return;
    }
    if (token !== this._sourceToken || !config) return;
    this._config = config;
    this._isDemo = isDemo;
    this._demoLayerNames = new Set(isDemo ? configSourceNames(config) : []);
    if (configErrors) return;
    await this._run();
  }

  private async _run(): Promise<void> {
    const config = this._config;
    if (!config) return;
    const issues = validateConfig(config);
    this._configIssues = issues;
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      this._reportFailure({ code: 'invalid-config', message: errors[0].message, issues: errors });
      return;
    }
    this._failure = null;
    let result: EngineRunResult | null;
    try {
      result = await this._engine.run(config);
    } catch (e) {
      this._reportFailure(e as EngineFailure);
      return;
    }
    if (!result || !this.isConnected) return;
    this._applyResult(result);
    await this.updateComplete;
    this.dispatchEvent(cbmEvent('cbm-run-complete', { runId: result.runId, durationMs: result.totalMs, engineMs: result.runMs }));
  }

  private _reportFailure(failure: EngineFailure): void {
    this._failure = failure;
    this.dispatchEvent(
      cbmEvent('cbm-run-error', { code: failure.code, message: failure.message, issues: failure.issues as Issue[] | undefined }),
    );
  }

  /** A user edit of the config from the panel: becomes the `config` property, fires an event, reruns. */
  private _editConfig = (mutate: (c: CityConfig) => void): void => {
    if (!this._config) return;
    const next = structuredClone(this._config);
    mutate(next);
    this._config = next;
    this._configByUser = next;
    this.config = next;
    this.dispatchEvent(cbmEvent('cbm-config-change', { config: next }));
    void this._run();
  };

  /** Grid cells still to be read into the grid source (see {@link _buildGrid}). */
  private _gridPending: { fc: FeatureCollection; featureProjection: string } | null = null;

  /** Reads the pending grid cells into the grid source, once. */
  private _buildGrid(): void {
    const pending = this._gridPending;
    if (!pending) return;
    this._gridPending = null;
    this._sources.grid.addFeatures(geojson.readFeatures(pending.fc, { featureProjection: pending.featureProjection }) as Feature[]);
  }

  private _scheduleGridBuild(): void {
    const build = (): void => this._buildGrid();
    if (typeof requestIdleCallback === 'function') requestIdleCallback(build, { timeout: 2000 });
    else setTimeout(build, 200);
  }

  private _clearFeatures(): void {
    this._gridPending = null;
    this._vectorsProjection = null;
    this._sources.units.clear(true);
    this._sources.grid.clear(true);
    this._sources.parcels.clear(true);
    this._sources.selection.clear(true);
    this._parcelFeatures = [];
    this._parcelsBuiltFrom = null;
    this._parcelBuildToken++;
    this._clearPreview();
    this._selected = null;
    this._popup?.setPosition(undefined);
  }

  private _applyResult(result: EngineRunResult): void {
    const selectedId = this._selected ? this._selected.feature.getId() : null;
    const selectedLayer = this._selected?.layer;
    // Marks for the browser's performance panel and the bench.
    performance.mark('cbm:apply-start');
    this._clearPreview();
    const featureProjection = this._featureProjection;
    // Same outlines as drawn (a remap): new values on the features in place, no geometry read.
    const sameProjection = this._vectorsProjection === featureProjection;
    if (result.unitsGeometryChanged || !sameProjection || !updateProperties(this._sources.units, result.units)) {
      this._sources.units.clear(true);
      this._sources.units.addFeatures(geojson.readFeatures(result.units, { featureProjection }) as Feature[]);
    }
    if (this._gridPending || result.gridGeometryChanged || !sameProjection || !updateProperties(this._sources.grid, result.grid)) {
      // Grid cells (thousands of them) are read when the grid view is shown or the page is idle,
      // off the path to the first zones map.
      this._sources.grid.clear(true);
      this._gridPending = { fc: result.grid, featureProjection };
      if (layerOfView(this.view) === 'grid') this._buildGrid();
      else this._scheduleGridBuild();
    }
    this._vectorsProjection = featureProjection;
    performance.measure('cbm:units-grid', 'cbm:apply-start');
    if (result.parcelGeometryChanged || this._parcelsBuiltFrom !== result.parcelGeometry) {
      // Parcels are drawn only in the parcels view: build their features in slices, off the
      // path to the first map, so a 10⁵-parcel city never blocks the page.
      this._parcelsReady = this._buildParcels(result);
    } else {
      // Same parcels, new values: the features keep their rows, the table is replaced.
      this._sources.parcels.changed();
    }
    this._unitOrder = this._sources.units
      .getFeatures()
      .map((f) => ({ id: String(f.getId()), name: String(f.get('name') ?? '') }))
      .sort((a, b) => a.name.localeCompare(b.name, this.uiLang) || a.id.localeCompare(b.id))
      .map((u) => u.id);
    const fresh = result !== this._result;
    this._result = result;
    // New outlines from a run (the first, or the user bound or replaced the units or parcels):
    // show them. The same result read again in a new view projection keeps the user's view.
    if (!this._fitted || (fresh && result.unitsGeometryChanged)) this._fitToData();
    performance.mark('cbm:restyle-start');
    this._restyle();
    performance.measure('cbm:restyle', 'cbm:restyle-start');
    performance.measure('cbm:apply-result', 'cbm:apply-start');
    // Keep the selection across a rerun, with the new values.
    if (selectedId !== null && selectedId !== undefined && selectedLayer) {
      const f = (selectedLayer === 'parcels' ? this._sources.parcels : this._sources[selectedLayer]).getFeatureById(selectedId) as Feature | null;
      if (f) this._select(selectedLayer, f, false);
      else this._clearSelection(false);
    }
  }

  /** Builds the parcel features in slices into a fresh source, then swaps it in. */
  private async _buildParcels(result: EngineRunResult): Promise<void> {
    const token = ++this._parcelBuildToken;
    const geometry = result.parcelGeometry;
    const table = result.parcels;
    const source = new VectorSource<Feature>({ wrapX: false });
    const features: Feature[] = [];
    // The worker's parcels are in Web Mercator: another view projection gets them transformed.
    const toView = this._featureProjection === 'EPSG:3857' ? null : getTransform('EPSG:3857', this._featureProjection);
    const SLICE = 10_000;
    performance.mark('cbm:parcels-start');
    for (let i = 0; i < table.length; i += SLICE) {
      // Yield to the page between slices (each is well under 100 ms at 10⁴ parcels).
      await new Promise((r) => setTimeout(r, 0));
      if (token !== this._parcelBuildToken) return;
      const slice = buildParcelFeatures(geometry, table, i, Math.min(table.length, i + SLICE));
      for (const f of slice) {
        if (toView) f.getGeometry()?.applyTransform(toView);
        features.push(f);
      }
      source.addFeatures(slice);
    }
    if (token !== this._parcelBuildToken) return;
    this._parcelFeatures = features;
    this._parcelsBuiltFrom = geometry;
    this._sources.parcels = source;
    this._parcelsLayer?.setSource(source);
    performance.measure('cbm:parcels', 'cbm:parcels-start');
  }

  /**
   * Draws the worker's land-use preview (parcels by space type, unit outlines) while the first
   * run computes, unless a result is already on the map; fires `cbm-run-preview` once drawn.
   * The parcels are painted straight from the flat arrays on an image canvas (no features).
   */
  private async _showPreview(runId: number, preview: LandUsePreview, workerMs: number): Promise<void> {
    const map = this._map;
    if (this._result || !map) return;
    this._clearPreview();
    const token = ++this._previewToken;
    performance.mark('cbm:preview-start');
    const projection = map.getView().getProjection().getCode();
    const toView = projection === 'EPSG:3857' ? null : getProjectionTransform('EPSG:3857', projection);
    const coords = toView ? Float64Array.from(toView(Array.from(preview.geometry.coords), undefined, 2)) : preview.geometry.coords;
    const palette = this._palette ?? readPalette(this.renderRoot);
    const painter = new PreviewPainter(preview, coords, previewColours(palette));
    const canvas = document.createElement('canvas');
    const parcelSource = new ImageCanvasSource({
      canvasFunction: (extent, resolution, pixelRatio, size) => painter.draw(canvas, extent, resolution, pixelRatio, size),
      ratio: 1.5,
    });
    const parcels = new ImageLayer({ source: parcelSource, properties: { displayInLayerSwitcher: false, cbmPreview: true } });
    this._previewPainter = { painter, source: parcelSource };
    const unitSource = new VectorSource<Feature>({ wrapX: false });
    if (preview.units) unitSource.addFeatures(geojson.readFeatures(preview.units, { featureProjection: projection }) as Feature[]);
    const unitStyle = previewUnitStyle(colourText(palette.get('outline') ?? [30, 30, 30, 0.75]));
    const units = new VectorLayer({ source: unitSource, style: unitStyle, properties: { displayInLayerSwitcher: false, cbmPreview: true } });
    const layers = map.getLayers();
    const below = layers.getArray().findIndex((l) => l === this._outlineLayer);
    const at = below >= 0 ? below : layers.getLength();
    layers.insertAt(at, units);
    layers.insertAt(at, parcels);
    this._previewLayers = [parcels, units];
    this._previewMap = map;
    this._preview = preview;
    if (!this._fitted && map.getTargetElement() === this.renderRoot.querySelector('.map')) {
      const size = map.getSize();
      const extent = painter.extent;
      if (size && size[0] > 0 && size[1] > 0 && Number.isFinite(extent[0]) && extent[2] > extent[0]) {
        map.getView().fit(extent, { padding: [20, 20, 20, 20] });
        this._fitted = true;
      }
    }
    performance.measure('cbm:preview', 'cbm:preview-start');
    await new Promise<void>((resolve) => {
      map.once('rendercomplete', () => resolve());
      map.render();
    });
    if (token !== this._previewToken) return;
    this.dispatchEvent(cbmEvent('cbm-run-preview', { runId, parcels: preview.spaceType.length, durationMs: performance.now() - this._runStartedAt, workerMs }));
  }

  /** Takes the land-use preview off the map (the zones replace it, or the data changed). */
  private _clearPreview(): void {
    this._previewToken++;
    for (const layer of this._previewLayers) {
      this._previewMap?.removeLayer(layer);
      layer.dispose();
    }
    this._previewLayers = [];
    this._previewMap = null;
    this._preview = null;
    this._previewPainter = null;
  }

  private _renderPreviewLegend(lang: Lang): TemplateResult | typeof nothing {
    const preview = this._preview;
    if (!preview) return nothing;
    const t = strings(lang);
    return html`
      <section class="legend preview" part="legend" aria-label=${t.legend}>
        <h2>${t.landUsePreview}</h2>
        ${this._engine.state === 'running' ? html`<p class="computing" role="status">${t.previewComputing}</p>` : nothing}
        <ul>
          ${previewLegendRows(preview, this._previewPainter?.painter.colours ?? previewColours(this._palette ?? readPalette(this.renderRoot))).map(
            (row) => html`<li data-key=${row.type ?? ''}>
              <span class="swatch" style=${`background:${row.colour}`}></span>
              <span class="label">${row.type ? t.spaceTypes[row.type] : t.noSpaceType}</span>
              <span class="count">${formatCount(row.count, lang)}</span>
            </li>`,
          )}
        </ul>
      </section>
    `;
  }

  private _fitToData(): void {
    if (!this._map) return;
    if (this._attachedToHost && this._map.getView().isDef()) {
      // The host's view is the host's: left where the page put it.
      this._fitted = true;
      return;
    }
    const extent = createEmpty();
    extendExtent(extent, this._sources.units.getExtent() ?? createEmpty());
    if (extentIsEmpty(extent)) extendExtent(extent, this._sources.parcels.getExtent() ?? createEmpty());
    if (extentIsEmpty(extent)) return;
    const size = this._map.getSize();
    if (!size || size[0] === 0 || size[1] === 0) return;
    const view = this._map.getView();
    view.fit(extent, { padding: [20, 20, 20, 20] });
    this._fitted = true;
    this._fittedView = { center: view.getCenter()!.slice(), resolution: view.getResolution()! };
  }

  /** Whether the view is still where the last fit put it (the user has not panned or zoomed). */
  private _viewAsFitted(): boolean {
    const view = this._map?.getView();
    const fitted = this._fittedView;
    if (!view || !fitted) return false;
    const c = view.getCenter();
    return !!c && c[0] === fitted.center[0] && c[1] === fitted.center[1] && view.getResolution() === fitted.resolution;
  }

  // ------------------------------------------------------------------------------------------
  // Map
  // ------------------------------------------------------------------------------------------

  /** The element's layers (view layers, unit outlines, selection), made once and moved between maps. */
  private _resultLayers(): BaseLayer[] {
    if (this._viewLayers.size === 0) {
      const styleFor = (layer: ViewLayer) => (feature: FeatureLike, resolution: number) => this._styleFor(layer, feature, resolution);
      const t = strings(this.uiLang);
      const viewLayer = (view: ViewId): BaseLayer => {
        const layer = layerOfView(view);
        const common = { properties: { title: t.viewShort[view], baseLayer: true, cbmView: view }, visible: view === this.view };
        if (layer === 'parcels') {
          // VectorImage: draws to an image once per view change, so panning 10⁵ parcels stays
          // smooth; the image is redrawn when the interaction ends.
          this._parcelsLayer = new VectorImageLayer({ ...common, source: this._sources.parcels, style: styleFor('parcels'), imageRatio: 1.5 });
          return this._parcelsLayer;
        }
        if (layer === 'grid') {
          // Thousands of cells: the same image strategy keeps pan and zoom at display rate.
          return new VectorImageLayer({ ...common, source: this._sources.grid, style: styleFor('grid'), imageRatio: 1.5 });
        }
        return new VectorLayer({ ...common, source: this._sources[layer], style: styleFor(layer) });
      };
      for (const v of VIEW_IDS) this._viewLayers.set(v, viewLayer(v));
      this._outlineLayer = new VectorLayer({
        source: this._sources.units,
        properties: { title: t.unitOutlines },
        style: () => this._outlineStyle(),
      });
      this._selectionLayer = new VectorLayer({
        source: this._sources.selection,
        properties: { displayInLayerSwitcher: false },
        style: () => this._selectionStyle(),
      });
    }
    return [...this._viewLayers.values(), this._outlineLayer!, this._selectionLayer!];
  }

  private _createOwnMap(): OlMap {
    const target = this.renderRoot.querySelector<HTMLElement>('.map')!;
    this._popup = new Overlay({
      element: this.renderRoot.querySelector<HTMLElement>('.popup')!,
      ...POPUP_PLACEMENT,
    });
    const projection = viewProjectionOf(parseBasemap(this.basemap), parseBasemapOffset(this.basemapOffset));
    if (projection === 'EPSG:4490') registerCgcs2000();
    return new OlMap({
      target,
      keyboardEventTarget: target,
      layers: this._resultLayers(),
      overlays: [this._popup],
      controls: defaultControls(controlOptions(this.uiLang)).extend([
        new ScaleLine(),
        new LayerSwitcher({ collapsed: true, trash: false, extent: false, reordering: false, noScroll: true }) as never,
      ]),
      view: new View({ projection, center: transformCoordinate([13_390_000, 3_700_000], 'EPSG:3857', projection), zoom: 9 }),
    });
  }

  /** Puts the element on the map it should use now: the host's (`map` property) or its own. */
  private _useMap(): void {
    const host = this._hostMap;
    if (this._attached && (host ? this._map === host : this._map !== null && this._map === this._ownMap)) return;
    this._detachMap();
    if (!this.isConnected || !this.hasUpdated) return;
    if (host) {
      this._disposeOwnMap();
      this._map = host;
    } else {
      this._ownMap ??= this._createOwnMap();
      this._map = this._ownMap;
    }
    this._attachMap();
    if (!host) this._updateBasemap();
    this._showView();
    this._syncProjection();
    this._restyle();
  }

  /** Drops the element's own map (a host map is used): its layers are kept for the next map. */
  private _disposeOwnMap(): void {
    const map = this._ownMap;
    if (!map) return;
    this._basemapToken++;
    this._basemapLayers = [];
    map.getLayers().clear();
    map.getOverlays().clear();
    map.setTarget(undefined);
    map.dispose();
    this._ownMap = null;
    if (this._map === map) this._map = null;
    this._popup = null;
  }

  /** Reads the results again in the map view's projection when it changed. */
  private _syncProjection(): void {
    const code = this._map?.getView().getProjection().getCode();
    if (!code || code === this._featureProjection) return;
    this._featureProjection = code;
    if (this._result) {
      this._parcelsBuiltFrom = null;
      this._vectorsProjection = null;
      this._applyResult(this._result);
    }
  }

  private _attachMap(): void {
    const map = this._map;
    if (!map || this._attached) return;
    this._attached = true;
    const host = map === this._hostMap;
    this._attachedToHost = host;
    if (host) {
      // The host's map: the element's layers above the host's, and the popup in a holder of its
      // own (the host's DOM does not see the element's styles).
      for (const layer of this._resultLayers()) map.addLayer(layer);
      const holder = document.createElement('div');
      holder.className = 'cbm-popup-holder';
      const root = holder.attachShadow({ mode: 'open' });
      const ownSheets = (this.renderRoot as ShadowRoot).adoptedStyleSheets;
      if (ownSheets.length > 0) root.adoptedStyleSheets = [...ownSheets];
      else for (const style of this.renderRoot.querySelectorAll('style')) root.appendChild(style.cloneNode(true));
      this._hostPopupRoot = root;
      renderLit(this._renderPopup(this.uiLang), root, { host: this });
      this._popup = new Overlay({ element: holder, ...POPUP_PLACEMENT });
      map.addOverlay(this._popup);
      this._olKeys.push(map.on('change:view', () => this._syncProjection()));
    } else {
      const target = this.renderRoot.querySelector<HTMLElement>('.map')!;
      if (map.getTarget() !== target) map.setTarget(target);
    }
    this._olKeys.push(
      map.on('singleclick', (e) => {
        const view = this.view;
        const layer = this._viewLayers.get(view);
        let hit: Feature | null = null;
        map.forEachFeatureAtPixel(
          e.pixel,
          (f) => {
            hit = f as Feature;
            return true;
          },
          { layerFilter: (l) => l === layer, hitTolerance: 2 },
        );
        if (hit) this._select(layerOfView(view), hit, true);
        else this._clearSelection(true);
      }),
    );
    for (const [view, layer] of this._viewLayers) {
      this._olKeys.push(
        layer.on('change:visible', () => {
          if (this._settingVisibility || !layer.getVisible() || view === this.view) return;
          // The user picked a view in the layer switcher.
          this.view = view;
          this.dispatchEvent(cbmEvent('cbm-view-change', { view }));
        }),
      );
    }
    if (host) return;
    const target = this.renderRoot.querySelector<HTMLElement>('.map')!;
    target.addEventListener('keydown', this._onMapKeydown);
    this._resizeObserver = new ResizeObserver(() => {
      map.updateSize();
      // Fit once there is room; after a resize (the panel opened, the page changed) fit again
      // unless the user has moved the view since.
      if (this._result && (!this._fitted || this._viewAsFitted())) this._fitToData();
      // Probes do not transition while hidden: re-read the palette whenever the size changes.
      this._restyle();
    });
    this._resizeObserver.observe(target);
  }

  private _detachMap(): void {
    if (!this._attached) return;
    this._attached = false;
    unByKey(this._olKeys);
    this._olKeys = [];
    const map = this._map;
    if (this._attachedToHost && map) {
      // Exactly what the element added to the host's map comes off again.
      for (const layer of this._resultLayers()) map.removeLayer(layer);
      for (const layer of this._previewLayers) map.removeLayer(layer);
      if (this._popup) map.removeOverlay(this._popup);
      this._popup = null;
      if (this._hostPopupRoot) renderLit(nothing, this._hostPopupRoot);
      this._hostPopupRoot = null;
      this._attachedToHost = false;
      this._map = null;
      return;
    }
    this._resizeObserver?.disconnect();
    this._resizeObserver = null;
    this.renderRoot.querySelector<HTMLElement>('.map')?.removeEventListener('keydown', this._onMapKeydown);
    // Keep the map object (a moved element reattaches it) but release its DOM listeners.
    this._map?.setTarget(undefined);
  }

  private _updateBasemap(): void {
    const map = this._ownMap;
    if (!map || this._map !== map) return;
    const token = ++this._basemapToken;
    for (const layer of this._basemapLayers) map.removeLayer(layer);
    this._basemapLayers = [];
    const spec = parseBasemap(this.basemap);
    const offset = parseBasemapOffset(this.basemapOffset);
    this._setViewProjection(map, viewProjectionOf(spec, offset));
    if (spec.kind === 'none') return;
    void createBasemapLayers(spec, {
      offset,
      title: strings(this.uiLang).basemap,
      baseUrl: document.baseURI,
      tiandituKey: this.tiandituKey,
      tiandituUrl: this.tiandituUrl,
      onError: (message) => this._reportFailure({ code: 'basemap-failed', message }),
    }).then((layers) => {
      if (token !== this._basemapToken || this._map !== map) return;
      this._basemapLayers = layers;
      layers.forEach((layer, i) => map.getLayers().insertAt(i, layer));
      this.dispatchEvent(new CustomEvent('cbm-basemap-ready', { detail: { layers: layers.length } }));
    });
  }

  /**
   * Rebuilds the own map's view in another projection (EPSG:4490 for Tianditu `c` tiles, else
   * EPSG:3857), keeping its centre and its ground resolution at the centre (m/px), then reads the
   * results again in it.
   */
  private _setViewProjection(map: OlMap, code: string): void {
    const old = map.getView();
    const from = old.getProjection();
    if (from.getCode() === code) return;
    if (code === 'EPSG:4490') registerCgcs2000();
    const center = old.getCenter();
    const resolution = old.getResolution();
    let view: View;
    if (center && resolution) {
      const next = transformCoordinate(center, from, code);
      const metresPerPixel = getPointResolution(from, resolution, center, 'm');
      const metresPerUnit = getPointResolution(code, 1, next, 'm');
      view = new View({ projection: code, center: next, resolution: metresPerPixel / metresPerUnit, rotation: old.getRotation() });
    } else {
      view = new View({ projection: code, center: transformCoordinate([13_390_000, 3_700_000], 'EPSG:3857', code), zoom: 9 });
    }
    map.setView(view);
    this._syncProjection();
  }

  private _showView(): void {
    if (layerOfView(this.view) === 'grid') this._buildGrid();
    this._settingVisibility = true;
    for (const [view, layer] of this._viewLayers) layer.setVisible(view === this.view);
    this._settingVisibility = false;
    const layer = layerOfView(this.view);
    this._outlineLayer?.setVisible(layer !== 'units');
    if (this._selected && this._selected.layer !== layer) this._clearSelection(false);
  }

  /** Re-reads the palette and rebuilds the current view's classes; no rerun. */
  private _restyle(): void {
    if (!this._map || !this.hasUpdated) return;
    this._palette = readPalette(this.renderRoot);
    this._styleCache.clear();
    if (this._previewPainter) {
      this._previewPainter.painter.colours = previewColours(this._palette);
      this._previewPainter.source.changed();
      this.requestUpdate();
    }
    const r = this._result;
    if (!r) {
      this._theme = null;
      return;
    }
    const layer = layerOfView(this.view);
    const values =
      layer === 'parcels' ? r.parcels.numberColumn(keyOfView(this.view)) : r[layer].features.map((f) => valueOf(this.view, f.properties ?? {}));
    this._theme = buildTheme(
      this.view,
      values,
      this._palette,
      { method: this.classification, classes: this.classes > 0 ? Math.round(this.classes) : 5, breaks: this.breaks ?? undefined },
      this.uiLang,
    );
    // Parcels: one style pair per row, worked out once here, so drawing 10⁵ parcels does no
    // classing or string building per feature.
    this._parcelRowStyles = null;
    if (layer === 'parcels') {
      const theme = this._theme;
      const rowStyles = new Array<[Style, Style]>(values.length);
      for (let i = 0; i < values.length; i++) {
        const colour = theme.colourOf(values[i]);
        rowStyles[i] = [this._cachedStyle('parcels', colour, null), this._cachedStyle('parcels', colour, 'parcel-outline')];
      }
      this._parcelRowStyles = rowStyles;
    }
    for (const l of this._viewLayers.values()) l.changed();
    this._outlineLayer?.changed();
  }

  private _styleFor(layer: ViewLayer, feature: FeatureLike, resolution: number): Style | undefined {
    const theme = this._theme;
    if (!theme || theme.layer !== layer) return undefined;
    if (layer === 'parcels' && this._parcelRowStyles) {
      const row = feature.get(PARCEL_ROW) as number | undefined;
      const pair = row === undefined ? undefined : this._parcelRowStyles[row];
      // Parcel outlines only where a parcel is big enough on screen to show one.
      return pair ? pair[resolution < 4 ? 1 : 0] : undefined;
    }
    const colour = theme.colourOf(this._valueOfFeature(layer, feature));
    return this._cachedStyle(layer, colour, layer === 'units' ? 'outline' : 'parcel-outline');
  }

  private _cachedStyle(layer: ViewLayer, colour: Rgba, outline: string | null): Style {
    const key = `${layer}|${colour.join(',')}|${outline ?? ''}`;
    let style = this._styleCache.get(key);
    if (!style) {
      const stroke = outline ? new Stroke({ color: colourText(this._palette?.get(outline) ?? [0, 0, 0, 0.5]), width: layer === 'units' ? 1 : 0.5 }) : undefined;
      style = new Style({ fill: new Fill({ color: colourText(colour as Rgba) }), stroke });
      this._styleCache.set(key, style);
    }
    return style;
  }

  private _valueOfFeature(layer: ViewLayer, feature: FeatureLike): number | string | null {
    if (layer === 'parcels') {
      const row = feature.get(PARCEL_ROW) as number | undefined;
      return row === undefined || !this._result ? null : this._result.parcels.number(keyOfView(this.view), row);
    }
    return valueOf(this.view, feature.getProperties());
  }

  /** The properties of a feature of a result layer (parcels read theirs from the table). */
  private _propertiesOf(layer: ViewLayer, feature: Feature): Record<string, unknown> {
    if (layer === 'parcels') {
      const row = feature.get(PARCEL_ROW) as number | undefined;
      return row === undefined || !this._result ? {} : { ...this._result.parcels.row(row) };
    }
    const props = { ...feature.getProperties() };
    delete props.geometry;
    return props;
  }

  private _outlineStyle(): Style {
    let s = this._styleCache.get('outline-only');
    if (!s) {
      s = new Style({ stroke: new Stroke({ color: colourText(this._palette?.get('outline') ?? [0, 0, 0, 0.7]), width: 1.2 }) });
      this._styleCache.set('outline-only', s);
    }
    return s;
  }

  private _selectionStyle(): Style {
    let s = this._styleCache.get('selection');
    if (!s) {
      s = new Style({ stroke: new Stroke({ color: colourText(this._palette?.get('selection') ?? [0, 0, 0, 1]), width: 3 }) });
      this._styleCache.set('selection', s);
    }
    return s;
  }

  private _select(layer: ViewLayer, feature: Feature, byUser: boolean): void {
    this._selected = { layer, feature };
    this._sources.selection.clear(true);
    const geom = feature.getGeometry();
    if (geom) {
      const clone = feature.clone();
      this._sources.selection.addFeature(clone);
    }
    const anchor = geom ? interiorPoint(geom as Polygon | MultiPolygon) : undefined;
    // Placed once the popup shows this feature: OpenLayers measures the popup to decide whether
    // to pan, and a hidden popup (or the previous feature's) measures wrong and pans needlessly.
    // Only the user's own selection pans the map.
    void this.updateComplete.then(() => {
      if (this._selected?.feature !== feature || !this._popup) return;
      this._popup.setPosition(anchor);
      if (byUser) this._popup.panIntoView(POPUP_PAN);
    });
    const props = this._propertiesOf(layer, feature);
    const lang = this.uiLang;
    const name = String(props.name ?? props.id ?? '');
    this._announcement = layer === 'units' ? strings(lang).selected(name, zoneText(props.zone, lang)) : name;
    if (byUser) {
      this.dispatchEvent(cbmEvent('cbm-feature-select', { layer, id: String(feature.getId() ?? props.id ?? ''), properties: props }));
    }
  }

  private _clearSelection(byUser: boolean): void {
    const had = this._selected;
    this._selected = null;
    this._sources.selection.clear(true);
    this._popup?.setPosition(undefined);
    if (byUser && had) this.dispatchEvent(cbmEvent('cbm-feature-select', { layer: had.layer, id: null, properties: null }));
  }

  private _onMapKeydown = (e: KeyboardEvent): void => {
    if (e.target !== e.currentTarget) return;
    const map = this._map;
    if (!map) return;
    if (e.key === 'Enter') {
      const center = map.getView().getCenter();
      if (!center) return;
      const layer = layerOfView(this.view);
      const source = layer === 'parcels' ? this._sources.parcels : this._sources[layer];
      const f = source.getFeaturesAtCoordinate(center)[0] as Feature | undefined;
      if (f) this._select(layer, f, true);
      else this._clearSelection(true);
      e.preventDefault();
    } else if (e.key === 'Escape') {
      this._clearSelection(true);
    } else if (e.key === 'n' || e.key === 'N' || e.key === 'p' || e.key === 'P') {
      if (this._unitOrder.length === 0) return;
      const current = this._selected?.layer === 'units' ? String(this._selected.feature.getId()) : null;
      const i = current === null ? -1 : this._unitOrder.indexOf(current);
      const step = e.key.toLowerCase() === 'n' ? 1 : -1;
      const next = this._unitOrder[(i + step + this._unitOrder.length) % this._unitOrder.length];
      if (layerOfView(this.view) !== 'units') {
        this.view = 'zones';
        this.dispatchEvent(cbmEvent('cbm-view-change', { view: 'zones' }));
      }
      this.zoomToUnit(next);
      e.preventDefault();
    }
  };

  // ------------------------------------------------------------------------------------------
  // Rendering
  // ------------------------------------------------------------------------------------------

  private _zoneColour = (zone: string): string => colourText(this._palette?.get(`zone:${zone}`) ?? [187, 187, 187, 1]);

  private _setPanel(panel: 'open' | 'closed'): void {
    this.panel = panel;
    this.dispatchEvent(cbmEvent('cbm-panel-toggle', { panel }));
    // The map area changes size: the ResizeObserver updates the map.
  }

  private _onViewSelect(e: Event): void {
    const view = (e.target as HTMLSelectElement).value as ViewId;
    if (view === this.view) return;
    this.view = view;
    this.dispatchEvent(cbmEvent('cbm-view-change', { view }));
  }

  private _valueRowsFor = (layer: string, field: string): ValueRow[] | null => {
    const key = `${layer}\u0000${field}`;
    const rows = this._valueRows.get(key);
    if (rows === 'loading') return null;
    if (rows) return rows;
    this._valueRows.set(key, 'loading');
    void this._engine.values(layer, field).then((r) => {
      const next = new Map(this._valueRows);
      next.set(key, r);
      this._valueRows = next;
    });
    return null;
  };

  private _loadFiles = async (files: File[]): Promise<void> => {
    const named: Record<string, Blob> = {};
    for (const f of files) named[f.name] = f;
    try {
      await this.addLayers(named);
    } catch (e) {
      this._reportFailure(e as EngineFailure);
    }
  };

  /**
   * Roles still reading the generated demo's layers while another role reads the user's own
   * data: a mix the user almost certainly did not mean (demo POIs over real parcels).
   */
  private _demoRolesLeft(): Array<'parcels' | 'units' | 'pois' | 'roads' | 'population'> {
    const c = this._config;
    if (!this._isDemo || !c) return [];
    const l = c.layers;
    const roles: Array<['parcels' | 'units' | 'pois' | 'roads' | 'population', (string | null)[]]> = [
      ['parcels', [sourceName(l.parcels)]],
      ['units', 'generate' in l.units ? [] : [sourceName(l.units)]],
      ['pois', (l.pois ?? []).map((p) => sourceName(p))],
      ['roads', (l.roads ?? []).map((r) => sourceName(r))],
      ['population', l.population ? [sourceName(l.population)] : []],
    ];
    const isDemo = (n: string | null): boolean => n !== null && this._demoLayerNames.has(n);
    const own = roles.some(([, names]) => names.some((n) => n !== null && !isDemo(n)));
    return own ? roles.filter(([, names]) => names.length > 0 && names.every(isDemo)).map(([role]) => role) : [];
  }

  /** Whether the map shows the generated demo city: every layer the config reads is the demo's. */
  private get _showsDemo(): boolean {
    if (!this._isDemo || !this._config) return false;
    return configSourceNames(this._config).every((name) => this._demoLayerNames.has(name));
  }

  private _download = (kind: string): void => {
    const root = this.renderRoot as ShadowRoot;
    const city = (this._config?.name ?? 'city').replace(/[\\/:*?"<>|\s]+/g, '-');
    const [what, layer] = kind.split(':') as [string, 'units' | 'grid' | 'parcels'];
    if (what === 'geojson') saveBlob(root, this.exportGeoJSON(layer), `${city}-${layer}.geojson`);
    else if (what === 'csv') saveBlob(root, this.exportCSV(layer), `${city}-${layer}.csv`);
    else if (what === 'report') saveBlob(root, this.exportReport(), `${city}-report.json`);
    else if (what === 'config') saveBlob(root, this.exportConfig(), `${city}.config.json`);
    else if (what === 'png') void this.exportPNG().then((b) => saveBlob(root, b, `${city}-${this.view}.png`));
  };

  protected override render(): TemplateResult {
    const lang = this.uiLang;
    const t = strings(lang);
    const state = this._engine.state;
    const progress = this._engine.progress;
    const running = state === 'running' || state === 'loading';
    const failure = this._failure;
    return html`
      <div class="frame" part="frame">
        <slot name="header"></slot>
        <div class="toolbar" part="toolbar" role="toolbar" aria-label=${t.elementLabel}>
          <span class="title">${cityTitle(this._config?.name, lang)}</span>
          ${this._showsDemo ? html`<span class="badge">${t.generatedDemoData}</span>` : nothing}
          <label>
            <span class="sr-only">${t.view}</span>
            <select @change=${this._onViewSelect} .value=${this.view}>
              ${VIEW_IDS.map((v) => html`<option value=${v} ?selected=${v === this.view}>${t.views[v]}</option>`)}
            </select>
          </label>
          <span class="status" role="status">
            ${running
              ? html`<progress part="progress" aria-label=${t.progress} max="1" .value=${progress?.fraction ?? 0}></progress>
                  <span>${state === 'loading' ? t.status.loading : t.status.running}</span>
                  ${state === 'running' || progress?.stage === 'download' ? html`<button type="button" class="cancel" @click=${() => this.cancel()}>${t.cancel}</button>` : nothing}`
              : state === 'cancelled'
                ? html`<span>${t.status.cancelled}</span><button type="button" @click=${() => this.rerun()}>${t.rerun}</button>`
                : nothing}
          </span>
          ${this.panel === 'none'
            ? nothing
            : html`<button
                type="button"
                class="panel-toggle"
                aria-expanded=${this.panel === 'open' ? 'true' : 'false'}
                @click=${() => this._setPanel(this.panel === 'open' ? 'closed' : 'open')}
              >
                ${t.panelToggle}
              </button>`}
        </div>
        <div class="body">
          <div class=${this._hostMap ? 'map-wrap host-map' : 'map-wrap'} part="map">
            ${this._hostMap
              ? nothing
              : html`<div class="map" tabindex="0" role="application" aria-label=${`${t.elementLabel}: ${t.views[this.view]}`} aria-describedby="map-help"></div>
                  <span id="map-help" class="sr-only">${t.mapHelp}</span>`}
            ${this._renderLegend(lang)}
            ${failure
              ? html`<div class="message error" role="alert" title=${failure.message}>${failureText(failure, lang)}${this._result ? html` ${t.previousResults}` : nothing}</div>`
              : nothing}
            ${this._hostMap ? nothing : this._renderPopup(lang)}
          </div>
          ${this.panel === 'none' ? nothing : html`<aside class="side-panel" part="panel" ?hidden=${this.panel !== 'open'} aria-label=${t.panelToggle}>${this._renderPanel(lang)}</aside>`}
        </div>
        <slot name="footer"></slot>
        <div class="sr-only" aria-live="polite" aria-atomic="true">${this._announcement}</div>
        <div class="probes" aria-hidden="true">${PALETTE_ENTRIES.map((_, i) => html`<span class=${`probe-${i}`}></span>`)}</div>
      </div>
    `;
  }

  /** The popup of the selected feature (in the shadow root, or in its holder on a host map). */
  private _renderPopup(lang: Lang): TemplateResult {
    const t = strings(lang);
    return html`<div class="popup" part="popup" role="dialog" aria-label=${t.unitName} ?hidden=${!this._selected}>
      <button type="button" class="close" aria-label=${t.closePopup} @click=${() => this._clearSelection(true)}>×</button>
      ${this._selected ? renderPopupContent(this._selected.layer, this._propertiesOf(this._selected.layer, this._selected.feature), lang, this._zoneColour) : nothing}
    </div>`;
  }

  private _renderLegend(lang: Lang): TemplateResult | typeof nothing {
    const theme = this._theme;
    if (!theme) return this._renderPreviewLegend(lang);
    const t = strings(lang);
    return html`
      <section class="legend" part="legend" aria-label=${t.legend}>
        <h2>${t.views[theme.view]}</h2>
        <ul>
          ${theme.items.map(
            (it) => html`<li data-key=${it.key}>
              <span class="swatch" style=${`background:${colourText(it.colour)}`}></span>
              <span class="label">${it.label}</span>
              <span class="count">${formatCount(it.count, lang)}</span>
            </li>`,
          )}
        </ul>
      </section>
    `;
  }

  private _renderPanel(lang: Lang): TemplateResult {
    const t = strings(lang);
    const tabs: Array<'binding' | 'results' | 'exports'> = ['binding', 'results', 'exports'];
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const i = tabs.indexOf(this._tab);
      this._tab = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this._tab}`)?.focus());
    };
    const ctx: BindingContext = {
      lang,
      config: this._config,
      layers: this._engine.layers,
      issues: [...this._configIssues, ...((this._failure?.issues as Issue[] | undefined) ?? [])],
      failure: this._failure,
      report: this._result?.report ?? null,
      demoRolesLeft: this._demoRolesLeft(),
      valueRows: this._valueRowsFor,
      editConfig: this._editConfig,
      loadFiles: (files) => void this._loadFiles(files),
      exportConfig: () => this._download('config'),
    };
    return html`
      <div class="tabs" role="tablist" @keydown=${onKey}>
        ${tabs.map(
          (tab) => html`<button
            type="button"
            role="tab"
            id=${`tab-${tab}`}
            aria-selected=${this._tab === tab ? 'true' : 'false'}
            aria-controls=${`tabpanel-${tab}`}
            tabindex=${this._tab === tab ? '0' : '-1'}
            @click=${() => (this._tab = tab)}
          >
            ${t.tabs[tab]}
          </button>`,
        )}
      </div>
      <div class="tabpanel" role="tabpanel" id=${`tabpanel-${this._tab}`} aria-labelledby=${`tab-${this._tab}`}>
        ${this._tab === 'binding'
          ? renderBindingPanel(ctx)
          : this._tab === 'results'
            ? renderResultsPanel({
                lang,
                report: this._result?.report ?? null,
                units: this._result?.units ?? null,
                selectedUnitId: this._selected?.layer === 'units' ? String(this._selected.feature.getId()) : null,
                sort: this._unitSort,
                setSort: (s) => (this._unitSort = s),
                selectUnit: (id) => this.zoomToUnit(id),
                zoneColour: this._zoneColour,
              })
            : this._renderExports(lang)}
      </div>
    `;
  }

  private _renderExports(lang: Lang): TemplateResult {
    const t = strings(lang);
    const has = this._result !== null;
    const layers: Array<'units' | 'grid' | 'parcels'> = ['units', 'grid', 'parcels'];
    return html`
      <div class="row-actions">
        ${layers.map((l) => html`<button type="button" ?disabled=${!has} @click=${() => this._download(`geojson:${l}`)}>${t.exportGeojson(t.layerNames[l])}</button>`)}
      </div>
      <div class="row-actions">
        ${layers.map((l) => html`<button type="button" ?disabled=${!has} @click=${() => this._download(`csv:${l}`)}>${t.exportCsv(t.layerNames[l])}</button>`)}
      </div>
      <div class="row-actions">
        <button type="button" ?disabled=${!has} @click=${() => this._download('png')}>${t.exportPng}</button>
        <button type="button" ?disabled=${!has} @click=${() => this._download('report')}>${t.exportReport}</button>
        <button type="button" ?disabled=${!this._config} @click=${() => this._download('config')}>${t.exportConfig}</button>
      </div>
    `;
  }
}

/** A point inside a polygon (the interior point of its largest part) for the popup anchor. */
function interiorPoint(geom: Polygon | MultiPolygon): number[] {
  if (geom.getType() === 'Polygon') return (geom as Polygon).getInteriorPoint().getCoordinates().slice(0, 2);
  if (geom.getType() === 'MultiPolygon') {
    const polys = (geom as MultiPolygon).getPolygons();
    let best = polys[0];
    for (const p of polys) if (p.getArea() > best.getArea()) best = p;
    return best.getInteriorPoint().getCoordinates().slice(0, 2);
  }
  return getCenter(geom.getExtent());
}

/**
 * Names the layers of a {@link LayerData} after the config's sources (a layer with no path gets
 * `<role>.geojson` in a copy of the config), for the worker's registry.
 */
function nameLayerData(config: CityConfig, data: LayerData): { config: CityConfig; layers: Record<string, FeatureCollection> } {
  const c = structuredClone(config);
  const layers: Record<string, FeatureCollection> = {};
  const put = (src: { path?: string; url?: string }, fallback: string, fc: FeatureCollection | undefined): void => {
    if (!fc) return;
    let name = sourceName(src);
    if (!name) {
      src.path = fallback;
      name = fallback;
    }
    layers[name] = fc;
  };
  put(c.layers.parcels, 'parcels.geojson', data.parcels);
  if (!('generate' in c.layers.units)) put(c.layers.units, 'units.geojson', data.units);
  c.layers.pois?.forEach((p, i) => put(p, `pois-${i + 1}.geojson`, data.pois?.[i]));
  c.layers.roads?.forEach((r, i) => put(r, `roads-${i + 1}.geojson`, data.roads?.[i]));
  if (c.layers.population) put(c.layers.population, 'population.geojson', data.population);
  return { config: c, layers };
}

declare global {
  interface HTMLElementTagNameMap {
    'carbon-balance-map': CarbonBalanceMap;
  }
}
