/**
 * Every string the element shows, in Simplified Chinese and English, and the locale-aware number
 * formats. Numbers of tonnes always carry their unit (t CO₂e, or 10⁴ t CO₂e for large values);
 * no bare number reaches the screen.
 */
import type { SectorId, SpaceType, ZoneId, PoiCategory } from '../engine/index.js';
import { DEMO_CITY_NAME } from '../engine/demo-city/config.js';

/** Languages the element speaks. */
export type Lang = 'zh-CN' | 'en';

/** Map views: what the thematic layer shows. */
export type ViewId = 'parcels' | 'grid' | 'units' | 'ccr' | 'ecc' | 'esc' | 'zones';

export const VIEW_IDS: readonly ViewId[] = ['zones', 'units', 'grid', 'parcels', 'ccr', 'ecc', 'esc'];

const EN = {
  elementLabel: 'Carbon balance map',
  view: 'View',
  generatedDemoData: 'Generated demo data',
  /** The generated demo city's name (its config names it in English). */
  demoCityName: 'Demo city (generated)',
  /** OpenLayers' own map buttons (tooltips). */
  mapControls: { zoomIn: 'Zoom in', zoomOut: 'Zoom out', resetRotation: 'Reset rotation' },
  /** Land-use presets of the config schema, by id. */
  landUsePresets: {
    gbt21010: 'GB/T 21010-2017 (current land use classification)',
    'third-survey': 'Third National Land Survey',
    osm: 'OpenStreetMap (OSM) tags',
    euluc: 'EULUC-China',
    'euluc-class': 'EULUC-China classes 0–10',
  } as Record<string, string>,
  /** POI presets, by id. */
  poiPresets: { amap: 'AMap (Gaode) POI type codes', osm: 'OpenStreetMap (OSM) tags' } as Record<string, string>,
  /** Why a unit has no index or zone (the engine's `reason`). */
  reasons: {
    'invalid-input': 'Invalid emissions or sinks',
    'zero-emissions': 'No emissions',
    'missing-gdp': 'No row in the economic table',
    'invalid-gdp': 'Economic value is not a number ≥ 0',
    'city-gdp-zero': "The city's economic total is zero",
    'city-sink-zero': "The city's sinks are zero",
    'index-not-finite': 'The index is not a finite number',
  } as Record<string, string>,
  /** Words before an engine message that has no sentence of its own, by severity. */
  severities: { error: 'Error', warning: 'Warning', info: 'Note' } as Record<string, string>,
  /** Lead-ins of the element's failures by code; the engine's own message follows. */
  failureLeads: {
    'fetch-failed': 'Could not download',
    'config-unreadable': 'The config could not be read',
    'not-geojson': 'Not a GeoJSON file',
    'layer-not-loaded': 'A layer is not loaded',
    'worker-error': 'The computing worker failed',
    'basemap-failed': 'The basemap could not be loaded',
    'empty-layer': 'A layer has no usable feature',
    'sql-js-unavailable': 'GeoPackage files cannot be read here',
  } as Record<string, string>,
  /** Any other failure's lead-in. */
  runFailed: 'The run failed',
  invalidConfig: (n: string) => `The config has ${n} error(s) and was not run`,
  views: {
    parcels: 'Parcels: net emissions per km²',
    grid: 'Grid: net emissions per km²',
    units: 'Units: net emissions',
    ccr: 'Carbon compensation rate (CCR)',
    ecc: 'Economic contribution coefficient (ECC)',
    esc: 'Ecological support coefficient (ESC)',
    zones: 'Carbon balance zones',
  } satisfies Record<ViewId, string>,
  viewShort: {
    parcels: 'Parcels', grid: 'Grid', units: 'Units', ccr: 'CCR', ecc: 'ECC', esc: 'ESC', zones: 'Zones',
  } satisfies Record<ViewId, string>,
  zones: {
    'low-carbon-economic': 'Low-carbon economic zone',
    'carbon-source-control': 'Carbon-source control zone',
    'carbon-sink-functional': 'Carbon-sink functional zone',
    'high-carbon-optimisation': 'High-carbon optimisation zone',
  } satisfies Record<ZoneId, string>,
  unzoned: 'No zone',
  sectors: {
    industry: 'Industry', buildings: 'Buildings', transport: 'Transport', agriculture: 'Agriculture', waste: 'Waste', sinks: 'Carbon sinks',
  } satisfies Record<SectorId, string>,
  spaceTypes: {
    mining: 'Mining land', industrial: 'Industrial land', utilities: 'Municipal utilities',
    'urban-residential': 'Urban residential land', 'rural-homestead': 'Rural homestead',
    commercial: 'Commercial and business land', 'public-service': 'Administration and public service',
    'transport-road': 'Road land', 'transport-rail': 'Rail land', 'transport-water': 'Port and water transport land',
    'transport-air': 'Airport land', cultivated: 'Cultivated and garden land', 'agri-facility': 'Agricultural facility land',
    forest: 'Woodland', grassland: 'Grassland', water: 'Water', unused: 'Unused land', 'green-space': 'Parks and green space',
    other: 'Other (no emissions)',
  } satisfies Record<SpaceType, string>,
  poiCategories: { industry: 'Industry', commercial: 'Commercial service', transport: 'Transport facility' } satisfies Record<PoiCategory, string>,
  roles: { parcels: 'Parcels (land use)', units: 'Units (townships)', pois: 'Points of interest', roads: 'Roads', population: 'Population' },
  status: {
    idle: 'No data loaded', loading: 'Loading data…', running: 'Computing…', complete: 'Done', error: 'Failed', cancelled: 'Cancelled',
  },
  stages: {} as Record<string, string>,
  /** Messages of the element's own failures by code (engine and service messages come as sent). */
  failures: {
    'worker-blocked':
      "The map's computing worker could not start: this page's Content-Security-Policy allows neither a blob: worker nor carbon-balance-engine-worker.js beside the element's script. Add blob: or the script's origin to worker-src.",
  } as Record<string, string>,
  cancel: 'Cancel',
  rerun: 'Run again',
  panelToggle: 'Data and results',
  closePanel: 'Close panel',
  tabs: { binding: 'Data binding', results: 'Results', exports: 'Export' },
  legend: 'Legend',
  noData: 'No value',
  count: (n: string) => `${n} units`,
  features: (n: string) => `${n} features`,
  unitName: 'Unit',
  emissions: 'Emissions',
  sinks: 'Sinks',
  net: 'Net',
  gross: 'Gross',
  gdp: 'Economic weight',
  zone: 'Zone',
  reason: 'Why no value',
  ccr: 'CCR',
  ecc: 'ECC',
  esc: 'ESC',
  sectorBreakdown: 'By sector',
  closePopup: 'Close',
  zoomTo: 'Zoom to',
  layer: 'Layer',
  field: 'Field',
  none: '(none)',
  samples: 'Sample values',
  codeField: 'Land-use code field',
  idField: 'Id field',
  nameField: 'Name field',
  categoryField: 'Category field',
  classField: 'Road class field',
  weightField: 'Population field',
  weightBy: 'Population weight',
  generatedUnits: 'Generate square units',
  unitSizeM: 'Unit size (m)',
  preset: 'Preset',
  landUseTable: 'Land-use codes',
  code: 'Code',
  parcelsCount: 'Parcels',
  area: 'Area',
  spaceType: 'Territorial-space type',
  notMapped: '(not mapped)',
  poiTable: 'POI categories',
  value: 'Value',
  category: 'Category',
  inventory: 'Inventory',
  inventoryMode: { totals: 'Sector totals', activity: 'Activity data' },
  sector: 'Sector',
  subsector: 'Sub-sector',
  label: 'Label',
  unitOfInput: 'Unit of input',
  addRow: 'Add row',
  removeRow: 'Remove',
  economy: 'Economic table (GDP)',
  joinBy: 'Join by',
  joinById: 'Unit id',
  joinByName: 'Unit name',
  proxy: 'Proxy',
  matched: (a: string, b: string) => `${a} of ${b} units matched`,
  validation: 'Checks',
  noIssues: 'No problems found in the config.',
  previousResults: 'The map still shows the previous results.',
  cityName: 'City name',
  demoRolesLeft: (roles: string) => `Still from the generated demo city: ${roles}. Bind your own layers below, or remove them, before reading the results; the inventory and the GDP table are the demo's too until you change them.`,
  runWarnings: (n: string) => `The last run reported ${n} warning(s) about the data (features left out, unallocated tonnes, unmapped codes…): see Results.`,
  exportConfig: 'Export config (JSON)',
  applyJson: 'Apply',
  sectorTable: 'Emissions by sector and land type',
  landTypeTotal: 'Land-type total',
  sectorTotal: 'Sector total',
  shareOfNet: 'Share of net',
  shareOfGross: 'Share of gross',
  total: 'Total',
  composition: 'Sector composition',
  zoneCounts: 'Zones',
  share: 'Share',
  unitTable: 'Units',
  sortBy: (c: string) => `Sort by ${c}`,
  warnings: 'Warnings',
  noWarnings: 'No warnings.',
  notes: (n: string) => `Notes (${n})`,
  unallocated: 'Unallocated',
  exportGeojson: (l: string) => `${l} as GeoJSON`,
  exportCsv: (l: string) => `${l} as CSV`,
  exportPng: 'Map as PNG',
  exportReport: 'Run report (JSON)',
  layerNames: { parcels: 'Parcels', grid: 'Grid', units: 'Units' },
  basemap: 'Basemap',
  unitOutlines: 'Unit outlines',
  selected: (name: string, zone: string) => `${name}: ${zone}`,
  mapHelp: 'Arrow keys pan, + and − zoom, Enter selects the unit at the centre, N and P step through units.',
  loadFiles: 'Add layer files (GeoJSON, zipped Shapefile, CSV, FlatGeobuf, GeoPackage)',
  dropHint: 'or drop them here; a file named like a loaded layer replaces it',
  loaded: (n: string) => `Loaded: ${n}`,
  runs: 'Run',
  progress: 'Progress',
  perKm2: '/km²',
  ratio: '(ratio)',
  noResults: 'No results yet.',
  landUsePreview: 'Land use (before the run)',
  previewComputing: 'Computing the zones…',
  noSpaceType: 'No space type (code not mapped)',
  mode: 'Transport mode',
  modes: { road: 'Road', rail: 'Rail', water: 'Water', air: 'Air' } as Record<string, string>,
  weightByOptions: { field: 'A number field', count: 'Count of points', area: 'Footprint area' } as Record<string, string>,
  proxies: { 'poi-count': 'POI count', 'space-type-area': 'Area of chosen land types' } as Record<string, string>,
  subsectors: {
    'industry-mining': 'Mining', 'industry-manufacturing': 'Manufacturing', 'industry-supply': 'Power, heat, gas and water supply',
    'buildings-residential': 'Residential buildings', 'buildings-commercial': 'Commercial and public buildings',
    'transport-road': 'Road transport', 'transport-rail': 'Rail transport', 'transport-water': 'Water transport', 'transport-air': 'Air transport',
    'agriculture-cultivation': 'Cultivation', 'agriculture-husbandry': 'Animal husbandry',
    'waste-industrial': 'Industrial wastewater', 'waste-domestic': 'Domestic wastewater and solid waste',
    'sinks-land': 'Non-built land sinks', 'sinks-crops': 'Crop uptake',
  } as Record<string, string>,
};

type Strings = typeof EN;

const ZH: Strings = {
  elementLabel: '碳平衡地图',
  view: '视图',
  generatedDemoData: '生成的示例数据',
  demoCityName: '示例城市（生成数据）',
  mapControls: { zoomIn: '放大', zoomOut: '缩小', resetRotation: '重置旋转' },
  landUsePresets: {
    gbt21010: 'GB/T 21010-2017 土地利用现状分类',
    'third-survey': '第三次全国国土调查（三调）工作分类',
    osm: 'OpenStreetMap（OSM）标签',
    euluc: 'EULUC-China 城市基本土地利用类型',
    'euluc-class': 'EULUC-China 类别编号 0–10',
  },
  poiPresets: { amap: '高德地图 POI 分类编码', osm: 'OpenStreetMap（OSM）标签' },
  reasons: {
    'invalid-input': '排放或碳汇数据无效',
    'zero-emissions': '排放为零',
    'missing-gdp': '经济表中没有对应的行',
    'invalid-gdp': '经济数值不是 ≥ 0 的数',
    'city-gdp-zero': '全市经济总量为零',
    'city-sink-zero': '全市碳汇为零',
    'index-not-finite': '指数不是有限数值',
  },
  severities: { error: '错误', warning: '警告', info: '说明' },
  failureLeads: {
    'fetch-failed': '下载失败',
    'config-unreadable': '配置文件无法读取',
    'not-geojson': '不是 GeoJSON 文件',
    'layer-not-loaded': '图层未加载',
    'worker-error': '计算线程出错',
    'basemap-failed': '底图无法加载',
    'empty-layer': '图层中没有可用的要素',
    'sql-js-unavailable': '此处无法读取 GeoPackage 文件',
  },
  runFailed: '计算失败',
  invalidConfig: (n) => `配置有 ${n} 处错误，未进行计算`,
  views: {
    parcels: '地块：单位面积净排放', grid: '格网：单位面积净排放', units: '单元：净排放',
    ccr: '碳补偿率（CCR）', ecc: '经济贡献系数（ECC）', esc: '生态承载系数（ESC）', zones: '碳平衡分区',
  },
  viewShort: { parcels: '地块', grid: '格网', units: '单元', ccr: 'CCR', ecc: 'ECC', esc: 'ESC', zones: '分区' },
  zones: {
    'low-carbon-economic': '低碳经济区',
    'carbon-source-control': '碳源控制区',
    'carbon-sink-functional': '碳汇功能区',
    'high-carbon-optimisation': '高碳优化区',
  },
  unzoned: '未分区',
  sectors: { industry: '工业', buildings: '建筑', transport: '交通', agriculture: '农业', waste: '废弃物', sinks: '碳汇' },
  spaceTypes: {
    mining: '采矿用地', industrial: '工业用地', utilities: '公用设施用地', 'urban-residential': '城镇住宅用地',
    'rural-homestead': '农村宅基地', commercial: '商业服务业用地', 'public-service': '机关团体与公共服务用地',
    'transport-road': '公路与城镇道路用地', 'transport-rail': '铁路用地', 'transport-water': '港口码头与水运用地',
    'transport-air': '机场用地', cultivated: '耕地与园地', 'agri-facility': '农业设施建设用地', forest: '林地',
    grassland: '草地', water: '水域', unused: '未利用地', 'green-space': '公园与绿地', other: '其他（无排放）',
  },
  poiCategories: { industry: '工业', commercial: '商业服务', transport: '交通设施' },
  roles: { parcels: '地块（土地利用）', units: '单元（乡镇街道）', pois: '兴趣点（POI）', roads: '道路', population: '人口' },
  status: { idle: '未加载数据', loading: '正在加载数据…', running: '正在计算…', complete: '完成', error: '失败', cancelled: '已取消' },
  stages: {},
  failures: {
    'worker-blocked':
      '地图的计算线程（Web Worker）无法启动：本页的内容安全策略（Content-Security-Policy）既不允许 blob: 线程，也不允许元素脚本旁的 carbon-balance-engine-worker.js。请在 worker-src 中加入 blob: 或脚本所在的源。',
  },
  cancel: '取消',
  rerun: '重新计算',
  panelToggle: '数据与结果',
  closePanel: '关闭面板',
  tabs: { binding: '数据绑定', results: '结果', exports: '导出' },
  legend: '图例',
  noData: '无值',
  count: (n) => `${n} 个单元`,
  features: (n) => `${n} 个要素`,
  unitName: '单元',
  emissions: '排放',
  sinks: '碳汇',
  net: '净排放',
  gross: '总排放',
  gdp: '经济权重',
  zone: '分区',
  reason: '无值原因',
  ccr: 'CCR',
  ecc: 'ECC',
  esc: 'ESC',
  sectorBreakdown: '分部门',
  closePopup: '关闭',
  zoomTo: '缩放至',
  layer: '图层',
  field: '字段',
  none: '（无）',
  samples: '示例值',
  codeField: '地类编码字段',
  idField: '编号字段',
  nameField: '名称字段',
  categoryField: '类别字段',
  classField: '道路等级字段',
  weightField: '人口字段',
  weightBy: '人口权重',
  generatedUnits: '生成方形单元',
  unitSizeM: '单元边长（米）',
  preset: '预设',
  landUseTable: '地类编码',
  code: '编码',
  parcelsCount: '地块数',
  area: '面积',
  spaceType: '国土空间类型',
  notMapped: '（未映射）',
  poiTable: 'POI 类别',
  value: '值',
  category: '类别',
  inventory: '排放清单',
  inventoryMode: { totals: '部门总量', activity: '活动数据' },
  sector: '部门',
  subsector: '子部门',
  label: '名称',
  unitOfInput: '输入单位',
  addRow: '添加行',
  removeRow: '删除',
  economy: '经济表（GDP）',
  joinBy: '连接方式',
  joinById: '单元编号',
  joinByName: '单元名称',
  proxy: '替代指标',
  matched: (a, b) => `${b} 个单元中已匹配 ${a} 个`,
  validation: '检查',
  noIssues: '配置未发现问题。',
  previousResults: '地图上仍是上一次的结果。',
  cityName: '城市名称',
  demoRolesLeft: (roles) => `以下图层仍来自生成的示例城市：${roles}。请在下方绑定你自己的图层或移除它们，再看结果；清单与 GDP 表在修改前也仍是示例数据。`,
  runWarnings: (n) => `上次计算报告了 ${n} 条数据警告（被排除的要素、未分配的排放、未映射的编码等），详见“结果”。`,
  exportConfig: '导出配置（JSON）',
  applyJson: '应用',
  sectorTable: '分部门、分地类排放',
  landTypeTotal: '地类合计',
  sectorTotal: '部门合计',
  shareOfNet: '占净排放比例',
  shareOfGross: '占总排放比例',
  total: '合计',
  composition: '部门构成',
  zoneCounts: '分区',
  share: '比例',
  unitTable: '单元',
  sortBy: (c) => `按${c}排序`,
  warnings: '警告',
  noWarnings: '无警告。',
  notes: (n) => `说明（${n} 条）`,
  unallocated: '未分配',
  exportGeojson: (l) => `${l}（GeoJSON）`,
  exportCsv: (l) => `${l}（CSV）`,
  exportPng: '地图（PNG）',
  exportReport: '运行报告（JSON）',
  layerNames: { parcels: '地块', grid: '格网', units: '单元' },
  basemap: '底图',
  unitOutlines: '单元边界',
  selected: (name, zone) => `${name}：${zone}`,
  mapHelp: '方向键平移，+ 和 − 缩放，回车选择中心处的单元，N 和 P 逐个浏览单元。',
  loadFiles: '添加图层文件（GeoJSON、Shapefile 压缩包、CSV、FlatGeobuf、GeoPackage）',
  dropHint: '或拖放到此处；与已载入图层同名的文件会替换该图层',
  loaded: (n) => `已加载：${n}`,
  runs: '计算',
  progress: '进度',
  perKm2: '/km²',
  ratio: '（比值）',
  noResults: '暂无结果。',
  landUsePreview: '土地利用（计算前）',
  previewComputing: '正在计算分区…',
  noSpaceType: '无空间类型（编码未映射）',
  mode: '交通方式',
  modes: { road: '公路', rail: '铁路', water: '水运', air: '航空' },
  weightByOptions: { field: '数值字段', count: '点数', area: '占地面积' },
  proxies: { 'poi-count': 'POI 数量', 'space-type-area': '所选地类面积' },
  subsectors: {
    'industry-mining': '采矿业', 'industry-manufacturing': '制造业', 'industry-supply': '电力、热力、燃气及水生产和供应业',
    'buildings-residential': '居住建筑', 'buildings-commercial': '商业与公共建筑',
    'transport-road': '公路交通', 'transport-rail': '铁路交通', 'transport-water': '水路交通', 'transport-air': '航空交通',
    'agriculture-cultivation': '种植业', 'agriculture-husbandry': '畜牧业',
    'waste-industrial': '工业废水', 'waste-domestic': '生活污水与固体废弃物',
    'sinks-land': '非建设用地碳汇', 'sinks-crops': '农作物碳吸收',
  },
};

/** The strings of one language. */
export function strings(lang: Lang): Strings {
  return lang === 'zh-CN' ? ZH : EN;
}

/** `zh-CN` for any Chinese page language, else `en`. */
export function normaliseLang(value: string | null | undefined): Lang {
  return value && /^zh\b/i.test(value) ? 'zh-CN' : 'en';
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let nf = numberFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, nf);
  }
  return nf;
}

/** A plain number in the page's locale with a fixed number of decimals. */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  return numberFormat(lang, digits).format(value);
}

/** Above this magnitude tonnes are shown in 10⁴ t (the unit of the paper's tables). */
export const TEN_THOUSAND_T_FROM = 100_000;

/**
 * Tonnes of CO₂e with their unit: `1,234 t CO₂e`, or `12.35 × 10⁴ t CO₂e` (en) /
 * `12.35 万t CO₂e` (zh-CN) from 100 000 t. `null` becomes the "no value" word.
 */
export function formatTonnes(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return strings(lang).noData;
  if (Math.abs(value) >= TEN_THOUSAND_T_FROM) {
    const v = formatNumber(value / 10_000, lang, 2);
    return lang === 'zh-CN' ? `${v} 万t CO₂e` : `${v} × 10⁴ t CO₂e`;
  }
  const digits = Math.abs(value) >= 100 || value === 0 ? 0 : Math.abs(value) >= 1 ? 1 : 3;
  return `${formatNumber(value, lang, digits)} t CO₂e`;
}

/** Tonnes per km² with their unit. */
export function formatTonnesPerKm2(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return strings(lang).noData;
  const digits = Math.abs(value) >= 100 || value === 0 ? 0 : 1;
  return `${formatNumber(value, lang, digits)} t CO₂e/km²`;
}

/** A ratio as a percentage (`0.01048` → `1.05 %`). */
export function formatPercentOfRatio(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return strings(lang).noData;
  return `${formatNumber(value * 100, lang, 2)} %`;
}

/** A number that is already a percentage (`81.32` → `81.32 %`). */
export function formatPercent(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return strings(lang).noData;
  return `${formatNumber(value, lang, 2)} %`;
}

/** A dimensionless coefficient (ECC, ESC): two decimals and the word "ratio" in the label. */
export function formatCoefficient(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return strings(lang).noData;
  return formatNumber(value, lang, 2);
}

/** Square metres as km² (or m² below 0.01 km²). */
export function formatArea(areaM2: number | null | undefined, lang: Lang): string {
  if (areaM2 === null || areaM2 === undefined || !Number.isFinite(areaM2)) return strings(lang).noData;
  if (areaM2 >= 10_000) return `${formatNumber(areaM2 / 1e6, lang, 2)} km²`;
  return `${formatNumber(areaM2, lang, 0)} m²`;
}

/** A count with grouping. */
export function formatCount(n: number, lang: Lang): string {
  return formatNumber(n, lang, 0);
}

/** A label with its unit in brackets: `Value (t CO₂e)`, `值（万t CO₂e）`. */
export function withUnit(label: string, unit: string, lang: Lang): string {
  return lang === 'zh-CN' ? `${label}（${unit}）` : `${label} (${unit})`;
}

/** The unit of inventory values (`t` or `10^4 t`): `t CO₂e`, `10⁴ t CO₂e` (en) / `万t CO₂e` (zh-CN). */
export function formatInventoryUnit(unit: string | undefined, lang: Lang): string {
  if (unit !== '10^4 t') return 't CO₂e';
  return lang === 'zh-CN' ? '万t CO₂e' : '10⁴ t CO₂e';
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (digits: string): string => [...digits].map((d) => SUPERSCRIPT_DIGITS[Number(d)] ?? d).join('');

/**
 * A unit written in a config for people to read (`economy.unit`: `10^4 CNY`, `10^8 yuan`, `万元`,
 * `CNY`) as the UI language writes it: `10⁴ CNY` (en) / `万元` (zh-CN). A unit it does not
 * recognise is kept, with any `10^n` written as a power.
 */
export function formatUnitLabel(unit: string, lang: Lang): string {
  const u = unit.trim();
  const m = /^(?:10\s*(?:\^|\*\*)\s*(\d+)|10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|1e(\d+)|(万|亿))?\s*(cny|rmb|yuan|元|人民币)$/i.exec(u);
  if (m) {
    const power = m[1] ?? m[3] ?? (m[2] ? [...m[2]].map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).join('') : m[4] === '万' ? '4' : m[4] === '亿' ? '8' : '0');
    const p = Number(power);
    if (lang === 'zh-CN') {
      if (p === 0) return '元';
      if (p === 4) return '万元';
      if (p === 8) return '亿元';
      return `10${superscript(String(p))} 元`;
    }
    return p === 0 ? 'CNY' : `10${superscript(String(p))} CNY`;
  }
  return u.replace(/10\s*(?:\^|\*\*)\s*(\d+)/g, (_, d: string) => `10${superscript(d)}`);
}

/** The city's name for the toolbar: the generated demo city's in the UI language, any other as given. */
export function cityTitle(name: string | undefined, lang: Lang): string {
  if (name === undefined || name === '') return strings(lang).elementLabel;
  return name === DEMO_CITY_NAME ? strings(lang).demoCityName : name;
}

// ------------------------------------------------------------------------------------------------
// The run report's issues in plain words (see panels/issue-text.ts for how the values are read).
// ------------------------------------------------------------------------------------------------

/** The values of one issue, by name (numbers unformatted; text untrusted, shown as text only). */
export type IssueArgs = Record<string, string | number>;

/** One code's sentence. */
export type IssueTemplate = (a: IssueArgs) => string;

const LAYER_ROLES: Record<Lang, Record<string, string>> = {
  en: { parcels: 'Parcels', units: 'Units', pois: 'POIs', roads: 'Roads', population: 'Population points' },
  'zh-CN': { parcels: '地块', units: '单元', pois: '兴趣点', roads: '道路', population: '人口点' },
};

const INDEXED_ROLES: Record<Lang, Record<string, string>> = {
  en: { pois: 'POI layer', roads: 'Road layer' },
  'zh-CN': { pois: '兴趣点图层', roads: '道路图层' },
};

/** An engine layer role (`parcels`, `pois[0]`, `roads[1]`) in words, or undefined for anything else. */
export function layerRoleName(role: string, lang: Lang): string | undefined {
  const m = /^(pois|roads)\[(\d+)\]$/.exec(role);
  if (m) return `${INDEXED_ROLES[lang][m[1]]} ${Number(m[2]) + 1}`;
  return LAYER_ROLES[lang][role];
}

/** The labels of a layer's field settings, as the binding panel names them. */
function settingName(setting: unknown, lang: Lang): string {
  const t = strings(lang);
  const names: Record<string, string> = {
    codeField: t.codeField, idField: t.idField, nameField: t.nameField, categoryField: t.categoryField,
    classField: t.classField, weightField: t.weightField,
  };
  return names[String(setting)] ?? String(setting);
}

function issueWords(lang: Lang) {
  const t = strings(lang);
  const zh = lang === 'zh-CN';
  const q = (v: unknown): string => (zh ? `“${String(v)}”` : `"${String(v)}"`);
  const n = (v: unknown): string => (typeof v === 'number' ? formatCount(v, lang) : String(v));
  const layer = (v: unknown): string => (v === undefined ? '' : layerRoleName(String(v), lang) ?? q(v));
  const type = (v: unknown): string => t.spaceTypes[String(v) as SpaceType] ?? String(v);
  const types = (v: unknown, sep: RegExp): string => String(v).split(sep).map((s) => type(s.trim())).join(zh ? '、' : ', ');
  const category = (v: unknown): string =>
    String(v) === 'population' ? (zh ? '人口' : 'population') : (t.poiCategories[String(v) as PoiCategory] ?? String(v));
  const pool = (v: unknown): string => {
    const [sub, list] = String(v).split(':');
    const subLabel = t.subsectors[sub] ?? sub;
    return list ? (zh ? `${subLabel}（${types(list, /\+/)}）` : `${subLabel} (${types(list, /\+/)})`) : subLabel;
  };
  return {
    q, n, layer, type, types, category, pool,
    setting: (v: unknown) => settingName(v, lang),
    area: (v: unknown) => formatArea(Number(v), lang),
    tonnes: (v: unknown) => formatTonnes(Number(v), lang),
    pct: (v: unknown) => formatPercent(Number(v), lang),
  };
}

function enIssueTemplates(): Record<string, IssueTemplate> {
  const w = issueWords('en');
  return {
    'landuse-code-unmapped': (a) => `Land-use code ${w.q(a.code)} is not in the land-use mapping: its ${w.n(a.parcels)} parcel(s) (${w.area(a.areaM2)}) get no space type and carry no emissions. Choose a type for it in the land-use table.`,
    'landuse-code-parent-fallback': (a) => `Land-use code ${w.q(a.code)} is not in the mapping; it was read through its ${a.via === 'suffix' ? 'base code' : 'first-level class'} ${w.q(a.key)} as ${w.type(a.spaceType)} (${w.n(a.parcels)} parcel(s)).`,
    'landuse-code-missing': (a) => `${w.n(a.parcels)} parcel(s) (${w.area(a.areaM2)}) have no land-use code and carry no emissions.`,
    'points-outside-parcels': (a) => `${w.layer(a.layer)}: ${w.n(a.count)} ${w.category(a.category).toLowerCase()} point(s) lie outside every parcel of the study area and are not counted.`,
    'points-uncategorised': (a) => `${w.layer(a.layer)}: ${w.n(a.count)} point(s) match no POI category and are not counted.`,
    'points-duplicate-positions': (a) => `${w.layer(a.layer)}: ${w.n(a.count)} point(s) share their position with another point; each one is counted.`,
    'pool-zero-weight': (a) => `${w.pool(a.pool)}: nothing to weight the emissions by, so they were spread by ${a.fallback === 'area' ? 'parcel area' : 'road length'} instead.`,
    'pool-no-parcels': (a) => `${w.pool(a.pool)}: no parcel of ${w.types(a.spaceTypes, /,/)} lies in the study area, so ${w.tonnes(a.tonnes)} could not be placed on the map.`,
    'pool-network': (a) => `${w.pool(a.pool)}: no transport land among the parcels, so the emissions were placed along the network (${w.n(a.lines)} lines).`,
    'parcels-clipped': (a) => `${w.area(a.areaM2)} of parcel area lies outside every unit and was cut off (${w.n(a.parcels)} parcel(s) wholly outside).`,
    'parcels-overlap': (a) => `Parcels ${w.q(a.a)} and ${w.q(a.b)} overlap by ${w.area(a.areaM2)}; that ground is counted twice when weighting by area.`,
    'parcels-overlap-summary': (a) => `${w.n(a.pairs)} pair(s) of parcels overlap, ${w.area(a.areaM2)} in all (${w.n(a.listed)} listed one by one); that ground is counted twice when weighting by area.`,
    'units-overlap': (a) => `${w.n(a.count)} pair(s) of units overlap (${w.area(a.areaM2)} in all); parcels there are split between the units by area. Check the unit borders.`,
    'unallocated-large': (a) => `${w.pct(a.share)} of the city's gross emissions (${w.tonnes(a.tonnes)}) could not be placed on any parcel or network.`,
    'economy-unit-unmatched': (a) => `Economic table: no row for unit ${w.q(a.unit)} (key ${w.q(a.key)}); it gets no ECC and no zone.`,
    'economy-row-unmatched': (a) => `Economic table: the row ${w.q(a.key)} matches no unit.`,
    'economy-proxy': (a) => `The economic weight is a stand-in: ${a.proxy === 'poi-count' ? `the number of ${String(a.list).split('+').map((c) => w.category(c.trim())).join(', ')} POIs per unit` : `the area of ${w.types(a.list, /\+/)} per unit`}${a.rationale ? ` (${a.rationale})` : ''}.`,
    'balance-zero-emissions': (a) => `Unit ${w.q(a.id)} has no emissions, so it gets no indices and no zone.`,
    'geometry-self-intersection': (a) => `${w.layer(a.layer)}: feature ${w.q(a.id)}: the ${a.ring ? `hole ${w.n(a.ring)}` : 'outer'} ring crosses itself; it was split into ${w.n(a.lobes)} part(s) of ${w.area(a.areaM2)}.`,
    'issues-truncated': (a) => `${a.layer ? `${w.layer(a.layer)}: ` : ''}${w.n(a.count)} messages ${w.q(a.code)}; the first ${w.n(a.shown)} are listed.`,
    'io-encoding-detected': (a) => `${a.layer ? `${w.layer(a.layer)}: ` : ''}text read as ${a.encoding} (detected). If names look garbled, set the layer's encoding.`,
    'io-encoding-cpg': (a) => `${a.layer ? `${w.layer(a.layer)}: ` : ''}text read as ${a.encoding}, as the .cpg file says.`,
    'io-encoding-ldid': (a) => `${a.layer ? `${w.layer(a.layer)}: ` : ''}text read as ${a.encoding}, as the DBF file's language byte says.`,
    'io-encoding-option': (a) => `${a.layer ? `${w.layer(a.layer)}: ` : ''}text read as ${a.encoding}, as the config says.`,
    'io-encoding-invalid-bytes': (a) => `${a.layer ? `${w.layer(a.layer)}: ` : ''}${w.n(a.count)} byte sequence(s) are not valid ${a.encoding} and were replaced; check the layer's encoding.`,
    'layer-field-missing': (a) => `${w.layer(a.layer)}: the ${w.setting(a.setting).toLowerCase()} ${w.q(a.field)} is not a field of this layer${a.present ? `; its fields: ${a.present}` : ''}. Choose one in the data-binding panel.`,
    'geometry-invalid-position-dropped': (a) => `${w.layer(a.layer)}: feature ${w.q(a.id)}: ${Number(a.part) > 1 ? `part ${w.n(a.part)}, ` : ''}ring ${w.n(a.ring)}, position ${w.n(a.position)} holds ${a.value}, not a coordinate pair; it was dropped and the ring closed over the gap${Number(a.count) > 1 ? ` (${w.n(a.count)} such positions in the feature)` : ''}.`,
    'config-missing-field': (a) => `Config: ${a.path} is required.`,
    'config-empty-string': (a) => `Config: ${a.path} must not be empty.`,
    'config-not-finite': (a) => `Config: ${a.path} must be a finite number, not ${w.q(a.actual)}.`,
    'config-unknown-enum': (a) => `Config: ${a.path} is ${w.q(a.actual)}, which is not one of ${a.expected}${a.suggestion ? `; did you mean ${w.q(a.suggestion)}?` : '.'}`,
    'config-unknown-field': (a) => `Config: ${a.path} is not a known setting and is ignored${a.expected ? `; did you mean ${w.q(a.expected)}?` : '.'}`,
  };
}

function zhIssueTemplates(): Record<string, IssueTemplate> {
  const w = issueWords('zh-CN');
  const at = (a: IssueArgs): string => (a.layer ? `${w.layer(a.layer)}：` : '');
  return {
    'landuse-code-unmapped': (a) => `地类编码 ${w.q(a.code)} 不在地类映射中：其 ${w.n(a.parcels)} 个地块（${w.area(a.areaM2)}）没有国土空间类型，不分配排放。请在地类编码表中为它选择类型。`,
    'landuse-code-parent-fallback': (a) => `地类编码 ${w.q(a.code)} 不在映射中，已按其${a.via === 'suffix' ? '基础编码' : '一级类'} ${w.q(a.key)} 归为${w.type(a.spaceType)}（${w.n(a.parcels)} 个地块）。`,
    'landuse-code-missing': (a) => `${w.n(a.parcels)} 个地块（${w.area(a.areaM2)}）没有地类编码，不分配排放。`,
    'points-outside-parcels': (a) => `${w.layer(a.layer)}：${w.n(a.count)} 个${w.category(a.category)}点位于研究区所有地块之外，未计入。`,
    'points-uncategorised': (a) => `${w.layer(a.layer)}：${w.n(a.count)} 个点不属于任何 POI 类别，未计入。`,
    'points-duplicate-positions': (a) => `${w.layer(a.layer)}：${w.n(a.count)} 个点与其他点位置重合，均已分别计入。`,
    'pool-zero-weight': (a) => `${w.pool(a.pool)}：没有可用的分配权重，已改按${a.fallback === 'area' ? '地块面积' : '路网长度'}分配。`,
    'pool-no-parcels': (a) => `${w.pool(a.pool)}：研究区内没有${w.types(a.spaceTypes, /,/)}地块，${w.tonnes(a.tonnes)} 无法落到地图上。`,
    'pool-network': (a) => `${w.pool(a.pool)}：地块中没有交通用地，排放已沿路网分配（${w.n(a.lines)} 条线）。`,
    'parcels-clipped': (a) => `有 ${w.area(a.areaM2)} 的地块面积位于所有单元之外，已被裁去（${w.n(a.parcels)} 个地块完全在外）。`,
    'parcels-overlap': (a) => `地块 ${w.q(a.a)} 与 ${w.q(a.b)} 重叠 ${w.area(a.areaM2)}；按面积加权时这部分土地被重复计算。`,
    'parcels-overlap-summary': (a) => `共有 ${w.n(a.pairs)} 对地块相互重叠，合计 ${w.area(a.areaM2)}（逐一列出 ${w.n(a.listed)} 对）；按面积加权时这部分土地被重复计算。`,
    'units-overlap': (a) => `共有 ${w.n(a.count)} 对单元相互重叠（合计 ${w.area(a.areaM2)}）；重叠处的地块按面积分给各单元，不会重复计算，但请检查单元边界。`,
    'unallocated-large': (a) => `全市总排放的 ${w.pct(a.share)}（${w.tonnes(a.tonnes)}）无法分配到任何地块或路网。`,
    'economy-unit-unmatched': (a) => `经济表：单元 ${w.q(a.unit)}（连接键 ${w.q(a.key)}）没有对应的行，因此没有经济贡献系数（ECC），也不参与分区。`,
    'economy-row-unmatched': (a) => `经济表：行 ${w.q(a.key)} 没有匹配到任何单元。`,
    'economy-proxy': (a) => `经济权重使用替代指标：${a.proxy === 'poi-count' ? `各单元${String(a.list).split('+').map((c) => w.category(c.trim())).join('、')} POI 的数量` : `各单元${w.types(a.list, /\+/)}的面积`}${a.rationale ? `（${a.rationale}）` : ''}。`,
    'balance-zero-emissions': (a) => `单元 ${w.q(a.id)} 排放为零，因此没有各项指数，也不参与分区。`,
    'geometry-self-intersection': (a) => `${w.layer(a.layer)}：要素 ${w.q(a.id)} 的${a.ring ? `第 ${w.n(a.ring)} 个内环` : '外环'}自相交，已拆分为 ${w.n(a.lobes)} 个部分，共 ${w.area(a.areaM2)}。`,
    'issues-truncated': (a) => `${at(a)}共有 ${w.n(a.count)} 条 ${w.q(a.code)} 提示，仅列出前 ${w.n(a.shown)} 条。`,
    'io-encoding-detected': (a) => `${at(a)}文本按 ${a.encoding} 解码（自动检测）。如名称显示为乱码，请设置该图层的编码。`,
    'io-encoding-cpg': (a) => `${at(a)}文本按 .cpg 文件声明的 ${a.encoding} 解码。`,
    'io-encoding-ldid': (a) => `${at(a)}文本按 DBF 文件语言标识所示的 ${a.encoding} 解码。`,
    'io-encoding-option': (a) => `${at(a)}文本按配置指定的 ${a.encoding} 解码。`,
    'io-encoding-invalid-bytes': (a) => `${at(a)}有 ${w.n(a.count)} 处字节不是有效的 ${a.encoding} 编码，已被替换；请检查该图层的编码。`,
    'layer-field-missing': (a) => `${at(a)}配置的${w.setting(a.setting)} ${w.q(a.field)} 不是该图层的字段${a.present ? `；现有字段：${a.present}` : ''}。请在数据绑定面板中重新选择。`,
    'geometry-invalid-position-dropped': (a) => `${at(a)}要素 ${w.q(a.id)} ${Number(a.part) > 1 ? `第 ${w.n(a.part)} 部分、` : ''}第 ${w.n(a.ring)} 个环的第 ${w.n(a.position)} 个坐标为 ${a.value}，不是有效的坐标对，已删除并连接缺口${Number(a.count) > 1 ? `（该要素共有 ${w.n(a.count)} 处）` : ''}。`,
    'config-missing-field': (a) => `配置：缺少必填项 ${a.path}。`,
    'config-empty-string': (a) => `配置：${a.path} 不能为空。`,
    'config-not-finite': (a) => `配置：${a.path} 须为有限数值，当前为 ${w.q(a.actual)}。`,
    'config-unknown-enum': (a) => `配置：${a.path} 的取值 ${w.q(a.actual)} 无效，可选值为 ${a.expected}${a.suggestion ? `；是否应为 ${w.q(a.suggestion)}？` : '。'}`,
    'config-unknown-field': (a) => `配置：${a.path} 不是已知设置，已忽略${a.expected ? `；是否应为 ${w.q(a.expected)}？` : '。'}`,
  };
}

const issueTemplateCache = new Map<Lang, Record<string, IssueTemplate>>();

/** The plain-language issue sentences of a language, by issue code. */
export function issueTemplates(lang: Lang): Readonly<Record<string, IssueTemplate>> {
  let t = issueTemplateCache.get(lang);
  if (!t) {
    t = lang === 'zh-CN' ? zhIssueTemplates() : enIssueTemplates();
    issueTemplateCache.set(lang, t);
  }
  return t;
}
