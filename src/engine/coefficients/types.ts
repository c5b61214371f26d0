/**
 * Shapes of the coefficient registry: every default factor is a row of data with its value, unit,
 * species, basis, source, vintage and verification status (METHOD.md §1: "every coefficient
 * shipped as a default carries its source; every one can be overridden per city").
 */

/**
 * Verification status of a shipped value.
 * - `V`: read in a primary source or a faithful transcription of one.
 * - `V2`: read in a secondary source (a paper that cites the primary).
 * - `R`: recalled or assumed, not yet checked against a source. Ships marked unverified: every
 *   run that uses one lists it in `unverifiedFactors`.
 */
export type FactorStatus = 'V' | 'V2' | 'R';

/** Chemical species the value is expressed in (before any C → CO2 or GWP conversion). */
export type FactorSpecies = 'CO2' | 'C' | 'CH4' | 'N2O' | 'CO2e' | 'ratio';

/** One coefficient of the registry. */
export interface Coefficient {
  /** Stable unique code, e.g. `fuel.diesel.co2.ipcc2006`, `grid.cn.jiangsu.2022`. Never reused. */
  code: string;
  /**
   * The formula parameter this value stands for (e.g. `fuel.diesel.co2`, `grid.electricity`,
   * `sink.forest`). Alternative values of one parameter share it, and share its `unit`; factor
   * sets choose one code per parameter.
   */
  parameter: string;
  /** Value in `unit`. Sink rates are positive uptake. */
  value: number;
  /** Unit of `value`, e.g. `t CO2/t`, `kg C/kg`, `t CO2/m2/a`, `kg CH4/head/a`. */
  unit: string;
  species: FactorSpecies;
  /** What one unit of activity is: `per t fuel`, `per MWh`, `per m2 per year`, `per head per year`. */
  basis: string;
  /** Citation of the value (or of the inputs it is derived from). */
  source: string;
  /** Year or edition the value refers to (`IPCC 2006`, `2022`). */
  vintage: string;
  status: FactorStatus;
  note?: string;
  /** The value as the source prints it, when the registry stores a converted value. */
  published?: { value: number; unit: string };
}

/** A named choice of one coefficient code per parameter (coefficients.md B11). */
export interface FactorSet {
  id: string;
  label: string;
  description: string;
  /** Parameter → coefficient code. A set replaces only the parameters it lists. */
  choices: Readonly<Record<string, string>>;
}

/** A GWP-100 set: multipliers from tonnes of gas to tonnes of CO2e. */
export interface GwpSet {
  id: 'SAR' | 'AR4' | 'AR5' | 'AR6';
  label: string;
  /** CH4, the report's headline value (AR6: 27.9 aggregate; fossil CH4 is 29.8). */
  ch4: number;
  /** CH4 of biogenic origin (livestock, waste); equals `ch4` except in AR6. */
  ch4NonFossil: number;
  n2o: number;
}
