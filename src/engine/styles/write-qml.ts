/**
 * QGIS layer style files (`.qml`): a graduated renderer for classed numbers, a categorized
 * renderer for zones. Written for QGIS 3: each symbol layer carries its properties both as
 * `<Option type="Map">` (read by QGIS ≥ 3.26) and as `<prop k v>` (read by 3.0–3.24), so the
 * file loads in every QGIS 3 LTR still in use.
 */
import type { Classification } from '../classify/index.js';
import type { CategoryClass, RangeClass, StyleLayer } from './class-styles.js';
import { buildClassStyles } from './class-styles.js';
import type { HatchHint, MapPalette, Rgba, StyleLang } from './palette.js';
import { DEFAULT_PALETTE, parseColour } from './palette.js';
import { xmlEscape, xmlNumber } from './xml.js';

export interface StyleWriterOptions {
  /** Label language; default `en`. */
  lang?: StyleLang;
  /** Fill opacity 0–1 applied to the layer; default 1. */
  opacity?: number;
}

/** `r,g,b,a` as QGIS writes colours (alpha 0–255). */
function qgisColour(c: Rgba): string {
  return `${c[0]},${c[1]},${c[2]},${Math.round((c[3] ?? 1) * 255)}`;
}

/** Outline colour and width (mm) of a layer: units stand out, cells and parcels recede. */
export function layerOutline(layer: StyleLayer, palette: MapPalette): { colour: Rgba; widthMm: number } {
  const c = parseColour(layer === 'units' ? palette.outline : palette.parcelOutline) ?? [30, 30, 30, 0.75];
  return { colour: c, widthMm: layer === 'units' ? 0.4 : layer === 'grid' ? 0.15 : 0.1 };
}

function simpleFill(props: Record<string, string>): string {
  const keys = Object.keys(props).sort();
  const options = keys.map((k) => `              <Option type="QString" name="${k}" value="${xmlEscape(props[k])}"/>`).join('\n');
  const legacy = keys.map((k) => `            <prop k="${k}" v="${xmlEscape(props[k])}"/>`).join('\n');
  return `          <layer class="SimpleFill" enabled="1" locked="0" pass="0">
            <Option type="Map">
${options}
            </Option>
${legacy}
          </layer>`;
}

function fillProps(fill: Rgba, style: HatchHint | 'solid', outline: Rgba | null, widthMm: number): Record<string, string> {
  return {
    border_width_map_unit_scale: '3x:0,0,0,0,0,0',
    color: qgisColour(fill),
    joinstyle: 'bevel',
    offset: '0,0',
    offset_map_unit_scale: '3x:0,0,0,0,0,0',
    offset_unit: 'MM',
    outline_color: qgisColour(outline ?? [0, 0, 0, 0]),
    outline_style: outline ? 'solid' : 'no',
    outline_width: String(widthMm),
    outline_width_unit: 'MM',
    style: style === 'none' ? 'no' : style,
  };
}

function symbol(name: string, layers: string[]): string {
  return `        <symbol type="fill" name="${name}" alpha="1" clip_to_extent="1" force_rhr="0">
${layers.join('\n')}
        </symbol>`;
}

const METHOD_IDS: Record<string, string> = { jenks: 'Jenks', quantile: 'Quantile', equal: 'EqualInterval' };

/**
 * A QGIS style (`.qml`) for one result layer.
 *
 * - `field === 'zone'`: categorized renderer, one category per zone with its colour and a hatch
 *   (a second, semi-transparent SimpleFill whose brush is the zone's {@link HatchHint}), plus an
 *   "all other values" category for units without a zone.
 * - any other field (`netT`, `netPerKm2`, `ccr`, …): graduated renderer with exactly the
 *   classification's classes and the map's colours (see `buildClassStyles`). QGIS puts a value
 *   in the first range with lower ≤ v ≤ upper, ranges listed from the lowest sink class up, so a
 *   value on a limit goes to the lower class, as `classIndex` does.
 *
 * @param layer - `units`, `grid` or `parcels` (sets the outline).
 * @param field - the attribute to style by.
 * @param classification - from `classify` / `classifyForStyle` (ignored for `zone`).
 * @param palette - default {@link DEFAULT_PALETTE}.
 * @param options - `lang` (labels, default `en`), `opacity` (default 1).
 * @returns the `.qml` text (UTF-8 XML).
 * @throws EngineError `invalid-argument` for a numeric field without a classification.
 * @example
 * writeQml('units', 'zone', null);
 * writeQml('grid', 'netPerKm2', classifyForStyle(values));
 */
export function writeQml(
  layer: StyleLayer,
  field: string,
  classification: Classification | null,
  palette: MapPalette = DEFAULT_PALETTE,
  options: StyleWriterOptions = {},
): string {
  const classes = buildClassStyles(field, classification, palette, { lang: options.lang });
  const outline = layerOutline(layer, palette);
  const opacity = options.opacity ?? 1;
  let renderer: string;
  if (field === 'zone') {
    const cats = classes as CategoryClass[];
    const categories = cats
      .map((c, i) => `      <category value="${c.value === null ? '' : xmlEscape(c.value)}" symbol="${i}" label="${xmlEscape(c.label)}" render="true" uuid="zone-${i}"/>`)
      .join('\n');
    const symbols = cats
      .map((c, i) => {
        const layers = [simpleFill(fillProps(c.colour, 'solid', outline.colour, outline.widthMm))];
        // The hatch: dark lines at 35 % opacity over the fill, no outline of its own.
        if (c.hatch !== 'none') layers.push(simpleFill(fillProps([0, 0, 0, 0.35], c.hatch, null, 0)));
        return symbol(String(i), layers);
      })
      .join('\n');
    renderer = `  <renderer-v2 type="categorizedSymbol" attr="${xmlEscape(field)}" symbollevels="0" forceraster="0" enableorderby="0" referencescale="-1">
    <categories>
${categories}
    </categories>
    <symbols>
${symbols}
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>`;
  } else {
    // Lowest first: QGIS takes the first matching range.
    const ranges = (classes as RangeClass[]).slice().sort((a, b) => a.upper - b.upper);
    const rangeXml = ranges
      .map((r, i) => `      <range lower="${xmlNumber(r.lower)}" upper="${xmlNumber(r.upper)}" symbol="${i}" label="${xmlEscape(r.label)}" render="true" uuid="class-${r.index}"/>`)
      .join('\n');
    const symbols = ranges.map((r, i) => symbol(String(i), [simpleFill(fillProps(r.colour, 'solid', outline.colour, outline.widthMm))])).join('\n');
    const method = classification?.method ?? 'jenks';
    const methodXml = METHOD_IDS[method]
      ? `\n    <classificationMethod id="${METHOD_IDS[method]}">
      <symmetricMode enabled="0" symmetrypoint="0" astride="0"/>
      <labelFormat format="%1 – %2" labelprecision="2" trimtrailingzeroes="1"/>
      <parameters>
        <Option/>
      </parameters>
      <extraInformation/>
    </classificationMethod>`
      : '';
    renderer = `  <renderer-v2 type="graduatedSymbol" attr="${xmlEscape(field)}" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0" referencescale="-1">
    <ranges>
${rangeXml}
    </ranges>
    <symbols>
${symbols}
    </symbols>
    <mode name="${method === 'equal' ? 'equal' : method === 'manual' ? 'manual' : method}"/>${methodXml}
    <rotation/>
    <sizescale/>
  </renderer-v2>`;
  }
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0-Firenze" styleCategories="Symbology">
${renderer}
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>${xmlNumber(opacity)}</layerOpacity>
</qgis>
`;
}
