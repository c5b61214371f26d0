/**
 * The method's fixed tables (METHOD.md §2): which territorial-space types each sub-sector is
 * spread over, and by which weight. Everything else reads these; nothing restates them.
 */
import type { SectorId, SpaceType, SubsectorId, TransportMode } from './types.js';

/**
 * How a parcel's weight inside a pool is measured.
 * - `poi-industry`, `poi-commercial`: number of POIs of that category inside the parcel.
 * - `population`: population inside the parcel (points, or polygons spread by overlap area).
 * - `network-<mode>`: length of that mode's network inside the parcel; for roads the corrected
 *   standard length (class weight and transport-POI correction, METHOD.md §2).
 * - `area`: parcel area (m², in the study area).
 * - `area-sink-rate`: parcel area × its space type's sink rate (exact, not a share).
 */
export type WeightRule =
  | 'poi-industry'
  | 'poi-commercial'
  | 'population'
  | 'network-road'
  | 'network-rail'
  | 'network-water'
  | 'network-air'
  | 'area'
  | 'area-sink-rate';

export interface SubsectorSpec {
  id: SubsectorId;
  sector: SectorId;
  label: string;
  spaceTypes: readonly SpaceType[];
  weight: WeightRule;
  /** For transport sub-sectors: the network mode whose lines carry the weight. */
  mode?: TransportMode;
}

/** METHOD.md §2, one row per sub-sector. Order is the report's order. */
export const SUBSECTORS: readonly SubsectorSpec[] = [
  { id: 'industry-mining', sector: 'industry', label: 'Mining', spaceTypes: ['mining'], weight: 'poi-industry' },
  { id: 'industry-manufacturing', sector: 'industry', label: 'Manufacturing', spaceTypes: ['industrial'], weight: 'poi-industry' },
  { id: 'industry-supply', sector: 'industry', label: 'Power, heat, gas and water supply', spaceTypes: ['utilities'], weight: 'poi-industry' },
  { id: 'buildings-residential', sector: 'buildings', label: 'Residential buildings', spaceTypes: ['urban-residential', 'rural-homestead'], weight: 'population' },
  { id: 'buildings-commercial', sector: 'buildings', label: 'Commercial and public buildings', spaceTypes: ['commercial', 'public-service'], weight: 'poi-commercial' },
  { id: 'transport-road', sector: 'transport', label: 'Road transport', spaceTypes: ['transport-road'], weight: 'network-road', mode: 'road' },
  { id: 'transport-rail', sector: 'transport', label: 'Rail transport', spaceTypes: ['transport-rail'], weight: 'network-rail', mode: 'rail' },
  { id: 'transport-water', sector: 'transport', label: 'Water transport', spaceTypes: ['transport-water'], weight: 'network-water', mode: 'water' },
  { id: 'transport-air', sector: 'transport', label: 'Air transport', spaceTypes: ['transport-air'], weight: 'network-air', mode: 'air' },
  { id: 'agriculture-cultivation', sector: 'agriculture', label: 'Cultivation', spaceTypes: ['cultivated'], weight: 'area' },
  { id: 'agriculture-husbandry', sector: 'agriculture', label: 'Animal husbandry', spaceTypes: ['agri-facility'], weight: 'area' },
  { id: 'waste-industrial', sector: 'waste', label: 'Industrial wastewater', spaceTypes: ['industrial'], weight: 'area' },
  { id: 'waste-domestic', sector: 'waste', label: 'Domestic wastewater and solid waste', spaceTypes: ['utilities'], weight: 'area' },
  { id: 'sinks-land', sector: 'sinks', label: 'Non-built land sinks', spaceTypes: ['forest', 'grassland', 'water', 'unused', 'green-space'], weight: 'area-sink-rate' },
  { id: 'sinks-crops', sector: 'sinks', label: 'Crop uptake', spaceTypes: ['cultivated'], weight: 'area' },
];

const BY_ID = new Map(SUBSECTORS.map((s) => [s.id, s]));

/** The spec of one sub-sector. */
export function subsectorSpec(id: SubsectorId): SubsectorSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`unknown sub-sector ${String(id)}`);
  return spec;
}

/**
 * One allocation pool: a signed total (tCO2e, sinks negative) spread over the parcels of
 * `spaceTypes` by `weight`. A sub-sector is one pool, or one pool per space type when the
 * inventory gives a total per space type (METHOD.md §2 "Pools").
 */
export interface PoolSpec {
  /** Stable id, `<subsector>` or `<subsector>:<space-type>[+<space-type>]`. */
  id: string;
  sector: SectorId;
  subsector: SubsectorId;
  spaceTypes: SpaceType[];
  weight: WeightRule;
  /** Signed tonnes CO2e: positive for sources, negative for sinks. */
  netT: number;
  label: string;
}
