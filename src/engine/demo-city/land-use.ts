/**
 * The land-use codes the demo city uses: China's Third National Land Survey working classes
 * (GB/T 21010-2017 with the survey's `H` merged classes), each with the survey's Chinese name
 * and the territorial-space type the demo intends it to be (METHOD.md §2).
 */
import type { SpaceType } from '../types.js';

/** One land-use code of the demo city. */
export interface DemoLandUseCode {
  /** Code as the survey writes it (`0101`, `05H1`, `09`). */
  code: string;
  /** Survey class name (地类名称), written to the parcels' `dlmc` field. */
  nameZh: string;
  /** English label for docs. */
  label: string;
  /** Territorial-space type this code stands for in the demo. */
  spaceType: SpaceType;
}

/**
 * Every clean code the generator writes. Together they cover every territorial-space type, and
 * the generator guarantees at least one parcel per code.
 */
export const DEMO_LAND_USE_CODES: readonly DemoLandUseCode[] = [
  { code: '0101', nameZh: '水田', label: 'Paddy field', spaceType: 'cultivated' },
  { code: '0103', nameZh: '旱地', label: 'Dry land', spaceType: 'cultivated' },
  { code: '0201', nameZh: '果园', label: 'Orchard', spaceType: 'cultivated' },
  { code: '0202', nameZh: '茶园', label: 'Tea garden', spaceType: 'cultivated' },
  { code: '0301', nameZh: '乔木林地', label: 'Forest', spaceType: 'forest' },
  { code: '0401', nameZh: '天然牧草地', label: 'Grassland', spaceType: 'grassland' },
  { code: '05H1', nameZh: '商业服务业设施用地', label: 'Commercial and business', spaceType: 'commercial' },
  { code: '0601', nameZh: '工业用地', label: 'Industrial', spaceType: 'industrial' },
  { code: '0602', nameZh: '采矿用地', label: 'Mining', spaceType: 'mining' },
  { code: '0701', nameZh: '城镇住宅用地', label: 'Urban residential', spaceType: 'urban-residential' },
  { code: '0702', nameZh: '农村宅基地', label: 'Rural homestead', spaceType: 'rural-homestead' },
  { code: '08H1', nameZh: '机关团体新闻出版用地', label: 'Administration', spaceType: 'public-service' },
  { code: '08H2', nameZh: '科教文卫用地', label: 'Education, science, culture and health', spaceType: 'public-service' },
  { code: '0809', nameZh: '公用设施用地', label: 'Public utilities', spaceType: 'utilities' },
  { code: '0810', nameZh: '公园与绿地', label: 'Parks and green space', spaceType: 'green-space' },
  { code: '09', nameZh: '特殊用地', label: 'Special use', spaceType: 'other' },
  { code: '1001', nameZh: '铁路用地', label: 'Railway', spaceType: 'transport-rail' },
  { code: '1003', nameZh: '公路用地', label: 'Highway', spaceType: 'transport-road' },
  { code: '1004', nameZh: '城镇村道路用地', label: 'Urban and village roads', spaceType: 'transport-road' },
  { code: '1007', nameZh: '机场用地', label: 'Airport', spaceType: 'transport-air' },
  { code: '1008', nameZh: '港口码头用地', label: 'Port and wharf', spaceType: 'transport-water' },
  { code: '1101', nameZh: '河流水面', label: 'River', spaceType: 'water' },
  { code: '1102', nameZh: '湖泊水面', label: 'Lake', spaceType: 'water' },
  { code: '1104', nameZh: '坑塘水面', label: 'Pond', spaceType: 'water' },
  { code: '1202', nameZh: '设施农用地', label: 'Facility agriculture', spaceType: 'agri-facility' },
  { code: '1206', nameZh: '裸土地', label: 'Bare land', spaceType: 'unused' },
];

/** Index of each code in {@link DEMO_LAND_USE_CODES}; the generator stores these small integers. */
export const LU: Readonly<Record<string, number>> = Object.fromEntries(DEMO_LAND_USE_CODES.map((c, i) => [c.code, i]));
