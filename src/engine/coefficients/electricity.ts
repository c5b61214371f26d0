/**
 * Grid electricity CO2 factors (coefficients.md B2), t CO2 per MWh (= kg CO2 per kWh).
 * Parameter `grid.electricity`; choose one with a grid factor set (`grid-cn-jiangsu-2022`, …)
 * or `activity.gridFactorCode`.
 */
import type { Coefficient, FactorStatus } from './types.js';

const MEE_TABLES = 'MEE/NBS regional and provincial electricity CO2 factors, via a third-party code transcription of the MEE tables';

interface GridRow { code: string; label: string; value: number; vintage: string; status: FactorStatus; source: string; note?: string }

const GRID_ROWS: readonly GridRow[] = [
  {
    code: 'grid.cn.national.2022-reporting', label: 'China national grid average, power-sector reporting value', value: 0.5703, vintage: '2022',
    status: 'V', source: 'MEE notice on power-sector GHG reporting 2023–2025 (2022 national grid average emission factor)',
    note: 'The compliance reporting value; not the MEE/NBS 2022 statistical factor (0.5366).',
  },
  { code: 'grid.cn.national.2022-mee', label: 'China national electricity CO2 factor (MEE/NBS statistical series)', value: 0.5366, vintage: '2022', status: 'V', source: 'MEE/NBS announcement of 2024-12-20 (2022 electricity CO2 emission factors)' },
  { code: 'grid.cn.national.2022-mee-excl-market', label: 'China national factor excluding market-traded non-fossil electricity', value: 0.5856, vintage: '2022', status: 'V', source: 'MEE/NBS announcement of 2024-12-20 (2022 electricity CO2 emission factors)' },
  { code: 'grid.cn.national.2021-mee', label: 'China national electricity CO2 factor', value: 0.5568, vintage: '2021', status: 'R', source: 'MEE/NBS announcement of 2024-04-12 (value recalled, not read)' },
  { code: 'grid.cn.east.2021', label: 'East China regional grid', value: 0.5992, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.east.2022', label: 'East China regional grid', value: 0.5617, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.north.2021', label: 'North China regional grid', value: 0.7120, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.north.2022', label: 'North China regional grid', value: 0.6776, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.northeast.2021', label: 'Northeast China regional grid', value: 0.6012, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.northeast.2022', label: 'Northeast China regional grid', value: 0.5564, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.central.2021', label: 'Central China regional grid', value: 0.5354, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.central.2022', label: 'Central China regional grid', value: 0.5395, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.northwest.2021', label: 'Northwest China regional grid', value: 0.5951, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.northwest.2022', label: 'Northwest China regional grid', value: 0.5857, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.south.2021', label: 'China Southern grid', value: 0.4326, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.south.2022', label: 'China Southern grid', value: 0.3869, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.southwest.2021', label: 'Southwest China regional grid', value: 0.2113, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.southwest.2022', label: 'Southwest China regional grid', value: 0.2268, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.jiangsu.2021', label: 'Jiangsu provincial', value: 0.6451, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.jiangsu.2022', label: 'Jiangsu provincial', value: 0.5978, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.shanghai.2021', label: 'Shanghai provincial', value: 0.5834, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.shanghai.2022', label: 'Shanghai provincial', value: 0.5849, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.zhejiang.2021', label: 'Zhejiang provincial', value: 0.5422, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.zhejiang.2022', label: 'Zhejiang provincial', value: 0.5153, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.anhui.2021', label: 'Anhui provincial', value: 0.7075, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.anhui.2022', label: 'Anhui provincial', value: 0.6782, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.fujian.2021', label: 'Fujian provincial', value: 0.4711, vintage: '2021', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.fujian.2022', label: 'Fujian provincial', value: 0.4092, vintage: '2022', status: 'V2', source: MEE_TABLES },
  { code: 'grid.cn.yunnan.2022', label: 'Yunnan provincial', value: 0.1073, vintage: '2022', status: 'V', source: 'MEE/NBS 2022 provincial factors (matches the Sandpiper summary of the 2024-12-20 announcement)' },
  { code: 'grid.cn.sichuan.2022', label: 'Sichuan provincial', value: 0.1404, vintage: '2022', status: 'V', source: 'MEE/NBS 2022 provincial factors (matches the Sandpiper summary of the 2024-12-20 announcement)' },
  {
    code: 'grid.cn.east.2012-average', label: 'East China regional average (legacy)', value: 0.7035, vintage: '2012',
    status: 'R', source: 'NDRC 2011–2012 regional average grid factors (release confirmed, value recalled)',
  },
];

/** Grid electricity rows, parameter `grid.electricity`, unit t CO2/MWh. */
export const GRID_COEFFICIENTS: readonly Coefficient[] = GRID_ROWS.map((g) => ({
  code: g.code,
  parameter: 'grid.electricity',
  value: g.value,
  unit: 't CO2/MWh',
  species: 'CO2',
  basis: 'per MWh of electricity consumed',
  source: g.source,
  vintage: g.vintage,
  status: g.status,
  note: g.note ? `${g.label}. ${g.note}` : g.label,
}));
