/**
 * Fossil-fuel CO2 factors (coefficients.md B1), tonnes of CO2 per unit of fuel.
 *
 * Route (a), IPCC 2006 (default): fuel × China net calorific value × IPCC default CO2 factor,
 * oxidation 1. Route (b), China enterprise guideline: fuel × NCV × carbon content × oxidation
 * × 44/12. Values are computed here from the published inputs so the derivation stays visible.
 */
import type { Coefficient, FactorStatus } from './types.js';

/** Mass ratio CO2 / C = 44/12. */
export const CO2_PER_C = 44 / 12;

const NCV_SOURCE = 'China NCV (GB/T 2589; China Energy Statistical Yearbook) as printed in Zhang Xin 2018, ChinaXiv-201810.00130, Table 1';
const IPCC_SOURCE = 'IPCC 2006 Guidelines Vol. 2 Ch. 2 Table 2.2 default CO2 factors (GHG Protocol transcription, mamhoff/datasets business/energy/stationaryCombustion)';
const CN_GUIDE_SOURCE = 'China enterprise GHG accounting guideline (power generation) default carbon content and oxidation rate, via third-party code transcriptions; primary check pending';

interface FuelRow {
  id: string;
  label: string;
  /** Net calorific value in GJ per t (per 10^4 m3 for natural gas: GJ/10^4 m3 ÷ 10^4 → GJ/m3). */
  ncvGJ: number;
  ncvUnit: string;
  /** IPCC default, kg CO2 per TJ. */
  efKgPerTJ: number;
  efNote?: string;
  /** Route (b): carbon content t C/GJ and oxidation rate. */
  carbonTPerGJ: number;
  oxidation: number;
  routeBStatus: FactorStatus;
  /** Unit of the fuel quantity: t, or 10^4 m3 for natural gas. */
  perUnit: 't' | '10^4 m3';
}

const FUELS: readonly FuelRow[] = [
  { id: 'raw-coal', label: 'raw coal', ncvGJ: 20.908, ncvUnit: 'GJ/t', efKgPerTJ: 94_600, efNote: 'other bituminous coal', carbonTPerGJ: 0.02637, oxidation: 0.94, routeBStatus: 'R', perUnit: 't' },
  { id: 'coke', label: 'coke', ncvGJ: 28.435, ncvUnit: 'GJ/t', efKgPerTJ: 107_000, efNote: 'coke-oven coke', carbonTPerGJ: 0.02942, oxidation: 0.93, routeBStatus: 'V2', perUnit: 't' },
  { id: 'crude-oil', label: 'crude oil', ncvGJ: 41.816, ncvUnit: 'GJ/t', efKgPerTJ: 73_300, carbonTPerGJ: 0.02008, oxidation: 0.98, routeBStatus: 'V2', perUnit: 't' },
  { id: 'gasoline', label: 'gasoline', ncvGJ: 43.070, ncvUnit: 'GJ/t', efKgPerTJ: 69_300, efNote: 'motor gasoline (not the aviation-gasoline 70 000 printed by Zhang Xin 2018)', carbonTPerGJ: 0.0189, oxidation: 0.98, routeBStatus: 'V2', perUnit: 't' },
  { id: 'kerosene', label: 'kerosene', ncvGJ: 43.070, ncvUnit: 'GJ/t', efKgPerTJ: 71_900, efNote: 'other kerosene; jet kerosene is 71 500', carbonTPerGJ: 0.0196, oxidation: 0.98, routeBStatus: 'V2', perUnit: 't' },
  { id: 'diesel', label: 'diesel', ncvGJ: 42.652, ncvUnit: 'GJ/t', efKgPerTJ: 74_100, efNote: 'gas/diesel oil', carbonTPerGJ: 0.0202, oxidation: 0.98, routeBStatus: 'V2', perUnit: 't' },
  { id: 'fuel-oil', label: 'fuel oil', ncvGJ: 41.816, ncvUnit: 'GJ/t', efKgPerTJ: 77_400, efNote: 'residual fuel oil', carbonTPerGJ: 0.0211, oxidation: 0.98, routeBStatus: 'V2', perUnit: 't' },
  { id: 'lpg', label: 'LPG', ncvGJ: 50.179, ncvUnit: 'GJ/t', efKgPerTJ: 63_100, carbonTPerGJ: 0.0172, oxidation: 0.98, routeBStatus: 'V2', perUnit: 't' },
  { id: 'natural-gas', label: 'natural gas', ncvGJ: 389.31, ncvUnit: 'GJ/10^4 m3', efKgPerTJ: 56_100, carbonTPerGJ: 0.01532, oxidation: 0.99, routeBStatus: 'V2', perUnit: '10^4 m3' },
];

function unitOf(f: FuelRow): string {
  return f.perUnit === 't' ? 't CO2/t' : 't CO2/10^4 m3';
}

/** Route (a) rows: `fuel.<id>.co2.ipcc2006`, parameter `fuel.<id>.co2`. */
export const FUEL_COEFFICIENTS_IPCC: readonly Coefficient[] = FUELS.map((f) => ({
  code: `fuel.${f.id}.co2.ipcc2006`,
  parameter: `fuel.${f.id}.co2`,
  // GJ/unit × kg CO2/TJ ÷ 10^6 (kg→t and TJ→GJ) = t CO2/unit.
  value: (f.ncvGJ * f.efKgPerTJ) / 1e6,
  unit: unitOf(f),
  species: 'CO2',
  basis: `per ${f.perUnit} of ${f.label}`,
  source: `${NCV_SOURCE} [V2] × ${IPCC_SOURCE} [V]`,
  vintage: 'IPCC 2006',
  status: 'V2',
  note: `NCV ${f.ncvGJ} ${f.ncvUnit} × ${f.efKgPerTJ} kg CO2/TJ${f.efNote ? ` (${f.efNote})` : ''}; oxidation 1`,
}));

/** Route (b) rows: `fuel.<id>.co2.cn-guideline`. */
export const FUEL_COEFFICIENTS_CN_GUIDELINE: readonly Coefficient[] = FUELS.map((f) => ({
  code: `fuel.${f.id}.co2.cn-guideline`,
  parameter: `fuel.${f.id}.co2`,
  value: f.ncvGJ * f.carbonTPerGJ * f.oxidation * CO2_PER_C,
  unit: unitOf(f),
  species: 'CO2',
  basis: `per ${f.perUnit} of ${f.label}`,
  source: `${NCV_SOURCE} [V2] × ${CN_GUIDE_SOURCE}`,
  vintage: 'China enterprise guideline',
  status: f.routeBStatus,
  note: `NCV ${f.ncvGJ} ${f.ncvUnit} × ${f.carbonTPerGJ} t C/GJ × oxidation ${f.oxidation} × 44/12`,
}));

/** Heat (steam, hot water) bought from a network. */
export const HEAT_COEFFICIENTS: readonly Coefficient[] = [
  {
    code: 'heat.co2.cn-guideline', parameter: 'heat.co2', value: 0.11, unit: 't CO2/GJ', species: 'CO2',
    basis: 'per GJ of heat', source: 'China enterprise GHG accounting guideline default, via third-party code transcription',
    vintage: 'China enterprise guideline', status: 'R',
    note: 'Read in a code transcription [V2]; recalled as the guideline default, primary check pending.',
  },
];
