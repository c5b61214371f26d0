/**
 * OGC Styled Layer Descriptor 1.1 (with Symbology Encoding 1.1) for GeoServer, QGIS and other
 * SLD clients: the same classes and colours as the QGIS style.
 */
import type { Classification } from '../classify/index.js';
import type { CategoryClass, RangeClass, StyleLayer } from './class-styles.js';
import { buildClassStyles } from './class-styles.js';
import type { HatchHint, MapPalette, Rgba } from './palette.js';
import { DEFAULT_PALETTE, toHex } from './palette.js';
import type { StyleWriterOptions } from './write-qml.js';
import { layerOutline } from './write-qml.js';
import { xmlEscape, xmlNumber } from './xml.js';

/** Hatch → SE well-known mark name and rotation, as QGIS exports brush styles. */
const HATCH_MARKS: Record<Exclude<HatchHint, 'none'>, string> = {
  horizontal: 'horline', vertical: 'line', cross: 'cross', b_diagonal: 'slash', f_diagonal: 'backslash', diagonal_x: 'x',
};

function fill(c: Rgba, opacity: number): string {
  return `<se:Fill><se:SvgParameter name="fill">${toHex(c)}</se:SvgParameter><se:SvgParameter name="fill-opacity">${xmlNumber(Math.round((c[3] ?? 1) * opacity * 1000) / 1000)}</se:SvgParameter></se:Fill>`;
}

function stroke(c: Rgba, widthPx: number): string {
  return `<se:Stroke><se:SvgParameter name="stroke">${toHex(c)}</se:SvgParameter><se:SvgParameter name="stroke-opacity">${xmlNumber(c[3] ?? 1)}</se:SvgParameter><se:SvgParameter name="stroke-width">${xmlNumber(widthPx)}</se:SvgParameter><se:SvgParameter name="stroke-linejoin">bevel</se:SvgParameter></se:Stroke>`;
}

function cmp(op: string, field: string, v: number | string): string {
  return `<ogc:${op}><ogc:PropertyName>${xmlEscape(field)}</ogc:PropertyName><ogc:Literal>${typeof v === 'number' ? xmlNumber(v) : xmlEscape(v)}</ogc:Literal></ogc:${op}>`;
}

function rule(name: string, title: string, filter: string, symbolizers: string[]): string {
  return `        <se:Rule>
          <se:Name>${xmlEscape(name)}</se:Name>
          <se:Description>
            <se:Title>${xmlEscape(title)}</se:Title>
          </se:Description>
          ${filter}
${symbolizers.map((s) => `          ${s}`).join('\n')}
        </se:Rule>`;
}

/**
 * An SLD 1.1 style for one result layer, with the same classes, colours and zone hatches as
 * {@link writeQml}. Classes are rules with `ogc:Filter`s: class 0 of each side is
 * lower ≤ v ≤ upper, later classes lower < v ≤ upper, so no value is painted twice; units
 * without a zone match `PropertyIsNull`.
 *
 * @param layer - `units`, `grid` or `parcels` (the NamedLayer name and the outline).
 * @param field - the attribute to style by (`zone` is categorized).
 * @param classification - from `classify` / `classifyForStyle` (ignored for `zone`).
 * @param palette - default {@link DEFAULT_PALETTE}.
 * @param options - `lang`, `opacity`.
 * @returns the `.sld` text (UTF-8 XML).
 * @throws EngineError `invalid-argument` for a numeric field without a classification.
 * @example
 * writeSld('units', 'zone', null);
 */
export function writeSld(
  layer: StyleLayer,
  field: string,
  classification: Classification | null,
  palette: MapPalette = DEFAULT_PALETTE,
  options: StyleWriterOptions = {},
): string {
  const classes = buildClassStyles(field, classification, palette, { lang: options.lang });
  const outline = layerOutline(layer, palette);
  // QGIS exports millimetres as pixels at 90.7 dpi (1 mm ≈ 3.57 px); keep at least a hairline.
  const widthPx = Math.max(0.5, Math.round(outline.widthMm * 3.57 * 100) / 100);
  const opacity = options.opacity ?? 1;
  const rules: string[] = [];
  if (field === 'zone') {
    for (const c of classes as CategoryClass[]) {
      const filter = c.value === null
        ? `<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:PropertyIsNull><ogc:PropertyName>${xmlEscape(field)}</ogc:PropertyName></ogc:PropertyIsNull></ogc:Filter>`
        : `<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc">${cmp('PropertyIsEqualTo', field, c.value)}</ogc:Filter>`;
      const symbolizers = [`<se:PolygonSymbolizer>${fill(c.colour, opacity)}${stroke(outline.colour, widthPx)}</se:PolygonSymbolizer>`];
      if (c.hatch !== 'none') {
        symbolizers.push(
          `<se:PolygonSymbolizer><se:Fill><se:GraphicFill><se:Graphic><se:Mark><se:WellKnownName>${HATCH_MARKS[c.hatch]}</se:WellKnownName>` +
            `${stroke([0, 0, 0, 0.35], 0.5)}</se:Mark><se:Size>8</se:Size></se:Graphic></se:GraphicFill></se:Fill></se:PolygonSymbolizer>`,
        );
      }
      rules.push(rule(c.value ?? 'none', c.label, filter, symbolizers));
    }
  } else {
    for (const r of classes as RangeClass[]) {
      const lowerOp = r.lowerInclusive ? 'PropertyIsGreaterThanOrEqualTo' : 'PropertyIsGreaterThan';
      const filter = `<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc"><ogc:And>${cmp(lowerOp, field, r.lower)}${cmp('PropertyIsLessThanOrEqualTo', field, r.upper)}</ogc:And></ogc:Filter>`;
      rules.push(rule(`class ${r.index}`, r.label, filter, [`<se:PolygonSymbolizer>${fill(r.colour, opacity)}${stroke(outline.colour, widthPx)}</se:PolygonSymbolizer>`]));
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:se="http://www.opengis.net/se" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="1.1.0" xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <se:Name>${xmlEscape(layer)}</se:Name>
    <UserStyle>
      <se:Name>${xmlEscape(`${layer} by ${field}`)}</se:Name>
      <se:FeatureTypeStyle>
${rules.join('\n')}
      </se:FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
`;
}
