/**
 * The coefficient registry: every shipped row, the named factor sets of coefficients.md B11 and
 * the default choice of one code per parameter.
 */
import { FUEL_COEFFICIENTS_CN_GUIDELINE, FUEL_COEFFICIENTS_IPCC, HEAT_COEFFICIENTS } from './fuels.js';
import { GRID_COEFFICIENTS } from './electricity.js';
import { PROCESS_COEFFICIENTS } from './process.js';
import { FREIGHT_COEFFICIENTS, PASSENGER_COEFFICIENTS, VEHICLE_COEFFICIENTS } from './transport.js';
import { AGRI_INPUT_COEFFICIENTS, LIVESTOCK_COEFFICIENTS_CN_LITERATURE, LIVESTOCK_COEFFICIENTS_IPCC } from './agriculture.js';
import { WASTE_COEFFICIENTS } from './waste.js';
import { CROP_COEFFICIENTS, SINK_COEFFICIENTS_CN_LITERATURE, SINK_COEFFICIENTS_GD_INVENTORY } from './sinks.js';
import { GWP_COEFFICIENTS } from './gwp.js';
import type { Coefficient, FactorSet } from './types.js';

/** Every shipped coefficient, in a stable order. Codes are unique. */
export const COEFFICIENTS: readonly Coefficient[] = [
  ...FUEL_COEFFICIENTS_IPCC,
  ...FUEL_COEFFICIENTS_CN_GUIDELINE,
  ...HEAT_COEFFICIENTS,
  ...GRID_COEFFICIENTS,
  ...PROCESS_COEFFICIENTS,
  ...FREIGHT_COEFFICIENTS,
  ...PASSENGER_COEFFICIENTS,
  ...VEHICLE_COEFFICIENTS,
  ...AGRI_INPUT_COEFFICIENTS,
  ...LIVESTOCK_COEFFICIENTS_IPCC,
  ...LIVESTOCK_COEFFICIENTS_CN_LITERATURE,
  ...WASTE_COEFFICIENTS,
  ...SINK_COEFFICIENTS_CN_LITERATURE,
  ...SINK_COEFFICIENTS_GD_INVENTORY,
  ...CROP_COEFFICIENTS,
  ...GWP_COEFFICIENTS,
];

const BY_CODE: ReadonlyMap<string, Coefficient> = new Map(COEFFICIENTS.map((c) => [c.code, c]));
if (BY_CODE.size !== COEFFICIENTS.length) throw new Error('duplicate coefficient code in the registry');

/** The registry row of a code, or `undefined`. */
export function getCoefficient(code: string): Coefficient | undefined {
  return BY_CODE.get(code);
}

/** Every parameter that has at least one row, plus `sink.green-space` (grassland's rate by default). */
export const PARAMETERS: readonly string[] = [...new Set([...COEFFICIENTS.map((c) => c.parameter), 'sink.green-space'])];

function choicesOf(rows: readonly Coefficient[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) out[r.parameter] = r.code;
  return out;
}

function withSuffix(rows: readonly Coefficient[], suffix: string): Coefficient[] {
  return rows.filter((r) => r.code.endsWith(suffix));
}

/** Grid set id of a grid code: `grid.cn.jiangsu.2022` → `grid-cn-jiangsu-2022`. */
function gridSetId(code: string): string {
  return code.replace(/\./g, '-');
}

/** Named factor sets (coefficients.md B11). Each replaces only the parameters it lists. */
export const FACTOR_SETS: readonly FactorSet[] = [
  {
    id: 'ipcc2006-default',
    label: 'IPCC 2006 defaults',
    description: 'Fuels by IPCC 2006 factors with China NCVs (route a), IPCC process factors, IPCC Tier 1 livestock (temperate), IPCC waste parameters, farm diesel consistent with the fuel factor.',
    choices: {
      ...choicesOf(FUEL_COEFFICIENTS_IPCC),
      ...choicesOf(withSuffix(PROCESS_COEFFICIENTS, '.ipcc2006')),
      ...choicesOf(LIVESTOCK_COEFFICIENTS_IPCC),
      ...choicesOf(WASTE_COEFFICIENTS),
      ...choicesOf(HEAT_COEFFICIENTS),
      'agri.diesel': 'agri.diesel.ipcc2006',
      'agri.soil-n2o': 'agri.soil-n2o.ipcc2006',
    },
  },
  {
    id: 'cn-enterprise-guideline',
    label: 'China enterprise guideline fuels',
    description: 'Fuels by NCV × carbon content × oxidation rate × 44/12 (route b, 2–6 % below IPCC); clinker 0.538 t CO2/t.',
    choices: { ...choicesOf(FUEL_COEFFICIENTS_CN_GUIDELINE), 'process.clinker': 'process.clinker.cn-provincial' },
  },
  {
    id: 'cn-literature-agri',
    label: 'Chinese agricultural-carbon literature',
    description: 'Agricultural inputs as printed in Wu 2017 (including farm diesel 0.5927 kg C/kg) and the literature livestock CH4 set.',
    choices: {
      'agri.fertiliser': 'agri.fertiliser.cn-literature',
      'agri.pesticide': 'agri.pesticide.cn-literature',
      'agri.film': 'agri.film.cn-literature',
      'agri.diesel': 'agri.diesel.cn-literature',
      'agri.irrigation': 'agri.irrigation.cn-literature',
      'agri.tillage': 'agri.tillage.li2011',
      ...choicesOf(LIVESTOCK_COEFFICIENTS_CN_LITERATURE),
    },
  },
  ...GRID_COEFFICIENTS.map((g): FactorSet => ({
    id: gridSetId(g.code),
    label: `Grid electricity: ${g.note ?? g.code} (${g.vintage})`,
    description: `Electricity at ${g.value} t CO2/MWh. ${g.source}.`,
    choices: { 'grid.electricity': g.code },
  })),
  {
    id: 'sink-cn-literature',
    label: 'Land sinks: Chinese land-use coefficient literature (unverified)',
    description: 'Forest 0.644, grassland 0.021, water 0.253, unused 0.005 t C/hm²/a (Fang 2007, Duan 2008, Lai 2010), as recalled.',
    choices: choicesOf(SINK_COEFFICIENTS_CN_LITERATURE),
  },
  {
    id: 'sink-gd-inventory-2018',
    label: 'Land sinks: Guangdong LULUCF inventory 2018',
    description: 'Forest 3.9, grassland 0.2, wetland (for water) 0.6 t CO2/hm²/a; unused land keeps the literature rate (the inventory has none).',
    choices: { ...choicesOf(SINK_COEFFICIENTS_CN_LITERATURE), ...choicesOf(SINK_COEFFICIENTS_GD_INVENTORY) },
  },
  {
    id: 'crop-han2012',
    label: 'Crop carbon parameters (Han 2012 layout, unverified)',
    description: 'Carbon fraction, water content and harvest index per crop for the yield-based crop uptake.',
    choices: choicesOf(CROP_COEFFICIENTS),
  },
  {
    id: 'transport-defra-2011',
    label: 'Transport intensities: UK DEFRA/DECC 2011 (non-China fallback)',
    description: 'Per t·km and per p·km factors by mode, plus per vehicle·km values derived from assumed fuel economy.',
    choices: { ...choicesOf(FREIGHT_COEFFICIENTS), ...choicesOf(PASSENGER_COEFFICIENTS), ...choicesOf(VEHICLE_COEFFICIENTS) },
  },
];

const SET_BY_ID: ReadonlyMap<string, FactorSet> = new Map(FACTOR_SETS.map((s) => [s.id, s]));

/** A named factor set, or `undefined`. */
export function getFactorSet(id: string): FactorSet | undefined {
  return SET_BY_ID.get(id);
}

/** Default grid electricity code: China's national 2022 reporting value (see docs/inventory.md). */
export const DEFAULT_GRID_CODE = 'grid.cn.national.2022-reporting';

/**
 * The sets that make up the default choice, applied in order (later sets replace earlier ones):
 * Chinese literature for farm inputs and livestock first, then IPCC 2006 (so livestock CH4 and farm
 * diesel come from IPCC), the national 2022 grid, literature land sinks, Han 2012 crops, DEFRA
 * transport.
 */
export const DEFAULT_FACTOR_SETS: readonly string[] = [
  'cn-literature-agri',
  'ipcc2006-default',
  gridSetId(DEFAULT_GRID_CODE),
  'sink-cn-literature',
  'crop-han2012',
  'transport-defra-2011',
];

/** Parameter → code after applying `setIds` in order over an empty table. Unknown ids are skipped. */
export function composeFactorSets(setIds: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of setIds) Object.assign(out, SET_BY_ID.get(id)?.choices ?? {});
  return out;
}

/** The default parameter → code table (every parameter with a row has a default). */
export const DEFAULT_CHOICES: Readonly<Record<string, string>> = composeFactorSets(DEFAULT_FACTOR_SETS);
