/**
 * Waste (coefficients.md B8): wastewater CH4 (IPCC 2006 Vol. 5 Ch. 6) and municipal solid waste
 * (incineration CO2, landfill CH4 as a methane commitment).
 */
import { CO2_PER_C } from './fuels.js';
import type { Coefficient } from './types.js';

const IPCC_WW = 'IPCC 2006 Vol. 5 Ch. 6 (mamhoff/datasets business/waste/water)';

export const WASTE_COEFFICIENTS: readonly Coefficient[] = [
  {
    code: 'waste.wastewater.b0-bod.ipcc2006', parameter: 'waste.wastewater.b0-bod', value: 0.6, unit: 'kg CH4/kg BOD', species: 'CH4',
    basis: 'maximum CH4 producing capacity per kg BOD', source: IPCC_WW, vintage: 'IPCC 2006', status: 'V',
  },
  {
    code: 'waste.wastewater.b0-cod.ipcc2006', parameter: 'waste.wastewater.b0-cod', value: 0.25, unit: 'kg CH4/kg COD', species: 'CH4',
    basis: 'maximum CH4 producing capacity per kg COD', source: IPCC_WW, vintage: 'IPCC 2006', status: 'V',
  },
  {
    code: 'waste.wastewater.domestic-mcf.cn-provincial', parameter: 'waste.wastewater.domestic-mcf', value: 0.165, unit: 'ratio', species: 'ratio',
    basis: 'methane correction factor, domestic wastewater (national average)', source: 'China provincial GHG inventory guideline (2011)', vintage: '2011', status: 'R',
  },
  {
    code: 'waste.wastewater.industrial-mcf.ipcc2006', parameter: 'waste.wastewater.industrial-mcf', value: 0.3, unit: 'ratio', species: 'ratio',
    basis: 'methane correction factor, industrial wastewater', source: `${IPCC_WW}, Table 6.8 "centralised aerobic treatment plant, not well managed (overloaded)"`, vintage: 'IPCC 2006', status: 'V',
    note: 'Chosen as a cautious stand-in for industrial treatment plants of unknown state; well-managed aerobic plants are 0, anaerobic reactors 0.8.',
  },
  {
    code: 'waste.wastewater.bod-per-capita.ipcc2006-china', parameter: 'waste.wastewater.bod-per-capita', value: 40, unit: 'g BOD/person/day', species: 'ratio',
    basis: 'per person per day', source: 'IPCC 2006 Vol. 5 Ch. 6 Table 6.4 (China)', vintage: 'IPCC 2006', status: 'R',
  },
  {
    code: 'waste.msw.incineration-co2.cn-provincial', parameter: 'waste.msw.incineration-co2', value: 0.20 * 0.39 * 0.95 * CO2_PER_C, unit: 't CO2/t', species: 'CO2',
    basis: 'per t of wet municipal solid waste incinerated (fossil CO2)', source: 'China provincial GHG inventory guideline (2011) shorthand', vintage: '2011', status: 'R',
    note: 'Carbon content 20 % (wet) × fossil fraction 39 % × combustion efficiency 95 % × 44/12 = 0.272.',
  },
  {
    code: 'waste.msw.landfill-ch4.ipcc2006-commitment', parameter: 'waste.msw.landfill-ch4', value: 1000 * 0.17 * 0.5 * 1.0 * 0.5 * (16 / 12) * (1 - 0.1), unit: 'kg CH4/t', species: 'CH4',
    basis: 'per t of wet municipal solid waste landfilled (methane commitment)', source: 'IPCC 2006 Vol. 5 Ch. 3 mass balance; DOC 0.17 from a US landfill tool [V], DOCf, MCF, F, OX recalled', vintage: 'IPCC 2006', status: 'R',
    note: 'DOC 0.17 × DOCf 0.5 × MCF 1.0 (managed anaerobic) × F 0.5 × 16/12 × (1 − OX 0.1) = 51 kg CH4/t. All of a year\'s waste is charged to that year (no first-order decay).',
  },
];
