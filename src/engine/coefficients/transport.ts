/**
 * Transport intensities (coefficients.md B4). No China-official per t·km or per p·km factor was
 * found; the defaults are the UK DEFRA/DECC 2011 conversion factors, a non-China fallback that
 * local calibration should replace (`EF = fuel used by mode ÷ turnover × fuel factor`).
 * Per vehicle·km defaults are derived here from assumed fuel economy and are unverified.
 */
import type { Coefficient } from './types.js';
import { FUEL_COEFFICIENTS_IPCC } from './fuels.js';

const DEFRA = 'UK DEFRA/DECC 2011 GHG conversion factors, direct CO2 (mamhoff/datasets transport/defra); non-China fallback';

function defra(code: string, parameter: string, value: number, per: 't·km' | 'p·km', basis: string, note?: string): Coefficient {
  return {
    code, parameter, value, unit: `kg CO2/${per}`, species: 'CO2', basis, source: DEFRA, vintage: '2011', status: 'V',
    note: note ?? 'Non-China fallback: replace with local fuel ÷ turnover where statistics allow.',
  };
}

/** Freight per tonne-km by mode. Parameter `transport.freight.<mode>`. */
export const FREIGHT_COEFFICIENTS: readonly Coefficient[] = [
  defra('transport.freight.road.defra2011', 'transport.freight.road', 0.127, 't·km', 'per t·km, HGV all, UK average', 'CO2e 0.154 with non-CO2; Chinese HGVs run fuller, so this likely overstates.'),
  defra('transport.freight.rail.defra2011', 'transport.freight.rail', 0.0285, 't·km', 'per t·km, rail freight'),
  defra('transport.freight.water.defra2011', 'transport.freight.water', 0.0131, 't·km', 'per t·km, general cargo ship', 'Bulk carrier 0.0035, container ship 0.0159; general cargo chosen as the middle value.'),
  defra('transport.freight.air.defra2011', 'transport.freight.air', 1.74, 't·km', 'per t·km, domestic air freight'),
];

/** Intercity passengers per passenger-km by mode. Parameter `transport.passenger.<mode>`. */
export const PASSENGER_COEFFICIENTS: readonly Coefficient[] = [
  defra('transport.passenger.road.defra2011', 'transport.passenger.road', 0.030, 'p·km', 'per p·km, coach'),
  defra('transport.passenger.rail.defra2011', 'transport.passenger.rail', 0.053, 'p·km', 'per p·km, national rail', 'UK grid mix and diesel share; Chinese high-speed rail differs.'),
  defra('transport.passenger.air.defra2011', 'transport.passenger.air', 0.163, 'p·km', 'per p·km, domestic flight'),
];

function fuelFactor(id: string): number {
  const row = FUEL_COEFFICIENTS_IPCC.find((c) => c.code === `fuel.${id}.co2.ipcc2006`);
  if (!row) throw new Error(`missing fuel row ${id}`);
  return row.value;
}

/** Assumed fuel economy and density (not from a source: each row is status R). */
interface VehicleRow { id: string; label: string; fuel: 'gasoline' | 'diesel'; litresPer100Km: number; densityKgPerL: number }

const VEHICLES: readonly VehicleRow[] = [
  { id: 'bus', label: 'diesel city bus', fuel: 'diesel', litresPer100Km: 30, densityKgPerL: 0.835 },
  { id: 'taxi', label: 'gasoline taxi', fuel: 'gasoline', litresPer100Km: 8, densityKgPerL: 0.737 },
  { id: 'car', label: 'gasoline private car', fuel: 'gasoline', litresPer100Km: 8, densityKgPerL: 0.737 },
  { id: 'motorcycle', label: 'gasoline motorcycle', fuel: 'gasoline', litresPer100Km: 2.5, densityKgPerL: 0.737 },
];

/** Urban vehicles per vehicle-km. Parameter `transport.vehicle.<type>`. */
export const VEHICLE_COEFFICIENTS: readonly Coefficient[] = VEHICLES.map((v) => ({
  code: `transport.vehicle.${v.id}.derived`,
  parameter: `transport.vehicle.${v.id}`,
  // L/100 km ÷ 100 × kg/L × t CO2/t (= kg CO2/kg) → kg CO2 per km.
  value: (v.litresPer100Km / 100) * v.densityKgPerL * fuelFactor(v.fuel),
  unit: 'kg CO2/vehicle·km',
  species: 'CO2',
  basis: `per vehicle·km, ${v.label}`,
  source: `Derived: assumed ${v.litresPer100Km} L/100 km × ${v.densityKgPerL} kg/L × IPCC 2006 ${v.fuel} factor`,
  vintage: 'assumption',
  status: 'R',
  note: 'Assumed fuel economy, not read in a source. Replace with local fleet data; electric and CNG fleets differ widely.',
}));
