/**
 * The content of the popup shown on a selected feature. Every attribute value is untrusted and
 * goes through Lit text bindings only.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { SECTOR_IDS } from '../../engine/index.js';
import type { SectorId, SpaceType, ZoneId } from '../../engine/index.js';
import type { Lang } from '../i18n.js';
import { formatArea, formatCoefficient, formatPercentOfRatio, formatTonnes, formatTonnesPerKm2, strings } from '../i18n.js';

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** The zone of a unit as words (never colour alone). */
export function zoneText(zone: unknown, lang: Lang): string {
  const t = strings(lang);
  return typeof zone === 'string' && zone in t.zones ? t.zones[zone as ZoneId] : t.unzoned;
}

/** Popup body for a feature of one of the result layers. */
export function renderPopupContent(
  layer: 'units' | 'grid' | 'parcels',
  p: Record<string, unknown>,
  lang: Lang,
  zoneColour: (zone: string) => string,
): TemplateResult {
  const t = strings(lang);
  const sectorRows = SECTOR_IDS.map((s: SectorId) => {
    const v = num(p[`${s}T`]);
    return v === null || v === 0 ? nothing : html`<dt>${t.sectors[s]}</dt><dd>${formatTonnes(v, lang)}</dd>`;
  });
  if (layer === 'units') {
    const zone = typeof p.zone === 'string' ? p.zone : 'none';
    return html`
      <h2>${text(p.name) || text(p.id)}</h2>
      <dl>
        <dt>${t.zone}</dt>
        <dd><span class="zone-chip"><span class="swatch" style="background:${zoneColour(zone)}"></span>${zoneText(p.zone, lang)}</span></dd>
        <dt>${t.emissions}</dt><dd>${formatTonnes(num(p.emissionT), lang)}</dd>
        <dt>${t.sinks}</dt><dd>${formatTonnes(num(p.sinkT), lang)}</dd>
        <dt>${t.net}</dt><dd>${formatTonnes(num(p.netT), lang)}</dd>
        <dt>${t.ccr}</dt><dd>${formatPercentOfRatio(num(p.ccr), lang)}</dd>
        <dt>${t.ecc} ${t.ratio}</dt><dd>${formatCoefficient(num(p.ecc), lang)}</dd>
        <dt>${t.esc} ${t.ratio}</dt><dd>${formatCoefficient(num(p.esc), lang)}</dd>
        ${p.reason ? html`<dt>${t.reason}</dt><dd title=${text(p.reason)}>${t.reasons[text(p.reason)] ?? text(p.reason)}</dd>` : nothing}
      </dl>
      <h3 class="sr-only">${t.sectorBreakdown}</h3>
      <dl aria-label=${t.sectorBreakdown}>${sectorRows}</dl>
    `;
  }
  if (layer === 'grid') {
    return html`
      <h2>${t.layerNames.grid} ${text(p.id)}</h2>
      <dl>
        <dt>${t.net}</dt><dd>${formatTonnes(num(p.netT), lang)}</dd>
        <dt>${t.net}${t.perKm2}</dt><dd>${formatTonnesPerKm2(num(p.netPerKm2), lang)}</dd>
        <dt>${t.gross}</dt><dd>${formatTonnes(num(p.grossT), lang)}</dd>
        <dt>${t.sinks}</dt><dd>${formatTonnes(num(p.sinkT), lang)}</dd>
      </dl>
      <dl aria-label=${t.sectorBreakdown}>${sectorRows}</dl>
    `;
  }
  const st = typeof p.spaceType === 'string' && p.spaceType in t.spaceTypes ? t.spaceTypes[p.spaceType as SpaceType] : t.notMapped;
  return html`
    <h2>${t.layerNames.parcels} ${text(p.id)}</h2>
    <dl>
      <dt>${t.code}</dt><dd>${text(p.code)}</dd>
      <dt>${t.spaceType}</dt><dd>${st}</dd>
      <dt>${t.area}</dt><dd>${formatArea(num(p.areaM2), lang)}</dd>
      <dt>${t.net}</dt><dd>${formatTonnes(num(p.netT), lang)}</dd>
      <dt>${t.net}${t.perKm2}</dt><dd>${formatTonnesPerKm2(num(p.netPerKm2), lang)}</dd>
    </dl>
    <dl aria-label=${t.sectorBreakdown}>${sectorRows}</dl>
  `;
}
