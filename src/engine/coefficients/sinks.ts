/**
 * Land sink rates (coefficients.md B9) and crop carbon parameters (B10).
 *
 * Land sink rates are stored as t CO2 per m² per year, positive = uptake (the engine's area unit
 * is m²). Conversion from the published t C·hm⁻²·a⁻¹: × 44/12 (C → CO2) ÷ 10 000 (hm² → m²).
 */
import { CO2_PER_C } from './fuels.js';
import type { Coefficient } from './types.js';

/** m² per hectare (hm²). */
export const M2_PER_HA = 10_000;

/** Space types that carry a land sink rate (the `sinks-land` sub-sector, METHOD.md §2). */
export const SINK_LAND_TYPES = ['forest', 'grassland', 'water', 'unused', 'green-space'] as const;
export type SinkLandType = (typeof SINK_LAND_TYPES)[number];

const RATE_UNIT = 't CO2/m2/a';

function fromTcPerHa(code: string, parameter: string, tC: number, source: string, note?: string): Coefficient {
  const row: Coefficient = {
    code, parameter, value: (tC * CO2_PER_C) / M2_PER_HA, unit: RATE_UNIT, species: 'CO2',
    basis: 'per m² of land per year (uptake)', source, vintage: 'literature', status: 'R',
    published: { value: -tC, unit: 't C/hm2/a (negative = sink)' },
  };
  if (note) row.note = note;
  return row;
}

function fromTco2PerHa(code: string, parameter: string, tCO2: number, note?: string): Coefficient {
  const row: Coefficient = {
    code, parameter, value: tCO2 / M2_PER_HA, unit: RATE_UNIT, species: 'CO2',
    basis: 'per m² of land per year (uptake)',
    source: 'Lü Guowei et al. 2023, Acta Geographica Sinica 78(3), Guangdong LULUCF inventory, Table 7 (2018, provincial means)',
    vintage: '2018', status: 'V',
    published: { value: tCO2, unit: 't CO2/hm2/a (positive = sink)' },
  };
  if (note) row.note = note;
  return row;
}

/** The classic Chinese land-use coefficient set (all recalled, status R). */
export const SINK_COEFFICIENTS_CN_LITERATURE: readonly Coefficient[] = [
  fromTcPerHa('sink.forest.cn-literature', 'sink.forest', 0.644, 'Fang Jingyun et al. 2007 (carbon sinks of China\'s terrestrial vegetation), as commonly cited'),
  fromTcPerHa('sink.grassland.cn-literature', 'sink.grassland', 0.021, 'Fang Jingyun et al. 2007, as commonly cited'),
  fromTcPerHa('sink.water.cn-literature', 'sink.water', 0.253, 'Duan Xiaonan et al. 2008, as commonly cited', 'Some papers use 0.567 for wetlands.'),
  fromTcPerHa('sink.unused.cn-literature', 'sink.unused', 0.005, 'Lai Li 2010, as commonly cited'),
];

/** Guangdong provincial LULUCF inventory (verified). No value for unused land. */
export const SINK_COEFFICIENTS_GD_INVENTORY: readonly Coefficient[] = [
  fromTco2PerHa('sink.forest.gd-inventory-2018', 'sink.forest', 3.9, 'Provincial mean; 2.1–5.1 across the 21 cities. About 1.6× the literature forest rate.'),
  fromTco2PerHa('sink.grassland.gd-inventory-2018', 'sink.grassland', 0.2),
  fromTco2PerHa('sink.water.gd-inventory-2018', 'sink.water', 0.6, 'The inventory\'s wetland rate, used for water.'),
];

/** Crop parameters of the yield-based uptake Σ ca·Y·(1−wc)/HI (Han Zhaoying et al. 2012 layout; all R). */
export const CROP_TYPES = [
  'rice', 'wheat', 'maize', 'soybean', 'rapeseed', 'peanut', 'cotton', 'vegetables', 'tubers',
  'sugarcane', 'sugarBeet', 'tobacco', 'melons', 'sorghum', 'otherCereals',
] as const;
export type CropType = (typeof CROP_TYPES)[number];

/** Activity key → parameter fragment (`crop.<id>.carbon-fraction`, …). */
export const CROP_IDS: Readonly<Record<CropType, string>> = {
  rice: 'rice', wheat: 'wheat', maize: 'maize', soybean: 'soybean', rapeseed: 'rapeseed', peanut: 'peanut',
  cotton: 'cotton', vegetables: 'vegetables', tubers: 'tubers', sugarcane: 'sugarcane', sugarBeet: 'sugar-beet',
  tobacco: 'tobacco', melons: 'melons', sorghum: 'sorghum', otherCereals: 'other-cereals',
};

const CROP_TABLE: Readonly<Record<CropType, [carbonFraction: number, waterContent: number, harvestIndex: number, note?: string]>> = {
  rice: [0.414, 0.12, 0.45],
  wheat: [0.485, 0.12, 0.40],
  maize: [0.471, 0.13, 0.40],
  soybean: [0.450, 0.13, 0.34, 'HI 0.35 in some papers'],
  rapeseed: [0.450, 0.10, 0.25, 'HI 0.271 in some papers'],
  peanut: [0.450, 0.10, 0.43],
  cotton: [0.450, 0.08, 0.10, 'HI differs for lint vs seed cotton'],
  vegetables: [0.450, 0.90, 0.60],
  tubers: [0.423, 0.70, 0.70],
  sugarcane: [0.450, 0.50, 0.50],
  sugarBeet: [0.407, 0.75, 0.70],
  tobacco: [0.450, 0.85, 0.55],
  melons: [0.450, 0.90, 0.70],
  sorghum: [0.450, 0.12, 0.35],
  otherCereals: [0.450, 0.12, 0.40],
};

const HAN2012 = 'Han Zhaoying et al. 2012, Journal of Agro-Environment Science 31(5) (Jiangsu); Li Kerang 2000; Wang Xiulan 1996 — table layout as commonly cited, values recalled';

export const CROP_COEFFICIENTS: readonly Coefficient[] = CROP_TYPES.flatMap((crop): Coefficient[] => {
  const [ca, wc, hi, note] = CROP_TABLE[crop];
  const id = CROP_IDS[crop];
  const common = { source: HAN2012, vintage: '2012', status: 'R' as const, species: 'ratio' as const, unit: 'ratio' };
  const rows: Coefficient[] = [
    { code: `crop.${id}.carbon-fraction.han2012`, parameter: `crop.${id}.carbon-fraction`, value: ca, basis: 't C per t dry matter', ...common },
    { code: `crop.${id}.water-content.han2012`, parameter: `crop.${id}.water-content`, value: wc, basis: 'water share of the economic product', ...common },
    { code: `crop.${id}.harvest-index.han2012`, parameter: `crop.${id}.harvest-index`, value: hi, basis: 'economic yield ÷ total biomass', ...common },
  ];
  if (note) rows[2] = { ...rows[2], note };
  return rows;
});
