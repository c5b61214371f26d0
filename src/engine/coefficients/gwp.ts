/**
 * GWP-100 sets (coefficients.md B7). Default AR5 (CH4 28, N2O 265): the version most Chinese city
 * studies cite. Registry rows `gwp.<set>.<gas>` make each value overridable through the
 * parameters `gwp.ch4`, `gwp.ch4-non-fossil` and `gwp.n2o`.
 */
import type { Coefficient, FactorStatus, GwpSet } from './types.js';

export type GwpSetId = GwpSet['id'];

export const GWP_SETS: Readonly<Record<GwpSetId, GwpSet>> = {
  SAR: { id: 'SAR', label: 'IPCC Second Assessment Report (1995)', ch4: 21, ch4NonFossil: 21, n2o: 310 },
  AR4: { id: 'AR4', label: 'IPCC Fourth Assessment Report (2007)', ch4: 25, ch4NonFossil: 25, n2o: 298 },
  AR5: { id: 'AR5', label: 'IPCC Fifth Assessment Report (2013), without climate-carbon feedback', ch4: 28, ch4NonFossil: 28, n2o: 265 },
  AR6: { id: 'AR6', label: 'IPCC Sixth Assessment Report (2021), WG1 Table 7.SM.7', ch4: 27.9, ch4NonFossil: 27.0, n2o: 273 },
};

/** Default GWP set. */
export const DEFAULT_GWP: GwpSetId = 'AR5';

const SOURCES: Record<GwpSetId, string> = {
  SAR: 'IPCC SAR (1995) GWP-100',
  AR4: 'IPCC AR4 (2007) GWP-100 (mamhoff/datasets planet/greenhousegases/gwp)',
  AR5: 'IPCC AR5 (2013) GWP-100 (Metropolitan Council ghg-cprg; OWID metadata)',
  AR6: 'IPCC AR6 WG1 Table 7.SM.7 (Metropolitan Council ghg-cprg AR6 file)',
};

function row(set: GwpSetId, gas: 'ch4' | 'ch4-non-fossil' | 'n2o', value: number, status: FactorStatus, note?: string): Coefficient {
  const r: Coefficient = {
    code: `gwp.${set.toLowerCase()}.${gas}`, parameter: `gwp.${gas}`, value, unit: 't CO2e/t', species: 'CO2e',
    basis: `per t of ${gas === 'n2o' ? 'N2O' : 'CH4'}`, source: SOURCES[set], vintage: set, status,
  };
  if (note) r.note = note;
  return r;
}

export const GWP_COEFFICIENTS: readonly Coefficient[] = [
  row('SAR', 'ch4', 21, 'V'), row('SAR', 'ch4-non-fossil', 21, 'V'), row('SAR', 'n2o', 310, 'V'),
  row('AR4', 'ch4', 25, 'V'), row('AR4', 'ch4-non-fossil', 25, 'V'), row('AR4', 'n2o', 298, 'V'),
  row('AR5', 'ch4', 28, 'V', '34 with climate-carbon feedback'), row('AR5', 'ch4-non-fossil', 28, 'V'), row('AR5', 'n2o', 265, 'V'),
  row('AR6', 'ch4', 27.9, 'V', 'aggregate CH4; fossil CH4 is 29.8'), row('AR6', 'ch4-non-fossil', 27.0, 'R', 'biogenic CH4 (livestock, waste)'), row('AR6', 'n2o', 273, 'V'),
];

/** Parameter → code for a GWP set. */
export function gwpChoices(set: GwpSetId): Record<string, string> {
  const s = set.toLowerCase();
  return { 'gwp.ch4': `gwp.${s}.ch4`, 'gwp.ch4-non-fossil': `gwp.${s}.ch4-non-fossil`, 'gwp.n2o': `gwp.${s}.n2o` };
}
