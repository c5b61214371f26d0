/**
 * The data-binding panel: which loaded layer and which of its fields play each role, the
 * land-use code table, POI categories, the inventory and the economic table. Every change edits
 * a copy of the config through `editConfig`, which re-runs the engine.
 *
 * Field names and values come from the user's data: they are shown through Lit text bindings.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import {
  SECTOR_IDS,
  SPACE_TYPES,
  POI_CATEGORIES,
  SUBSECTORS,
  POI_PRESETS,
  createLandUseMapper,
  createPoiClassifier,
} from '../../engine/index.js';
import type {
  CityConfig,
  Issue,
  PoiCategory,
  PoiLayerConfig,
  PopulationLayerConfig,
  RoadLayerConfig,
  RunReport,
  SectorId,
  SpaceType,
  SubsectorId,
  TotalsEntry,
  TransportMode,
  EconomyRow,
} from '../../engine/index.js';
import type { Lang } from '../i18n.js';
import { cityTitle, formatArea, formatCount, formatInventoryUnit, formatUnitLabel, strings, withUnit } from '../i18n.js';
import { failureText, issueText } from './issue-text.js';
import type { LayerSummary, ValueRow } from '../worker/protocol.js';
import { sourceName } from '../worker/source-name.js';
import type { EngineFailure } from '../controllers/engine-controller.js';

/** What the panel reads and how it edits. */
export interface BindingContext {
  lang: Lang;
  config: CityConfig | null;
  layers: readonly LayerSummary[];
  issues: readonly Issue[];
  failure: EngineFailure | null;
  report: RunReport | null;
  /** Roles still bound to the generated demo's layers while others read the user's data. */
  demoRolesLeft: ReadonlyArray<'parcels' | 'units' | 'pois' | 'roads' | 'population'>;
  /** Distinct values of a field (null while they load). */
  valueRows(layer: string, field: string): ValueRow[] | null;
  editConfig(mutate: (c: CityConfig) => void): void;
  loadFiles(files: File[]): void;
  exportConfig(): void;
}

/** Land-use presets the config schema accepts. */
const CONFIG_LAND_USE_PRESETS = ['gbt21010', 'third-survey', 'osm', 'euluc'] as const;
const MAX_CODE_ROWS = 150;
const MAX_POI_ROWS = 60;

let uid = 0;
const nextId = (prefix: string): string => `${prefix}-${++uid}`;

function layerSelect(ctx: BindingContext, label: string, value: string | null, onChange: (name: string) => void, allowNone = false): TemplateResult {
  const t = strings(ctx.lang);
  const id = nextId('layer');
  const names = ctx.layers.map((l) => l.name);
  if (value && !names.includes(value)) names.push(value);
  return html`<div class="field-row">
    <label for=${id}>${label}</label>
    <select id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${allowNone || !value ? html`<option value="" ?selected=${!value}>${t.none}</option>` : nothing}
      ${names.map((n) => {
        const info = ctx.layers.find((l) => l.name === n);
        return html`<option value=${n} ?selected=${n === value}>${n}${info ? ` (${t.features(formatCount(info.features, ctx.lang))})` : ''}</option>`;
      })}
    </select>
  </div>`;
}

function fieldSelect(
  ctx: BindingContext,
  label: string,
  layer: string | null,
  value: string | undefined,
  onChange: (field: string | undefined) => void,
  required = false,
): TemplateResult {
  const t = strings(ctx.lang);
  const id = nextId('field');
  const info = ctx.layers.find((l) => l.name === layer);
  const fields = info?.fields ?? [];
  const current = fields.find((f) => f.name === value);
  return html`<div class="field-row">
    <label for=${id}>${label}</label>
    <select id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value || undefined)}>
      ${!required || !value ? html`<option value="" ?selected=${!value}>${t.none}</option>` : nothing}
      ${value && !current ? html`<option value=${value} selected>${value} (?)</option>` : nothing}
      ${fields.map((f) => html`<option value=${f.name} ?selected=${f.name === value}>${f.name}</option>`)}
    </select>
    ${current && current.samples.length
      ? html`<span class="samples">${t.samples}: ${current.samples.join(', ')}${current.distinct > current.samples.length ? ' …' : ''}</span>`
      : nothing}
  </div>`;
}

function spaceTypeOptions(lang: Lang, selected: string): TemplateResult[] {
  const t = strings(lang);
  return [
    html`<option value="" ?selected=${selected === ''}>${t.notMapped}</option>`,
    ...SPACE_TYPES.map((s) => html`<option value=${s} ?selected=${s === selected}>${t.spaceTypes[s]}</option>`),
  ];
}

function renderFiles(ctx: BindingContext): TemplateResult {
  const t = strings(ctx.lang);
  const onFiles = (list: FileList | null | undefined): void => {
    const files = [...(list ?? [])];
    if (files.length) ctx.loadFiles(files);
  };
  const id = nextId('files');
  return html`
    <div
      class="dropzone"
      @dragover=${(e: DragEvent) => {
        e.preventDefault();
        (e.currentTarget as HTMLElement).classList.add('over');
      }}
      @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('over')}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        (e.currentTarget as HTMLElement).classList.remove('over');
        onFiles(e.dataTransfer?.files);
      }}
    >
      <label for=${id}>${t.loadFiles}</label>
      <input id=${id} type="file" multiple accept=".geojson,.json,.zip,.shp,.shx,.dbf,.prj,.cpg,.csv,.tsv,.fgb,.gpkg,application/geo+json,application/json" @change=${(e: Event) => onFiles((e.target as HTMLInputElement).files)} />
      <div>${t.dropHint}</div>
      <div class="samples">${t.loaded(ctx.layers.map((l) => `${l.name} (${formatCount(l.features, ctx.lang)})`).join(', ') || t.none)}</div>
    </div>
  `;
}

function renderParcels(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const layer = sourceName(c.layers.parcels);
  return html`
    <h3>${t.roles.parcels}</h3>
    ${layerSelect(ctx, t.layer, layer, (name) =>
      ctx.editConfig((x) => {
        x.layers.parcels.path = name;
        delete x.layers.parcels.url;
      }),
    )}
    ${fieldSelect(ctx, t.codeField, layer, c.layers.parcels.codeField, (f) => ctx.editConfig((x) => void (x.layers.parcels.codeField = f ?? '')), true)}
    ${fieldSelect(ctx, t.idField, layer, c.layers.parcels.idField, (f) => ctx.editConfig((x) => setOptional(x.layers.parcels, 'idField', f)))}
  `;
}

function setOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value === undefined || value === '') delete obj[key];
  else obj[key] = value;
}

function renderUnits(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const units = c.layers.units;
  const generated = 'generate' in units;
  const layer = generated ? null : sourceName(units);
  const id = nextId('gen');
  return html`
    <h3>${t.roles.units}</h3>
    <div class="field-row">
      <label for=${id}>${t.generatedUnits}</label>
      <input
        id=${id}
        type="checkbox"
        .checked=${generated}
        @change=${(e: Event) =>
          ctx.editConfig((x) => {
            const on = (e.target as HTMLInputElement).checked;
            const first = ctx.layers.find((l) => l.name !== sourceName(x.layers.parcels))?.name;
            x.layers.units = on ? { generate: 'grid', cellSizeM: 3000 } : { path: first ?? 'units.geojson' };
          })}
      />
    </div>
    ${generated
      ? html`<div class="field-row">
          <label for=${id + 's'}>${t.unitSizeM}</label>
          <input
            id=${id + 's'}
            type="number"
            min="100"
            step="100"
            .value=${String(units.cellSizeM)}
            @change=${(e: Event) => {
              const v = Number((e.target as HTMLInputElement).value);
              if (Number.isFinite(v) && v > 0) ctx.editConfig((x) => void ((x.layers.units as { cellSizeM: number }).cellSizeM = v));
            }}
          />
        </div>`
      : html`
          ${layerSelect(ctx, t.layer, layer, (name) =>
            ctx.editConfig((x) => {
              const u = x.layers.units as { path?: string; url?: string };
              u.path = name;
              delete u.url;
            }),
          )}
          ${fieldSelect(ctx, t.idField, layer, (units as { idField?: string }).idField, (f) => ctx.editConfig((x) => setOptional(x.layers.units as { idField?: string }, 'idField', f)))}
          ${fieldSelect(ctx, t.nameField, layer, (units as { nameField?: string }).nameField, (f) => ctx.editConfig((x) => setOptional(x.layers.units as { nameField?: string }, 'nameField', f)))}
        `}
  `;
}

function renderPois(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const pois = c.layers.pois ?? [];
  const edit = (i: number, f: (p: PoiLayerConfig) => void): void =>
    ctx.editConfig((x) => {
      const p = x.layers.pois?.[i];
      if (p) f(p);
    });
  return html`
    <h3>${t.roles.pois}</h3>
    ${pois.map((p, i) => {
      const layer = sourceName(p);
      const fixed = Array.isArray(p.category) ? p.category[0] : p.category;
      const pid = nextId('poi');
      return html`<fieldset>
        <legend>${t.roles.pois} ${i + 1}</legend>
        ${layerSelect(ctx, t.layer, layer, (name) => edit(i, (q) => ((q.path = name), delete q.url)))}
        ${fieldSelect(ctx, t.categoryField, layer, p.categoryField, (f) => edit(i, (q) => setOptional(q, 'categoryField', f)))}
        <div class="field-row">
          <label for=${pid}>${t.preset}</label>
          <select id=${pid} @change=${(e: Event) => edit(i, (q) => setOptional(q, 'preset', ((e.target as HTMLSelectElement).value || undefined) as PoiLayerConfig['preset']))}>
            <option value="" ?selected=${!p.preset}>${t.none}</option>
            <option value="amap" ?selected=${p.preset === 'amap'}>${t.poiPresets.amap}</option>
            <option value="osm" ?selected=${p.preset === 'osm'}>${t.poiPresets.osm}</option>
          </select>
        </div>
        <div class="field-row">
          <label for=${pid + 'c'}>${t.category}</label>
          <select id=${pid + 'c'} @change=${(e: Event) => edit(i, (q) => setOptional(q, 'category', ((e.target as HTMLSelectElement).value || undefined) as PoiCategory))}>
            <option value="" ?selected=${!fixed}>${t.none}</option>
            ${POI_CATEGORIES.map((k) => html`<option value=${k} ?selected=${k === fixed}>${t.poiCategories[k]}</option>`)}
          </select>
        </div>
        <button type="button" @click=${() => ctx.editConfig((x) => void x.layers.pois?.splice(i, 1))}>${t.removeRow}</button>
        ${renderPoiCategories(ctx, p, i)}
      </fieldset>`;
    })}
    <button
      type="button"
      @click=${() =>
        ctx.editConfig((x) => {
          const name = ctx.layers.find((l) => l.geometryTypes.includes('Point'))?.name ?? ctx.layers[0]?.name ?? '';
          (x.layers.pois ??= []).push({ path: name, category: 'commercial' });
        })}
    >
      ${t.addRow}
    </button>
  `;
}

/** Distinct values of a POI layer's category field with a category chooser, pre-filled by the preset. */
function renderPoiCategories(ctx: BindingContext, p: PoiLayerConfig, index: number): TemplateResult | typeof nothing {
  const t = strings(ctx.lang);
  const layer = sourceName(p);
  // Without a category field, an AMap layer reads its preset's default field (`typecode`).
  const fields = ctx.layers.find((l) => l.name === layer)?.fields.map((f) => f.name) ?? [];
  const field = p.categoryField ?? (p.preset === 'amap' ? POI_PRESETS.amap.defaultFields.find((f) => fields.includes(f)) : undefined);
  if (!layer || !field) return nothing;
  const rows = ctx.valueRows(layer, field);
  if (!rows) return html`<p>…</p>`;
  const classify = createPoiClassifier({ ...p, category: undefined });
  return html`
    <table class="poi-categories">
      <caption class="sr-only">${t.poiTable}</caption>
      <thead><tr><th>${t.value}</th><th class="num">${t.parcelsCount}</th><th>${t.category}</th></tr></thead>
      <tbody>
        ${rows.slice(0, MAX_POI_ROWS).map((row) => {
          const cats = classify({ [field]: row.value });
          const selected: string = cats.length > 0 ? cats[0] : '';
          return html`<tr>
            <td>${row.value}</td>
            <td class="num">${formatCount(row.count, ctx.lang)}</td>
            <td>
              <select
                aria-label=${`${t.category}: ${row.value}`}
                @change=${(e: Event) =>
                  ctx.editConfig((x) => {
                    const q = x.layers.pois?.[index];
                    if (!q) return;
                    const v = (e.target as HTMLSelectElement).value;
                    q.mapping = { ...(q.mapping ?? {}), [row.value]: v === '' ? null : (v as PoiCategory) };
                  })}
              >
                <option value="" ?selected=${selected === ''}>${t.none}</option>
                ${POI_CATEGORIES.map((k) => html`<option value=${k} ?selected=${k === selected}>${t.poiCategories[k]}</option>`)}
              </select>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
    ${rows.length > MAX_POI_ROWS ? html`<p class="samples">+${formatCount(rows.length - MAX_POI_ROWS, ctx.lang)}</p>` : nothing}
  `;
}

function renderRoads(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const roads = c.layers.roads ?? [];
  const modes: TransportMode[] = ['road', 'rail', 'water', 'air'];
  const edit = (i: number, f: (r: RoadLayerConfig) => void): void =>
    ctx.editConfig((x) => {
      const r = x.layers.roads?.[i];
      if (r) f(r);
    });
  return html`
    <h3>${t.roles.roads}</h3>
    ${roads.map((r, i) => {
      const layer = sourceName(r);
      const id = nextId('mode');
      return html`<fieldset>
        <legend>${t.roles.roads} ${i + 1}</legend>
        ${layerSelect(ctx, t.layer, layer, (name) => edit(i, (q) => ((q.path = name), delete q.url)))}
        ${fieldSelect(ctx, t.classField, layer, r.classField, (f) => edit(i, (q) => setOptional(q, 'classField', f)))}
        <div class="field-row">
          <label for=${id}>${t.mode}</label>
          <select id=${id} @change=${(e: Event) => edit(i, (q) => (q.mode = (e.target as HTMLSelectElement).value as TransportMode))}>
            ${modes.map((m) => html`<option value=${m} ?selected=${(r.mode ?? 'road') === m}>${t.modes[m]}</option>`)}
          </select>
        </div>
        <button type="button" @click=${() => ctx.editConfig((x) => void x.layers.roads?.splice(i, 1))}>${t.removeRow}</button>
      </fieldset>`;
    })}
    <button
      type="button"
      @click=${() =>
        ctx.editConfig((x) => {
          const name = ctx.layers.find((l) => l.geometryTypes.some((g) => g.includes('LineString')))?.name ?? ctx.layers[0]?.name ?? '';
          (x.layers.roads ??= []).push({ path: name });
        })}
    >
      ${t.addRow}
    </button>
  `;
}

function renderPopulation(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const pop = c.layers.population;
  const layer = sourceName(pop);
  const id = nextId('wb');
  const edit = (f: (p: PopulationLayerConfig) => void): void =>
    ctx.editConfig((x) => {
      if (x.layers.population) f(x.layers.population);
    });
  return html`
    <h3>${t.roles.population}</h3>
    ${layerSelect(
      ctx,
      t.layer,
      layer,
      (name) =>
        ctx.editConfig((x) => {
          if (!name) delete x.layers.population;
          else {
            const pop: PopulationLayerConfig = { ...(x.layers.population ?? {}), path: name };
            delete pop.url;
            x.layers.population = pop;
          }
        }),
      true,
    )}
    ${pop
      ? html`<div class="field-row">
            <label for=${id}>${t.weightBy}</label>
            <select id=${id} @change=${(e: Event) => edit((p) => (p.weightBy = (e.target as HTMLSelectElement).value as PopulationLayerConfig['weightBy']))}>
              ${(['field', 'count', 'area'] as const).map((w) => html`<option value=${w} ?selected=${(pop.weightBy ?? 'field') === w}>${t.weightByOptions[w]}</option>`)}
            </select>
          </div>
          ${(pop.weightBy ?? 'field') === 'field' ? fieldSelect(ctx, t.weightField, layer, pop.weightField, (f) => edit((p) => setOptional(p, 'weightField', f))) : nothing}`
      : nothing}
  `;
}

/** Every distinct land-use code with its parcel count, area and territorial-space type. */
function renderLandUse(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const layer = sourceName(c.layers.parcels);
  const field = c.layers.parcels.codeField;
  const rows = layer && field ? ctx.valueRows(layer, field) : [];
  const mapper = createLandUseMapper(c.landUse);
  const presetOnly = createLandUseMapper({ preset: c.landUse.preset });
  const id = nextId('preset');
  const setType = (code: string, value: string): void =>
    ctx.editConfig((x) => {
      const overrides = { ...(x.landUse.overrides ?? {}) };
      const fromPreset = presetOnly.map(code);
      const wanted: SpaceType | null = value === '' ? null : (value as SpaceType);
      // An edit back to what the preset says removes the override instead of repeating it.
      if (fromPreset.matched && fromPreset.spaceType === wanted) delete overrides[code];
      else overrides[code] = wanted;
      x.landUse.overrides = overrides;
      if (Object.keys(overrides).length === 0) delete x.landUse.overrides;
    });
  return html`
    <h3>${t.landUseTable}</h3>
    <div class="field-row">
      <label for=${id}>${t.preset}</label>
      <select
        id=${id}
        @change=${(e: Event) =>
          ctx.editConfig((x) => {
            const v = (e.target as HTMLSelectElement).value;
            if (v) x.landUse.preset = v as (typeof CONFIG_LAND_USE_PRESETS)[number];
            else delete x.landUse.preset;
          })}
      >
        <option value="" ?selected=${!c.landUse.preset}>${t.none}</option>
        ${CONFIG_LAND_USE_PRESETS.map((p) => html`<option value=${p} ?selected=${c.landUse.preset === p}>${t.landUsePresets[p]}</option>`)}
      </select>
    </div>
    ${rows === null
      ? html`<p>…</p>`
      : html`<table class="landuse">
          <caption class="sr-only">${t.landUseTable}</caption>
          <thead>
            <tr><th>${t.code}</th><th class="num">${t.parcelsCount}</th><th class="num">${t.area}</th><th>${t.spaceType}</th></tr>
          </thead>
          <tbody>
            ${rows.slice(0, MAX_CODE_ROWS).map((row) => {
              const m = mapper.map(row.value);
              const selected = m.spaceType ?? '';
              return html`<tr data-code=${row.value} class=${m.source === 'override' ? 'override' : ''}>
                <td>${row.value}${m.source === 'override' ? html` <span aria-hidden="true">*</span>` : nothing}</td>
                <td class="num">${formatCount(row.count, ctx.lang)}</td>
                <td class="num">${formatArea(row.areaM2, ctx.lang)}</td>
                <td>
                  <select aria-label=${`${t.spaceType}: ${row.value}`} @change=${(e: Event) => setType(row.value, (e.target as HTMLSelectElement).value)}>
                    ${spaceTypeOptions(ctx.lang, selected)}
                  </select>
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
        ${rows.length > MAX_CODE_ROWS ? html`<p class="samples">+${formatCount(rows.length - MAX_CODE_ROWS, ctx.lang)}</p>` : nothing}`}
  `;
}

function renderInventory(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const inv = c.inventory;
  const id = nextId('inv');
  const modeSelect = html`<div class="field-row">
    <label for=${id}>${t.inventory}</label>
    <select
      id=${id}
      @change=${(e: Event) =>
        ctx.editConfig((x) => {
          const mode = (e.target as HTMLSelectElement).value;
          if (mode === x.inventory.mode) return;
          x.inventory = mode === 'totals' ? { mode: 'totals', unit: 't', totals: [] } : { mode: 'activity', activity: {} };
        })}
    >
      <option value="totals" ?selected=${inv.mode === 'totals'}>${t.inventoryMode.totals}</option>
      <option value="activity" ?selected=${inv.mode === 'activity'}>${t.inventoryMode.activity}</option>
    </select>
  </div>`;
  if (inv.mode === 'activity') {
    let draft = JSON.stringify(inv.activity, null, 2);
    return html`<h3>${t.inventory}</h3>
      ${modeSelect}
      <textarea aria-label=${t.inventoryMode.activity} .value=${draft} @input=${(e: Event) => (draft = (e.target as HTMLTextAreaElement).value)}></textarea>
      <button
        type="button"
        @click=${() => {
          try {
            const parsed = JSON.parse(draft) as Record<string, unknown>;
            ctx.editConfig((x) => void (x.inventory = { ...(x.inventory as object), mode: 'activity', activity: parsed } as never));
          } catch {
            // Invalid JSON stays in the box; nothing is applied.
          }
        }}
      >
        ${t.applyJson}
      </button>`;
  }
  const edit = (i: number, f: (e: TotalsEntry) => void): void =>
    ctx.editConfig((x) => {
      if (x.inventory.mode === 'totals' && x.inventory.totals[i]) f(x.inventory.totals[i]);
    });
  const uid2 = nextId('unit');
  return html`<h3>${t.inventory}</h3>
    ${modeSelect}
    <div class="field-row">
      <label for=${uid2}>${t.unitOfInput}</label>
      <select id=${uid2} @change=${(e: Event) => ctx.editConfig((x) => x.inventory.mode === 'totals' && (x.inventory.unit = (e.target as HTMLSelectElement).value as 't' | '10^4 t'))}>
        <option value="t" ?selected=${(inv.unit ?? 't') === 't'}>${formatInventoryUnit('t', ctx.lang)}</option>
        <option value="10^4 t" ?selected=${inv.unit === '10^4 t'}>${formatInventoryUnit('10^4 t', ctx.lang)}</option>
      </select>
    </div>
    <table class="totals">
      <thead><tr><th>${t.sector}</th><th>${t.subsector}</th><th>${t.label}</th><th class="num">${withUnit(t.value, formatInventoryUnit(inv.unit, ctx.lang), ctx.lang)}</th><th></th></tr></thead>
      <tbody>
        ${inv.totals.map(
          (e, i) => html`<tr>
            <td>
              <select aria-label=${`${t.sector} ${i + 1}`} @change=${(ev: Event) => edit(i, (x) => ((x.sector = (ev.target as HTMLSelectElement).value as SectorId), delete x.subsector))}>
                ${SECTOR_IDS.map((s) => html`<option value=${s} ?selected=${s === e.sector}>${t.sectors[s]}</option>`)}
              </select>
            </td>
            <td>
              <select aria-label=${`${t.subsector} ${i + 1}`} @change=${(ev: Event) => edit(i, (x) => setOptional(x, 'subsector', ((ev.target as HTMLSelectElement).value || undefined) as SubsectorId))}>
                <option value="" ?selected=${!e.subsector}>${t.none}</option>
                ${SUBSECTORS.filter((s) => s.sector === e.sector).map((s) => html`<option value=${s.id} ?selected=${s.id === e.subsector}>${t.subsectors[s.id] ?? s.label}</option>`)}
              </select>
            </td>
            <td><input aria-label=${`${t.label} ${i + 1}`} .value=${e.label ?? ''} @change=${(ev: Event) => edit(i, (x) => setOptional(x, 'label', (ev.target as HTMLInputElement).value))} /></td>
            <td class="num">
              <input
                type="number"
                step="any"
                aria-label=${`${t.value} ${i + 1}`}
                .value=${String(e.value)}
                @change=${(ev: Event) => {
                  const v = Number((ev.target as HTMLInputElement).value);
                  if (Number.isFinite(v)) edit(i, (x) => (x.value = v));
                }}
              />
            </td>
            <td><button type="button" @click=${() => ctx.editConfig((x) => x.inventory.mode === 'totals' && x.inventory.totals.splice(i, 1))}>${t.removeRow}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>
    <button type="button" @click=${() => ctx.editConfig((x) => x.inventory.mode === 'totals' && x.inventory.totals.push({ sector: 'industry', value: 0 }))}>${t.addRow}</button>`;
}

/** The economic table joined to the units: one row per unit of the last run, plus unmatched rows. */
function renderEconomy(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const eco = c.economy;
  const id = nextId('eco');
  const units = ctx.report?.units ?? [];
  const sourceSelect = html`<div class="field-row">
    <label for=${id}>${t.economy}</label>
    <select
      id=${id}
      @change=${(e: Event) =>
        ctx.editConfig((x) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v === '') delete x.economy;
          else if (v === 'table') x.economy = { source: 'table', joinBy: 'id', rows: [] };
          else x.economy = { source: 'proxy', proxy: 'poi-count', categories: ['commercial', 'industry'] };
        })}
    >
      <option value="" ?selected=${!eco}>${t.none}</option>
      <option value="table" ?selected=${eco?.source === 'table'}>${t.economy}</option>
      <option value="proxy" ?selected=${eco?.source === 'proxy'}>${t.proxy}</option>
    </select>
  </div>`;
  if (!eco) return html`<h3>${t.economy}</h3>${sourceSelect}`;
  if (eco.source === 'proxy') {
    const pid = nextId('proxy');
    return html`<h3>${t.economy}</h3>
      ${sourceSelect}
      <div class="field-row">
        <label for=${pid}>${t.proxy}</label>
        <select id=${pid} @change=${(e: Event) => ctx.editConfig((x) => x.economy?.source === 'proxy' && (x.economy.proxy = (e.target as HTMLSelectElement).value as 'poi-count'))}>
          <option value="poi-count" ?selected=${eco.proxy === 'poi-count'}>${t.proxies['poi-count']}</option>
          <option value="space-type-area" ?selected=${eco.proxy === 'space-type-area'}>${t.proxies['space-type-area']}</option>
        </select>
      </div>`;
  }
  const key = (u: { id: string; name: string }): string => (eco.joinBy === 'name' ? u.name : u.id);
  const byKey = new Map<string, EconomyRow>();
  for (const r of eco.rows) byKey.set(String(eco.joinBy === 'name' ? r.name : r.id), r);
  const unitKeys = new Set(units.map(key));
  const matched = units.filter((u) => byKey.has(key(u))).length;
  const unmatched = eco.rows.filter((r) => !unitKeys.has(String(eco.joinBy === 'name' ? r.name : r.id)));
  const setValue = (u: { id: string; name: string }, value: number): void =>
    ctx.editConfig((x) => {
      if (x.economy?.source !== 'table') return;
      const k = key(u);
      const rows = x.economy.rows;
      const row = rows.find((r) => String(x.economy?.source === 'table' && x.economy.joinBy === 'name' ? r.name : r.id) === k);
      if (row) row.value = value;
      else rows.push(x.economy.joinBy === 'name' ? { name: u.name, value } : { id: u.id, value });
    });
  const jid = nextId('join');
  return html`<h3>${t.economy}</h3>
    ${sourceSelect}
    <div class="field-row">
      <label for=${jid}>${t.joinBy}</label>
      <select id=${jid} @change=${(e: Event) => ctx.editConfig((x) => x.economy?.source === 'table' && (x.economy.joinBy = (e.target as HTMLSelectElement).value as 'id' | 'name'))}>
        <option value="id" ?selected=${eco.joinBy === 'id'}>${t.joinById}</option>
        <option value="name" ?selected=${eco.joinBy === 'name'}>${t.joinByName}</option>
      </select>
    </div>
    <p>${t.matched(formatCount(matched, ctx.lang), formatCount(units.length, ctx.lang))}</p>
    <table class="economy">
      <thead><tr><th>${t.unitName}</th><th class="num">${eco.unit ? withUnit(t.gdp, formatUnitLabel(eco.unit, ctx.lang), ctx.lang) : t.gdp}</th></tr></thead>
      <tbody>
        ${units.map((u) => {
          const row = byKey.get(key(u));
          return html`<tr>
            <td>${u.name || u.id}</td>
            <td class="num">
              <input
                type="number"
                step="any"
                aria-label=${`${t.gdp}: ${u.name || u.id}`}
                .value=${row ? String(row.value) : ''}
                @change=${(e: Event) => {
                  const v = Number((e.target as HTMLInputElement).value);
                  if ((e.target as HTMLInputElement).value !== '' && Number.isFinite(v)) setValue(u, v);
                }}
              />
            </td>
          </tr>`;
        })}
        ${unmatched.map((r) => html`<tr class="unmatched"><td>${String(r.name ?? r.id ?? '')} (?)</td><td class="num">${String(r.value)}</td></tr>`)}
      </tbody>
    </table>`;
}

function renderIssues(ctx: BindingContext): TemplateResult {
  const t = strings(ctx.lang);
  const issues = ctx.issues;
  const failure = ctx.failure && !ctx.failure.issues ? ctx.failure : null;
  // The run's own warnings live in the Results tab; say here that there are some.
  const runWarnings = ctx.report ? ctx.report.issues.filter((i) => i.severity === 'warning').length : 0;
  return html`
    <h3>${t.validation}</h3>
    ${issues.length === 0 && !failure
      ? html`<p>${t.noIssues}</p>`
      : html`<ul class="issues" role="list">
          ${failure ? html`<li class="error" data-code=${failure.code} title=${failure.message}>${failureText(failure, ctx.lang)}</li>` : nothing}
          ${issues.map((i) => html`<li class=${i.severity} data-code=${i.code} title=${i.message}>${issueText(i, ctx.lang)}${i.path ? html` <code>${i.path}</code>` : nothing}</li>`)}
        </ul>`}
    ${ctx.demoRolesLeft.length > 0
      ? html`<p class="run-warnings demo-mix" role="note">${t.demoRolesLeft(ctx.demoRolesLeft.map((r) => t.roles[r]).join(ctx.lang === 'zh-CN' ? '、' : ', '))}</p>`
      : nothing}
    ${runWarnings > 0 ? html`<p class="run-warnings" role="note">${t.runWarnings(formatCount(runWarnings, ctx.lang))}</p>` : nothing}
  `;
}

/** The city's name (the toolbar title, export file names and the exported config's `name`). */
function renderCityName(ctx: BindingContext, c: CityConfig): TemplateResult {
  const t = strings(ctx.lang);
  const id = nextId('city');
  return html`<div class="field-row">
    <label for=${id}>${t.cityName}</label>
    <input
      id=${id}
      type="text"
      .value=${cityTitle(c.name, ctx.lang)}
      @change=${(e: Event) => {
        const name = (e.target as HTMLInputElement).value.trim();
        if (name && name !== cityTitle(c.name, ctx.lang)) ctx.editConfig((x) => (x.name = name));
      }}
    />
  </div>`;
}

/** The whole data-binding panel. */
export function renderBindingPanel(ctx: BindingContext): TemplateResult {
  const t = strings(ctx.lang);
  const c = ctx.config;
  if (!c) return html`${renderFiles(ctx)}${renderIssues(ctx)}`;
  return html`
    ${renderIssues(ctx)}
    ${renderCityName(ctx, c)}
    ${renderFiles(ctx)}
    ${renderParcels(ctx, c)}
    ${renderLandUse(ctx, c)}
    ${renderUnits(ctx, c)}
    ${renderPois(ctx, c)}
    ${renderRoads(ctx, c)}
    ${renderPopulation(ctx, c)}
    ${renderInventory(ctx, c)}
    ${renderEconomy(ctx, c)}
    <div class="row-actions"><button type="button" @click=${() => ctx.exportConfig()}>${t.exportConfig}</button></div>
  `;
}
