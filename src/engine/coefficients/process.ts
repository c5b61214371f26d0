/**
 * Industrial process CO2 factors (coefficients.md B3), t CO2 per t of product.
 *
 * ⚠ Steel and ammonia factors include the carbon of the reducing agent / feedstock; if that coke,
 * coal or gas is also in the industry fuel data the two overlap (see the inventory's
 * `feedstockCarbon` option). Cement and glass factors are carbonate calcination only.
 */
import { CO2_PER_C } from './fuels.js';
import type { Coefficient } from './types.js';

const IPCC_V3 = 'IPCC 2006 Guidelines Vol. 3 (via mamhoff/datasets business/processes/production)';

export const PROCESS_COEFFICIENTS: readonly Coefficient[] = [
  {
    code: 'process.clinker.ipcc2006', parameter: 'process.clinker', value: 0.52, unit: 't CO2/t', species: 'CO2',
    basis: 'per t of cement clinker', source: `${IPCC_V3}, Ch. 2 Tier 1 (65 % CaO × 0.785 × 1.02 CKD correction)`, vintage: 'IPCC 2006', status: 'V',
  },
  {
    code: 'process.clinker.cn-provincial', parameter: 'process.clinker', value: 0.538, unit: 't CO2/t', species: 'CO2',
    basis: 'per t of cement clinker', source: 'China provincial GHG inventory guideline (2011)', vintage: '2011', status: 'R',
  },
  {
    code: 'process.flat-glass.ipcc2006', parameter: 'process.flat-glass', value: 0.21, unit: 't CO2/t', species: 'CO2',
    basis: 'per t of flat (float) glass', source: `${IPCC_V3}, Table 2.6 (typical cullet 10–25 %)`, vintage: 'IPCC 2006', status: 'V',
    note: 'Generic glass default is 0.20.',
  },
  {
    code: 'process.ammonia-coal.ipcc2006', parameter: 'process.ammonia-coal', value: (42.5 * 25.8 * CO2_PER_C) / 1000, unit: 't CO2/t', species: 'CO2',
    basis: 'per t of NH3, partial oxidation (coal), mixed-age plants', source: `${IPCC_V3}, Table 3.1 fuel requirement × IPCC carbon content`, vintage: 'IPCC 2006', status: 'V',
    note: '42.5 GJ/t NH3 × 25.8 t C/TJ (bituminous) × 44/12 = 4.02; includes feedstock carbon. CO2 recovered for urea is not subtracted.',
  },
  {
    code: 'process.ammonia-gas.ipcc2006', parameter: 'process.ammonia-gas', value: (37.5 * 15.3 * CO2_PER_C) / 1000, unit: 't CO2/t', species: 'CO2',
    basis: 'per t of NH3, natural-gas reforming, mixed-age plants', source: `${IPCC_V3}, Table 3.1 fuel requirement × IPCC carbon content`, vintage: 'IPCC 2006', status: 'V',
    note: '37.5 GJ/t NH3 × 15.3 t C/TJ × 44/12 = 2.10 (modern plants: 30.2 GJ/t → 1.69); includes feedstock carbon.',
  },
  {
    code: 'process.steel-bof.ipcc2006', parameter: 'process.steel-bof', value: 1.46, unit: 't CO2/t', species: 'CO2',
    basis: 'per t of crude steel, basic oxygen furnace', source: `${IPCC_V3}, Table 4.1 Tier 1`, vintage: 'IPCC 2006', status: 'V',
    note: 'Includes the carbon of the reducing agent (coke).',
  },
  {
    code: 'process.steel-eaf.ipcc2006', parameter: 'process.steel-eaf', value: 0.08, unit: 't CO2/t', species: 'CO2',
    basis: 'per t of crude steel, electric arc furnace', source: `${IPCC_V3}, Table 4.1 Tier 1`, vintage: 'IPCC 2006', status: 'V',
  },
];
