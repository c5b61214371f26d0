/**
 * The activity-data shape of the inventory (METHOD.md §1, the paper's formulas 2–7) and the item
 * tables that tie each quantity to its factor parameter. Every quantity carries its unit in its
 * key (`dieselT`, `naturalGasM3`, `electricityMWh`, `railTkm`, `irrigatedAreaHa`).
 */
import type { TransportMode } from '../types.js';
import type { CropType, LivestockType } from '../coefficients/index.js';

/**
 * Fuel and energy use of one group (an industry group, a building type, a transport mode).
 * Fuels in tonnes except natural gas (m³); electricity in MWh (× the grid factor); heat in GJ.
 */
export interface FuelUse {
  rawCoalT?: number;
  cokeT?: number;
  crudeOilT?: number;
  gasolineT?: number;
  keroseneT?: number;
  dieselT?: number;
  fuelOilT?: number;
  lpgT?: number;
  naturalGasM3?: number;
  electricityMWh?: number;
  heatGJ?: number;
}

/** Output of process products (formula 2, Σ Ep·Cp), tonnes of product. */
export interface ProcessOutput {
  clinkerT?: number;
  flatGlassT?: number;
  /** Synthetic ammonia by the coal (partial-oxidation) route. */
  ammoniaCoalT?: number;
  /** Synthetic ammonia by natural-gas reforming. */
  ammoniaGasT?: number;
  crudeSteelBofT?: number;
  crudeSteelEafT?: number;
}

/** Formula 2: fuel use by industry group m × fuel n, plus process output. */
export interface IndustryActivity {
  mining?: FuelUse;
  manufacturing?: FuelUse;
  /** Production and supply of power, heat, gas and water. */
  supply?: FuelUse;
  /** Process emissions, placed in `industry-manufacturing`. */
  process?: ProcessOutput;
}

/** Formula 3: gas, LPG and electricity of residential and of commercial/public buildings. */
export interface BuildingsActivity {
  residential?: FuelUse;
  commercial?: FuelUse;
}

/** Freight turnover by mode, tonne-km. */
export interface FreightTurnover { roadTkm?: number; railTkm?: number; waterTkm?: number; airTkm?: number }
/** Intercity passenger turnover by mode, passenger-km (no shipped factor for water). */
export interface PassengerTurnover { roadPkm?: number; railPkm?: number; airPkm?: number }
/** Urban vehicle mileage by vehicle type, vehicle-km per year (all road). */
export interface UrbanMileage { busVehicleKm?: number; taxiVehicleKm?: number; carVehicleKm?: number; motorcycleVehicleKm?: number }

/** Formula 4: freight t·km + intercity p·km + urban vehicle-km (or fuel by mode). */
export interface TransportActivity {
  freight?: FreightTurnover;
  intercity?: PassengerTurnover;
  urban?: UrbanMileage;
  /** Fuel and electricity by mode (metro electricity under `rail`), when turnover is not known. */
  fuelByMode?: Partial<Record<TransportMode, FuelUse>>;
}

/** Cultivation inputs (formula 5, C_cf). */
export interface CultivationActivity {
  /** Chemical fertiliser, pure nutrient (折纯量), t. */
  fertiliserT?: number;
  pesticideT?: number;
  /** Agricultural plastic film, t. */
  filmT?: number;
  /** Diesel used in farming, t. */
  dieselT?: number;
  electricityMWh?: number;
  /** Effectively irrigated area, ha. */
  irrigatedAreaHa?: number;
  /** Ploughed (tilled) area, ha. The tillage factor is per km² (÷ 100 inside). */
  tilledAreaHa?: number;
  /** Nitrogen applied, t N (direct soil N2O). */
  nitrogenAppliedT?: number;
}

/** Husbandry (formula 5, C_sf): year-end stock, heads. */
export interface HusbandryActivity {
  livestockHeads?: Partial<Record<LivestockType, number>>;
}

export interface AgricultureActivity {
  cultivation?: CultivationActivity;
  husbandry?: HusbandryActivity;
}

/** Formula 6. Industrial wastewater: organic load (COD) or CH4 directly. */
export interface IndustrialWastewater {
  /** COD in industrial wastewater, t. × B0 0.25 × MCF. */
  codT?: number;
  /** CH4 already estimated, t (× GWP only). */
  ch4T?: number;
}

/** Domestic wastewater: measured load, or population × per-capita BOD. */
export interface DomesticWastewater {
  /** Resident population served, persons. × 40 g BOD/person/day × 365. */
  population?: number;
  /** Measured BOD load, t per year (wins over population). */
  bodT?: number;
  /** Measured COD load, t per year (wins over population). */
  codT?: number;
}

/** Municipal solid waste, wet tonnes per year. */
export interface SolidWaste { incineratedT?: number; landfilledT?: number }

export interface WasteActivity {
  industrialWastewater?: IndustrialWastewater;
  domesticWastewater?: DomesticWastewater;
  solidWaste?: SolidWaste;
}

/** Formula 7: crop uptake Σ ca·Y·(1−wc)/HI; land sinks come from the measured parcel areas. */
export interface SinksActivity {
  /** Economic yield per crop, t per year. */
  cropYieldsT?: Partial<Record<CropType, number>>;
  /** Compute land sinks from the parcel areas per space type (default true). */
  landFromAreas?: boolean;
}

/**
 * How steel and ammonia feedstock carbon is counted (coefficients.md B3):
 * - `process-factor` (default; the paper's formula 2): apply the IPCC process factors, which
 *   include feedstock carbon. Warns when industry coal, coke or gas is also given.
 * - `fuel-only`: leave steel and ammonia process lines out; their carbon is in the fuel data.
 */
export type FeedstockCarbon = 'process-factor' | 'fuel-only';

/** The `activity` object of an `ActivityInventoryInput`. Every section is optional. */
export interface ActivityData {
  /** Factor-set ids applied over the defaults, in order (e.g. `["cn-enterprise-guideline"]`). */
  factorSets?: string[];
  /** Grid factor code for all electricity (e.g. `grid.cn.jiangsu.2022`). */
  gridFactorCode?: string;
  feedstockCarbon?: FeedstockCarbon;
  industry?: IndustryActivity;
  buildings?: BuildingsActivity;
  transport?: TransportActivity;
  agriculture?: AgricultureActivity;
  waste?: WasteActivity;
  sinks?: SinksActivity;
}

/** One simple item: quantity × factor (× constant conversion). */
export interface ItemSpec {
  key: string;
  item: string;
  label: string;
  activityUnit: string;
  parameters: readonly string[];
  /** Constant multiplier to tonnes CO2e (unit and species conversions), with its explanation. */
  conversion?: { value: number; label: string };
}

const C_TO_CO2_KG = { value: 44 / 12 / 1000, label: 'kg C → t CO2 (× 44/12 ÷ 1000)' };

/** Keys of {@link FuelUse} with their factor parameters. */
export const FUEL_ITEMS: readonly ItemSpec[] = [
  { key: 'rawCoalT', item: 'raw-coal', label: 'Raw coal', activityUnit: 't', parameters: ['fuel.raw-coal.co2'] },
  { key: 'cokeT', item: 'coke', label: 'Coke', activityUnit: 't', parameters: ['fuel.coke.co2'] },
  { key: 'crudeOilT', item: 'crude-oil', label: 'Crude oil', activityUnit: 't', parameters: ['fuel.crude-oil.co2'] },
  { key: 'gasolineT', item: 'gasoline', label: 'Gasoline', activityUnit: 't', parameters: ['fuel.gasoline.co2'] },
  { key: 'keroseneT', item: 'kerosene', label: 'Kerosene', activityUnit: 't', parameters: ['fuel.kerosene.co2'] },
  { key: 'dieselT', item: 'diesel', label: 'Diesel', activityUnit: 't', parameters: ['fuel.diesel.co2'] },
  { key: 'fuelOilT', item: 'fuel-oil', label: 'Fuel oil', activityUnit: 't', parameters: ['fuel.fuel-oil.co2'] },
  { key: 'lpgT', item: 'lpg', label: 'LPG', activityUnit: 't', parameters: ['fuel.lpg.co2'] },
  // Unit trap: the factor is per 10^4 m³ (as Chinese sources print it), the activity per m³.
  { key: 'naturalGasM3', item: 'natural-gas', label: 'Natural gas', activityUnit: 'm3', parameters: ['fuel.natural-gas.co2'], conversion: { value: 1e-4, label: 'm³ → 10^4 m³' } },
  { key: 'electricityMWh', item: 'electricity', label: 'Electricity', activityUnit: 'MWh', parameters: ['grid.electricity'] },
  { key: 'heatGJ', item: 'heat', label: 'Heat', activityUnit: 'GJ', parameters: ['heat.co2'] },
];

/** Keys of {@link ProcessOutput}. `feedstock` marks factors that include feedstock carbon. */
export const PROCESS_ITEMS: readonly (ItemSpec & { feedstock: boolean })[] = [
  { key: 'clinkerT', item: 'process.clinker', label: 'Cement clinker (process)', activityUnit: 't', parameters: ['process.clinker'], feedstock: false },
  { key: 'flatGlassT', item: 'process.flat-glass', label: 'Flat glass (process)', activityUnit: 't', parameters: ['process.flat-glass'], feedstock: false },
  { key: 'ammoniaCoalT', item: 'process.ammonia-coal', label: 'Synthetic ammonia, coal route (process)', activityUnit: 't', parameters: ['process.ammonia-coal'], feedstock: true },
  { key: 'ammoniaGasT', item: 'process.ammonia-gas', label: 'Synthetic ammonia, gas route (process)', activityUnit: 't', parameters: ['process.ammonia-gas'], feedstock: true },
  { key: 'crudeSteelBofT', item: 'process.steel-bof', label: 'Crude steel, basic oxygen furnace (process)', activityUnit: 't', parameters: ['process.steel-bof'], feedstock: true },
  { key: 'crudeSteelEafT', item: 'process.steel-eaf', label: 'Crude steel, electric arc furnace (process)', activityUnit: 't', parameters: ['process.steel-eaf'], feedstock: true },
];

const KG_TO_T = { value: 1 / 1000, label: 'kg CO2 → t CO2' };

export const FREIGHT_ITEMS: readonly (ItemSpec & { mode: TransportMode })[] = (['road', 'rail', 'water', 'air'] as const).map((mode) => ({
  key: `${mode}Tkm`, item: `freight.${mode}`, label: `Freight, ${mode}`, activityUnit: 't·km', parameters: [`transport.freight.${mode}`], conversion: KG_TO_T, mode,
}));

export const PASSENGER_ITEMS: readonly (ItemSpec & { mode: TransportMode })[] = (['road', 'rail', 'air'] as const).map((mode) => ({
  key: `${mode}Pkm`, item: `intercity.${mode}`, label: `Intercity passengers, ${mode}`, activityUnit: 'p·km', parameters: [`transport.passenger.${mode}`], conversion: KG_TO_T, mode,
}));

export const VEHICLE_ITEMS: readonly ItemSpec[] = (['bus', 'taxi', 'car', 'motorcycle'] as const).map((v) => ({
  key: `${v}VehicleKm`, item: `urban.${v}`, label: `Urban ${v} mileage`, activityUnit: 'vehicle·km', parameters: [`transport.vehicle.${v}`], conversion: KG_TO_T,
}));

export const CULTIVATION_ITEMS: readonly ItemSpec[] = [
  { key: 'fertiliserT', item: 'fertiliser', label: 'Chemical fertiliser', activityUnit: 't', parameters: ['agri.fertiliser'], conversion: { value: 44 / 12, label: 't C → t CO2 (× 44/12; kg C/kg = t C/t)' } },
  { key: 'pesticideT', item: 'pesticide', label: 'Pesticide', activityUnit: 't', parameters: ['agri.pesticide'], conversion: { value: 44 / 12, label: 't C → t CO2 (× 44/12; kg C/kg = t C/t)' } },
  { key: 'filmT', item: 'film', label: 'Agricultural film', activityUnit: 't', parameters: ['agri.film'], conversion: { value: 44 / 12, label: 't C → t CO2 (× 44/12; kg C/kg = t C/t)' } },
  { key: 'dieselT', item: 'diesel', label: 'Farm diesel', activityUnit: 't', parameters: ['agri.diesel'], conversion: { value: 44 / 12, label: 't C → t CO2 (× 44/12; kg C/kg = t C/t)' } },
  { key: 'electricityMWh', item: 'electricity', label: 'Farm electricity', activityUnit: 'MWh', parameters: ['grid.electricity'] },
  { key: 'irrigatedAreaHa', item: 'irrigation', label: 'Irrigation', activityUnit: 'ha', parameters: ['agri.irrigation'], conversion: C_TO_CO2_KG },
  // Unit trap (coefficients.md B5): the tillage factor is per km²; 1 ha = 0.01 km².
  { key: 'tilledAreaHa', item: 'tillage', label: 'Tillage', activityUnit: 'ha', parameters: ['agri.tillage'], conversion: { value: (44 / 12 / 1000) / 100, label: 'ha → km² (÷ 100), kg C → t CO2 (× 44/12 ÷ 1000)' } },
  { key: 'nitrogenAppliedT', item: 'soil-n2o', label: 'Direct soil N2O', activityUnit: 't N', parameters: ['agri.soil-n2o', 'gwp.n2o'], conversion: { value: 44 / 28, label: 'N2O-N → N2O (× 44/28)' } },
];
