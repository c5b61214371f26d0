/**
 * The results panel: city totals, the sector table in the shape of the paper's Table 3,
 * a sector-composition chart, zone counts and shares, a sortable unit table and the run's
 * warnings. Every number comes from the engine's report; this file only formats.
 */
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { ZONE_IDS, SECTOR_IDS, SUBSECTORS } from '../../engine/index.js';
import type { FeatureCollection, Issue, RunReport, SectorId, SpaceType, UnitProperties, ZoneId } from '../../engine/index.js';
import { issueText } from './issue-text.js';
import type { Lang } from '../i18n.js';
import { formatCoefficient, formatCount, formatPercent, formatPercentOfRatio, formatTonnes, strings } from '../i18n.js';
import { zoneText } from './popup.js';

export type UnitSortKey = 'name' | 'zone' | 'emissionT' | 'sinkT' | 'netT' | 'ccr' | 'ecc' | 'esc';

export interface UnitSort {
  key: UnitSortKey;
  dir: 'asc' | 'desc';
}

export interface ResultsContext {
  lang: Lang;
  report: RunReport | null;
  units: FeatureCollection | null;
  selectedUnitId: string | null;
  sort: UnitSort;
  setSort(sort: UnitSort): void;
  selectUnit(id: string): void;
  zoneColour(zone: string): string;
}

const SUBSECTOR_LABELS = new Map(SUBSECTORS.map((s) => [s.id as string, s]));

/** The words of a pool: its space types (from the pool id `<subsector>:<type>+<type>`) or its sub-sector. */
function poolLabel(pool: string, subsector: string, lang: Lang): string {
  const t = strings(lang);
  const types = pool.includes(':') ? pool.split(':')[1].split('+') : (SUBSECTOR_LABELS.get(subsector)?.spaceTypes ?? []);
  const named = types.map((s) => t.spaceTypes[s as SpaceType] ?? s);
  return named.length ? named.join(' / ') : subsector;
}

function renderTotals(report: RunReport, lang: Lang): TemplateResult {
  const t = strings(lang);
  const tot = report.totals;
  return html`<dl class="totals">
    <dt>${t.gross}</dt><dd>${formatTonnes(tot.grossT, lang)}</dd>
    <dt>${t.sinks}</dt><dd>${formatTonnes(tot.sinkT, lang)}</dd>
    <dt>${t.net}</dt><dd>${formatTonnes(tot.netT, lang)}</dd>
    <dt>${t.ccr}</dt><dd>${formatPercentOfRatio(tot.ccr, lang)}</dd>
    ${tot.unallocatedT ? html`<dt>${t.unallocated}</dt><dd>${formatTonnes(tot.unallocatedT, lang)}</dd>` : nothing}
  </dl>`;
}

/** Land-type rows (one per allocation pool) and the sector total, with shares of net and gross. */
function renderSectorTable(report: RunReport, lang: Lang): TemplateResult {
  const t = strings(lang);
  const rows: TemplateResult[] = [];
  for (const s of report.sectors) {
    const pools = report.conservation.filter((c) => SUBSECTOR_LABELS.get(c.subsector)?.sector === s.id && c.totalT !== 0);
    const n = Math.max(1, pools.length);
    const first = pools[0];
    const sectorCells = html`
      <td class="num" rowspan=${n}>${formatTonnes(s.netT, lang)}</td>
      <td class="num" rowspan=${n}>${formatPercent(s.shareOfNet, lang)}</td>
      <td class="num" rowspan=${n}>${formatPercent(s.shareOfGross, lang)}</td>`;
    rows.push(html`<tr>
      <th scope="row" rowspan=${n}>${t.sectors[s.id]}</th>
      <td>${first ? poolLabel(first.pool, first.subsector, lang) : '—'}</td>
      <td class="num">${first ? formatTonnes(first.totalT, lang) : formatTonnes(0, lang)}</td>
      ${sectorCells}
    </tr>`);
    for (const p of pools.slice(1)) {
      rows.push(html`<tr><td>${poolLabel(p.pool, p.subsector, lang)}</td><td class="num">${formatTonnes(p.totalT, lang)}</td></tr>`);
    }
  }
  return html`<table class="sector-table">
    <caption class="sr-only">${t.sectorTable}</caption>
    <thead>
      <tr>
        <th>${t.sector}</th><th>${t.spaceType}</th><th class="num">${t.landTypeTotal}</th>
        <th class="num">${t.sectorTotal}</th><th class="num">${t.shareOfNet}</th><th class="num">${t.shareOfGross}</th>
      </tr>
    </thead>
    <tbody>${rows}</tbody>
    <tfoot>
      <tr><th scope="row">${t.total}</th><td></td><td></td><td class="num">${formatTonnes(report.totals.netT, lang)}</td><td></td><td></td></tr>
    </tfoot>
  </table>`;
}

const SECTOR_COLOURS: Record<SectorId, string> = {
  industry: '#4477aa',
  buildings: '#ee6677',
  transport: '#ccbb44',
  agriculture: '#aa3377',
  waste: '#bbbbbb',
  sinks: '#228833',
};

/**
 * Horizontal bars of each sector's net tonnes (sinks extend to the left of zero), each labelled
 * with its value, over an axis marked at zero and at the largest source and sink.
 */
function renderCompositionChart(report: RunReport, lang: Lang): TemplateResult {
  const t = strings(lang);
  const width = 380;
  const barH = 16;
  const gap = 6;
  const labelW = 78;
  const valueW = 118;
  const sectors = SECTOR_IDS.map((id) => report.sectors.find((s) => s.id === id)).filter((s) => s !== undefined);
  const maxPos = Math.max(0, ...sectors.map((s) => s.netT));
  const maxNeg = Math.max(0, ...sectors.map((s) => -s.netT));
  const span = maxPos + maxNeg || 1;
  const plotX = labelW;
  const plotW = width - labelW - valueW - 8;
  const zeroX = plotX + (maxNeg / span) * plotW;
  const axisY = gap + sectors.length * (barH + gap);
  const height = axisY + 16;
  const ticks: Array<[number, string, 'start' | 'middle' | 'end']> = [[zeroX, '0', maxNeg > 0 && maxPos > 0 ? 'middle' : maxNeg > 0 ? 'end' : 'start']];
  if (maxPos > 0) ticks.push([plotX + plotW, formatTonnes(maxPos, lang), 'end']);
  if (maxNeg > 0) ticks.push([plotX, formatTonnes(-maxNeg, lang), 'start']);
  return html`<figure>
    <figcaption>${t.composition}</figcaption>
    <svg class="chart" role="img" aria-label=${t.composition} viewBox=${`0 0 ${width} ${height}`} width="100%" font-size="11">
      ${sectors.map((s, i) => {
        const y = gap + i * (barH + gap);
        const w = (Math.abs(s.netT) / span) * plotW;
        const x = s.netT >= 0 ? zeroX : zeroX - w;
        return svg`<g>
          <text x="0" y=${y + barH - 4}>${t.sectors[s.id]}</text>
          <rect x=${x} y=${y} width=${Math.max(w, 0.5)} height=${barH} fill=${SECTOR_COLOURS[s.id]}>
            <title>${t.sectors[s.id]}: ${formatTonnes(s.netT, lang)} (${formatPercent(s.shareOfNet, lang)})</title>
          </rect>
          <text class="value" x=${width} y=${y + barH - 4} text-anchor="end">${formatTonnes(s.netT, lang)}</text>
        </g>`;
      })}
      <line x1=${zeroX} x2=${zeroX} y1="0" y2=${axisY} stroke="currentColor" stroke-width="1"></line>
      <line x1=${plotX} x2=${plotX + plotW} y1=${axisY} y2=${axisY} stroke="currentColor" stroke-width="0.5"></line>
      ${ticks.map(([x, label, anchor]) => svg`<text class="tick" x=${x} y=${axisY + 12} text-anchor=${anchor} font-size="9">${label}</text>`)}
    </svg>
    <ul class="sr-only">
      ${sectors.map((s) => html`<li>${t.sectors[s.id]}: ${formatTonnes(s.netT, lang)}, ${formatPercent(s.shareOfNet, lang)}</li>`)}
    </ul>
  </figure>`;
}

function renderZones(report: RunReport, ctx: ResultsContext): TemplateResult {
  const t = strings(ctx.lang);
  const total = report.units.length || 1;
  const rows: Array<[ZoneId | 'unzoned', number]> = [...ZONE_IDS.map((z) => [z, report.zones[z] ?? 0] as [ZoneId, number])];
  if (report.zones.unzoned) rows.push(['unzoned', report.zones.unzoned]);
  return html`<table class="zone-table">
    <caption class="sr-only">${t.zoneCounts}</caption>
    <thead><tr><th>${t.zone}</th><th class="num">${t.unitTable}</th><th class="num">${t.share}</th></tr></thead>
    <tbody>
      ${rows.map(
        ([z, n]) => html`<tr>
          <td><span class="zone-chip"><span class="swatch" style=${`background:${ctx.zoneColour(z === 'unzoned' ? 'none' : z)}`}></span>${z === 'unzoned' ? t.unzoned : t.zones[z]}</span></td>
          <td class="num">${formatCount(n, ctx.lang)}</td>
          <td class="num">${formatPercent((n / total) * 100, ctx.lang)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function compare(a: UnitProperties, b: UnitProperties, key: UnitSortKey, lang: Lang): number {
  if (key === 'name') return a.name.localeCompare(b.name, lang);
  if (key === 'zone') return zoneText(a.zone, lang).localeCompare(zoneText(b.zone, lang), lang);
  const va = a[key];
  const vb = b[key];
  // Missing values sort last whatever the direction.
  if (va === null && vb === null) return 0;
  if (va === null) return Infinity;
  if (vb === null) return -Infinity;
  return va - vb;
}

function renderUnitTable(report: RunReport, ctx: ResultsContext): TemplateResult {
  const t = strings(ctx.lang);
  const lang = ctx.lang;
  const { key, dir } = ctx.sort;
  const units = [...report.units].sort((a, b) => {
    const c = compare(a, b, key, lang);
    if (!Number.isFinite(c)) return c > 0 ? 1 : -1;
    return dir === 'asc' ? c : -c;
  });
  const columns: Array<[UnitSortKey, string, boolean]> = [
    ['name', t.unitName, false],
    ['zone', t.zone, false],
    ['emissionT', t.emissions, true],
    ['sinkT', t.sinks, true],
    ['netT', t.net, true],
    ['ccr', t.ccr, true],
    ['ecc', t.ecc, true],
    ['esc', t.esc, true],
  ];
  const header = (k: UnitSortKey, label: string, num: boolean): TemplateResult => {
    const sorted = key === k;
    return html`<th class=${num ? 'num' : ''} aria-sort=${sorted ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" aria-label=${t.sortBy(label)} @click=${() => ctx.setSort({ key: k, dir: sorted && dir === 'desc' ? 'asc' : 'desc' })}>
        ${label}${sorted ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>`;
  };
  const activate = (id: string) => (e: Event) => {
    if (e instanceof KeyboardEvent && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    ctx.selectUnit(id);
  };
  return html`<table class="unit-table">
    <caption class="sr-only">${t.unitTable}</caption>
    <thead><tr>${columns.map(([k, l, n]) => header(k, l, n))}</tr></thead>
    <tbody>
      ${units.map(
        (u) => html`<tr
          tabindex="0"
          data-unit-id=${u.id}
          class=${u.id === ctx.selectedUnitId ? 'selected' : ''}
          aria-selected=${u.id === ctx.selectedUnitId ? 'true' : 'false'}
          @click=${activate(u.id)}
          @keydown=${activate(u.id)}
        >
          <td>${u.name || u.id}</td>
          <td><span class="zone-chip"><span class="swatch" style=${`background:${ctx.zoneColour(u.zone ?? 'none')}`}></span>${zoneText(u.zone, lang)}</span></td>
          <td class="num">${formatTonnes(u.emissionT, lang)}</td>
          <td class="num">${formatTonnes(u.sinkT, lang)}</td>
          <td class="num">${formatTonnes(u.netT, lang)}</td>
          <td class="num">${formatPercentOfRatio(u.ccr, lang)}</td>
          <td class="num">${formatCoefficient(u.ecc, lang)}</td>
          <td class="num">${formatCoefficient(u.esc, lang)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The run's warnings in plain words (the UI language), then its notes (info) folded away. */
function renderWarnings(report: RunReport, lang: Lang): TemplateResult {
  const t = strings(lang);
  const issues = report.issues.filter((i) => i.severity !== 'info');
  const notes = report.issues.filter((i) => i.severity === 'info');
  // Text bindings only: issue values (codes, names, keys) come from the city's files.
  const item = (i: Issue): TemplateResult => html`<li class=${i.severity} data-code=${i.code} title=${i.message}>${issueText(i, lang)}</li>`;
  return html`
    <h3>${t.warnings}</h3>
    ${issues.length === 0 ? html`<p>${t.noWarnings}</p>` : html`<ul class="issues">${issues.map(item)}</ul>`}
    ${notes.length === 0
      ? nothing
      : html`<details class="notes">
          <summary>${t.notes(formatCount(notes.length, lang))}</summary>
          <ul class="issues">${notes.map(item)}</ul>
        </details>`}
  `;
}

/** The whole results panel. */
export function renderResultsPanel(ctx: ResultsContext): TemplateResult {
  const t = strings(ctx.lang);
  const report = ctx.report;
  if (!report) return html`<p>${t.noResults}</p>`;
  return html`
    ${renderTotals(report, ctx.lang)}
    <h3>${t.sectorTable}</h3>
    ${renderSectorTable(report, ctx.lang)}
    ${renderCompositionChart(report, ctx.lang)}
    <h3>${t.zoneCounts}</h3>
    ${renderZones(report, ctx)}
    <h3>${t.unitTable}</h3>
    ${renderUnitTable(report, ctx)}
    ${renderWarnings(report, ctx.lang)}
  `;
}
