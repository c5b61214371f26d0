/**
 * Agricultural inputs (coefficients.md B5) and livestock CH4 (B6).
 *
 * Input factors are published as carbon (kg C per kg input, kg C per area); the inventory
 * multiplies by 44/12. Livestock factors are kg CH4 per head per year; the inventory applies the
 * selected GWP for non-fossil CH4.
 */
import { CO2_PER_C } from './fuels.js';
import { FUEL_COEFFICIENTS_IPCC } from './fuels.js';
import type { Coefficient, FactorStatus } from './types.js';

const WU2017 = 'Wu Haoyue, He Yanqiu, Chen Rou 2017, Chinese Journal of Eco-Agriculture 25(9):1381, Table 1';

const dieselIpcc = FUEL_COEFFICIENTS_IPCC.find((c) => c.code === 'fuel.diesel.co2.ipcc2006');
if (!dieselIpcc) throw new Error('missing fuel.diesel.co2.ipcc2006');

export const AGRI_INPUT_COEFFICIENTS: readonly Coefficient[] = [
  {
    code: 'agri.fertiliser.cn-literature', parameter: 'agri.fertiliser', value: 0.8956, unit: 'kg C/kg', species: 'C',
    basis: 'per kg of chemical fertiliser (pure nutrient)', source: `${WU2017} → West & Marland, ORNL`, vintage: '2017', status: 'V2',
  },
  {
    code: 'agri.pesticide.cn-literature', parameter: 'agri.pesticide', value: 4.9341, unit: 'kg C/kg', species: 'C',
    basis: 'per kg of pesticide', source: `${WU2017} → ORNL`, vintage: '2017', status: 'V2',
  },
  {
    code: 'agri.film.cn-literature', parameter: 'agri.film', value: 5.18, unit: 'kg C/kg', species: 'C',
    basis: 'per kg of agricultural plastic film', source: `${WU2017} → IREEA, Nanjing Agricultural University`, vintage: '2017', status: 'V2',
  },
  {
    code: 'agri.diesel.ipcc2006', parameter: 'agri.diesel', value: dieselIpcc.value / CO2_PER_C, unit: 'kg C/kg', species: 'C',
    basis: 'per kg of diesel used in farming', source: `Derived from fuel.diesel.co2.ipcc2006 (${dieselIpcc.value.toFixed(4)} t CO2/t) × 12/44`, vintage: 'IPCC 2006', status: 'V2',
    note: 'The literature value 0.5927 kg C/kg matches the diesel carbon coefficient per kg of standard coal (0.5921 t C/tce); per kg of diesel that is 0.5927 × 1.4571 = 0.864, which this value reproduces.',
  },
  {
    code: 'agri.diesel.cn-literature', parameter: 'agri.diesel', value: 0.5927, unit: 'kg C/kg', species: 'C',
    basis: 'per kg of diesel used in farming (as printed)', source: `${WU2017} → IPCC`, vintage: '2017', status: 'V2',
    note: 'Likely per kg of standard coal rather than per kg of diesel; kept to reproduce papers that use it.',
  },
  {
    code: 'agri.irrigation.cn-literature', parameter: 'agri.irrigation', value: 266.48, unit: 'kg C/hm2', species: 'C',
    basis: 'per hectare of effectively irrigated area per year', source: `${WU2017} (cites West & Marland); Li Yuanhang 2022`, vintage: '2017', status: 'V2',
  },
  {
    code: 'agri.irrigation.dubey-lal-2009', parameter: 'agri.irrigation', value: 20.476, unit: 'kg C/hm2', species: 'C',
    basis: 'per hectare of effectively irrigated area per year', source: 'Dubey & Lal 2009 (as widely cited)', vintage: '2009', status: 'R',
  },
  {
    code: 'agri.tillage.li2011', parameter: 'agri.tillage', value: 312.6, unit: 'kg C/km2', species: 'C',
    basis: 'per km² of ploughed area per year', source: 'Li Bo, Zhang Junbiao, Li Haipeng 2011, China Population, Resources and Environment 21(8) lineage, unit as in Feng Jian 2020', vintage: '2011', status: 'R',
    note: 'Unit trap: some papers print 312.6 kg C/hm², a factor 100 larger. Default per km² (3.126 kg C/hm²) until the original is checked.',
  },
  {
    code: 'agri.tillage.wu2017-per-hm2', parameter: 'agri.tillage', value: 31_260, unit: 'kg C/km2', species: 'C',
    basis: 'per km² of ploughed area per year', source: WU2017, vintage: '2017', status: 'V2',
    published: { value: 312.6, unit: 'kg C/hm2' },
    note: 'The same 312.6 read as per hm² (as Wu 2017 prints it), stored per km².',
  },
  {
    code: 'agri.soil-n2o.ipcc2006', parameter: 'agri.soil-n2o', value: 0.01, unit: 'kg N2O-N/kg N', species: 'N2O',
    basis: 'per kg of nitrogen applied (direct soil N2O, EF1)', source: 'IPCC 2006 Vol. 4 Ch. 11 EF1', vintage: 'IPCC 2006', status: 'R',
    note: 'N2O-N × 44/28 → N2O, then × GWP N2O.',
  },
];

const IPCC_LIVESTOCK = 'IPCC 2006 Vol. 4 Ch. 10 Tier 1 (mamhoff/datasets business/agriculture/livestock)';

/** Keys of the livestock head counts (activity) and their parameter ids. */
export const LIVESTOCK_TYPES = [
  'dairyCattle', 'otherCattle', 'buffalo', 'swine', 'sheep', 'goats', 'horses', 'mulesAsses', 'camels', 'poultry',
] as const;
export type LivestockType = (typeof LIVESTOCK_TYPES)[number];

/** Activity key → parameter id fragment (`livestock.<id>.enteric` / `.manure`). */
export const LIVESTOCK_IDS: Readonly<Record<LivestockType, string>> = {
  dairyCattle: 'dairy-cattle', otherCattle: 'other-cattle', buffalo: 'buffalo', swine: 'swine', sheep: 'sheep',
  goats: 'goats', horses: 'horses', mulesAsses: 'mules-asses', camels: 'camels', poultry: 'poultry',
};

function ch4Row(
  animal: string, kind: 'enteric' | 'manure', set: string, value: number, status: FactorStatus, source: string, vintage: string, note?: string,
): Coefficient {
  const row: Coefficient = {
    code: `livestock.${animal}.${kind}.${set}`,
    parameter: `livestock.${animal}.${kind}`,
    value,
    unit: 'kg CH4/head/a',
    species: 'CH4',
    basis: `per head per year, ${kind === 'enteric' ? 'enteric fermentation' : 'manure management'}`,
    source,
    vintage,
    status,
  };
  if (note) row.note = note;
  return row;
}

const TEMPERATE = 'Manure at a mean annual temperature of about 17 °C (temperate); cooler or warmer cities should override (docs/inventory.md lists the IPCC values).';

/** IPCC 2006 Tier 1 (Asia, developing-country values; manure for a temperate 15–18 °C climate). */
export const LIVESTOCK_COEFFICIENTS_IPCC: readonly Coefficient[] = [
  ch4Row('dairy-cattle', 'enteric', 'ipcc2006', 68, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'Asia'),
  ch4Row('other-cattle', 'enteric', 'ipcc2006', 47, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'Asia, weighted average'),
  ch4Row('buffalo', 'enteric', 'ipcc2006', 55, 'V', IPCC_LIVESTOCK, 'IPCC 2006'),
  ch4Row('swine', 'enteric', 'ipcc2006', 1, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'developing countries (1.5 developed)'),
  ch4Row('sheep', 'enteric', 'ipcc2006', 5, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'developing countries (8 developed)'),
  ch4Row('goats', 'enteric', 'ipcc2006', 5, 'V', IPCC_LIVESTOCK, 'IPCC 2006'),
  ch4Row('horses', 'enteric', 'ipcc2006', 18, 'V', IPCC_LIVESTOCK, 'IPCC 2006'),
  ch4Row('mules-asses', 'enteric', 'ipcc2006', 10, 'V', IPCC_LIVESTOCK, 'IPCC 2006'),
  ch4Row('camels', 'enteric', 'ipcc2006', 46, 'V', IPCC_LIVESTOCK, 'IPCC 2006'),
  ch4Row('poultry', 'enteric', 'ipcc2006', 0, 'R', IPCC_LIVESTOCK, 'IPCC 2006', 'IPCC gives no Tier 1 enteric factor for poultry; 0 by convention.'),
  ch4Row('dairy-cattle', 'manure', 'ipcc2006', 15, 'V', IPCC_LIVESTOCK, 'IPCC 2006', `Asia, 17 °C. ${TEMPERATE}`),
  ch4Row('other-cattle', 'manure', 'ipcc2006', 1, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'Asia, all temperatures'),
  ch4Row('buffalo', 'manure', 'ipcc2006', 2, 'V', IPCC_LIVESTOCK, 'IPCC 2006', '≥ 15 °C (1 below)'),
  ch4Row('swine', 'manure', 'ipcc2006', 3, 'V', IPCC_LIVESTOCK, 'IPCC 2006', `Asia, 15–18 °C. ${TEMPERATE}`),
  ch4Row('sheep', 'manure', 'ipcc2006', 0.15, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'temperate'),
  ch4Row('goats', 'manure', 'ipcc2006', 0.17, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'temperate'),
  ch4Row('horses', 'manure', 'ipcc2006', 1.64, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'temperate'),
  ch4Row('mules-asses', 'manure', 'ipcc2006', 0.90, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'temperate'),
  ch4Row('camels', 'manure', 'ipcc2006', 1.92, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'temperate'),
  ch4Row('poultry', 'manure', 'ipcc2006', 0.02, 'V', IPCC_LIVESTOCK, 'IPCC 2006', 'developing countries, temperate'),
];

const WU_LIVESTOCK = `${WU2017}, back-calculated from kg C-eq ÷ 6.82 (citing IPCC)`;

/** Chinese-literature set (Wu 2017). Poultry and camels are not in it. */
export const LIVESTOCK_COEFFICIENTS_CN_LITERATURE: readonly Coefficient[] = [
  ch4Row('dairy-cattle', 'enteric', 'cn-literature', 61, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('buffalo', 'enteric', 'cn-literature', 55, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('other-cattle', 'enteric', 'cn-literature', 47, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('horses', 'enteric', 'cn-literature', 18, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('mules-asses', 'enteric', 'cn-literature', 10, 'V2', WU_LIVESTOCK, '2017', 'donkey and mule both 10'),
  ch4Row('swine', 'enteric', 'cn-literature', 1, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('goats', 'enteric', 'cn-literature', 5, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('sheep', 'enteric', 'cn-literature', 5, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('dairy-cattle', 'manure', 'cn-literature', 18, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('buffalo', 'manure', 'cn-literature', 2, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('other-cattle', 'manure', 'cn-literature', 1, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('horses', 'manure', 'cn-literature', 1.64, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('mules-asses', 'manure', 'cn-literature', 0.90, 'V2', WU_LIVESTOCK, '2017', 'donkey and mule both 0.90'),
  ch4Row('swine', 'manure', 'cn-literature', 4, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('goats', 'manure', 'cn-literature', 0.17, 'V2', WU_LIVESTOCK, '2017'),
  ch4Row('sheep', 'manure', 'cn-literature', 0.15, 'V2', WU_LIVESTOCK, '2017'),
];
