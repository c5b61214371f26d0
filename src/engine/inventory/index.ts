/** The sector inventory (METHOD.md §1). */
export { computeInventory } from './compute-inventory.js';
export { summariseSectors } from './summarise-sectors.js';
export type { InventoryContext, InventoryOptions, InventoryLine, InventoryResult, FactorRef, UnverifiedFactor } from './types.js';
export type {
  ActivityData, FuelUse, ProcessOutput, IndustryActivity, BuildingsActivity, TransportActivity, FreightTurnover,
  PassengerTurnover, UrbanMileage, CultivationActivity, HusbandryActivity, AgricultureActivity, IndustrialWastewater,
  DomesticWastewater, SolidWaste, WasteActivity, SinksActivity, FeedstockCarbon,
} from './activity.js';
