/**
 * The shipped land-use code tables: code → territorial-space type (METHOD.md §2, "Land-use codes
 * are mapped to territorial-space types by a mapping table"). Every non-obvious row carries a
 * `note` saying why; docs/presets.md repeats the decisions.
 *
 * `spaceType: null` in a table row means "known code, deliberately mapped to nothing"; a code
 * absent from a table is unmapped and reported.
 */
import type { SpaceType } from '../types.js';

/** One row of a land-use preset table. */
export interface LandUseCodeEntry {
  /** Territorial-space type, or `null` for a known code that maps to nothing on purpose. */
  readonly spaceType: SpaceType | null;
  /** English class name. */
  readonly label: string;
  /** Chinese class name, for the Chinese classifications. */
  readonly labelZh?: string;
  /** Why this row maps the way it does, where that is not obvious. */
  readonly note?: string;
}

/** A land-use table: normalised code → row. */
export type LandUseCodeTable = Readonly<Record<string, LandUseCodeEntry>>;

function row(spaceType: SpaceType | null, label: string, labelZh?: string, note?: string): LandUseCodeEntry {
  const entry: { spaceType: SpaceType | null; label: string; labelZh?: string; note?: string } = { spaceType, label };
  if (labelZh !== undefined) entry.labelZh = labelZh;
  if (note !== undefined) entry.note = note;
  return Object.freeze(entry);
}

// ---------------------------------------------------------------------------------------------
// GB/T 21010-2017 土地利用现状分类 (Current land-use classification), first and second level
// ---------------------------------------------------------------------------------------------

/**
 * China's national land-use classification GB/T 21010-2017: 12 first-level classes (`01`–`12`)
 * and 73 second-level classes (`0101`–`1207`). Codes are the standard's own, as 2- or 4-character
 * strings with their leading zero.
 */
export const GBT21010_CODES: LandUseCodeTable = Object.freeze({
  '01': row('cultivated', 'Cultivated land', '耕地'),
  '0101': row('cultivated', 'Paddy field', '水田'),
  '0102': row('cultivated', 'Irrigated land', '水浇地'),
  '0103': row('cultivated', 'Dry land', '旱地'),

  '02': row('cultivated', 'Garden land', '园地', 'METHOD.md §2 groups cultivated and garden land in one space type.'),
  '0201': row('cultivated', 'Orchard', '果园'),
  '0202': row('cultivated', 'Tea plantation', '茶园'),
  '0203': row('cultivated', 'Rubber plantation', '橡胶园'),
  '0204': row('cultivated', 'Other garden land', '其他园地'),

  '03': row('forest', 'Forest land', '林地'),
  '0301': row('forest', 'Arbor forest', '乔木林地'),
  '0302': row('forest', 'Bamboo forest', '竹林地'),
  '0303': row('forest', 'Mangrove', '红树林地'),
  '0304': row('forest', 'Forest swamp', '森林沼泽', 'A wetland class filed under forest land by the standard; kept with its parent.'),
  '0305': row('forest', 'Shrub land', '灌木林地'),
  '0306': row('forest', 'Shrub swamp', '灌丛沼泽', 'A wetland class filed under forest land by the standard; kept with its parent.'),
  '0307': row('forest', 'Other forest land', '其他林地'),

  '04': row('grassland', 'Grassland', '草地'),
  '0401': row('grassland', 'Natural pasture', '天然牧草地'),
  '0402': row('grassland', 'Marsh grassland', '沼泽草地'),
  '0403': row('grassland', 'Artificial pasture', '人工牧草地'),
  '0404': row('grassland', 'Other grassland', '其他草地'),

  '05': row('commercial', 'Commercial and business land', '商服用地'),
  '0501': row('commercial', 'Retail', '零售商业用地', 'Includes filling and charging stations (the standard\'s own definition).'),
  '0502': row('commercial', 'Wholesale market', '批发市场用地'),
  '0503': row('commercial', 'Catering', '餐饮用地'),
  '0504': row('commercial', 'Hotel', '旅馆用地'),
  '0505': row('commercial', 'Business and finance', '商务金融用地'),
  '0506': row('commercial', 'Entertainment', '娱乐用地'),
  '0507': row('commercial', 'Other commercial', '其他商服用地'),

  '06': row('industrial', 'Industrial, mining and storage land', '工矿仓储用地', 'The first-level class is mostly industrial land; mining and salt fields have their own codes.'),
  '0601': row('industrial', 'Industrial', '工业用地'),
  '0602': row('mining', 'Mining', '采矿用地'),
  '0603': row('mining', 'Salt field', '盐田', 'Salt extraction is mining (the Third Survey groups salt fields with mining land, 204).'),
  '0604': row('industrial', 'Storage', '仓储用地', 'Warehouses sit in the industrial, mining and storage class; their energy use is in the industry statistics, so they join industrial land.'),

  '07': row('urban-residential', 'Residential land', '住宅用地', 'A bare first-level code cannot say urban or rural; urban is the larger share in a city. Both share one residential pool.'),
  '0701': row('urban-residential', 'Urban residential', '城镇住宅用地'),
  '0702': row('rural-homestead', 'Rural homestead', '农村宅基地'),

  '08': row('public-service', 'Public administration and public service land', '公共管理与公共服务用地'),
  '0801': row('public-service', 'Government agencies and organisations', '机关团体用地'),
  '0802': row('public-service', 'News and publishing', '新闻出版用地'),
  '0803': row('public-service', 'Education', '教育用地'),
  '0804': row('public-service', 'Scientific research', '科研用地'),
  '0805': row('public-service', 'Medical and health', '医疗卫生用地'),
  '0806': row('public-service', 'Social welfare', '社会福利用地'),
  '0807': row('public-service', 'Cultural facilities', '文化设施用地'),
  '0808': row('public-service', 'Sports', '体育用地'),
  '0809': row('utilities', 'Public utilities', '公用设施用地', 'Water, power, gas, heat supply and sanitation: the municipal utilities of METHOD.md §2.'),
  '0810': row('green-space', 'Parks and green space', '公园与绿地'),

  '09': row('other', 'Special-use land', '特殊用地', 'Mostly military land and cemeteries; no sub-sector uses them.'),
  '0901': row('other', 'Military facilities', '军事设施用地', 'No statistics or POIs describe military energy use.'),
  '0902': row('public-service', 'Embassies and consulates', '使领馆用地', 'Office buildings whose energy use falls in the commercial and public buildings total.'),
  '0903': row('public-service', 'Prisons and detention', '监教场所用地', 'Public buildings whose energy use falls in the commercial and public buildings total.'),
  '0904': row('public-service', 'Religious', '宗教用地', 'Public buildings whose energy use falls in the commercial and public buildings total.'),
  '0905': row('other', 'Funeral and burial', '殡葬用地'),
  '0906': row('public-service', 'Scenic-spot facilities', '风景名胜设施用地', 'Only the buildings of scenic spots (management, visitor services) are in this class; the rest of a scenic area keeps its own land class.'),

  '10': row('transport-road', 'Transportation land', '交通运输用地', 'Roads are by far the largest part of transportation land.'),
  '1001': row('transport-rail', 'Railway', '铁路用地'),
  '1002': row('transport-rail', 'Urban rail transit', '轨道交通用地'),
  '1003': row('transport-road', 'Highway', '公路用地'),
  '1004': row('transport-road', 'Urban and village roads', '城镇村道路用地'),
  '1005': row('transport-road', 'Transport service stations', '交通服务场站用地', 'Bus hubs, coach stations, public car parks: road transport facilities.'),
  '1006': row('transport-road', 'Rural roads', '农村道路'),
  '1007': row('transport-air', 'Airport', '机场用地'),
  '1008': row('transport-water', 'Port and wharf', '港口码头用地'),
  '1009': row('other', 'Pipeline transport', '管道运输用地', 'Pipelines are not one of the method\'s four transport modes (road, rail, water, air).'),

  '11': row('water', 'Water and water-conservancy land', '水域及水利设施用地'),
  '1101': row('water', 'River', '河流水面'),
  '1102': row('water', 'Lake', '湖泊水面'),
  '1103': row('water', 'Reservoir', '水库水面'),
  '1104': row('water', 'Pond', '坑塘水面'),
  '1105': row('water', 'Coastal tidal flat', '沿海滩涂', 'A wetland; its sink is nearer to water than to bare land.'),
  '1106': row('water', 'Inland mudflat', '内陆滩涂', 'A wetland; its sink is nearer to water than to bare land.'),
  '1107': row('water', 'Ditch', '沟渠'),
  '1108': row('water', 'Swamp', '沼泽地', 'A wetland; its sink is nearer to water than to bare land.'),
  '1109': row('other', 'Hydraulic structures', '水工建筑用地', 'Dams, dykes, sluices and pumping stations: built land that is neither water supply nor waste treatment, so not municipal utilities (which would draw supply-industry and domestic-waste tonnes by area).'),
  '1110': row('unused', 'Glacier and permanent snow', '冰川及永久积雪'),

  '12': row('unused', 'Other land', '其他土地'),
  '1201': row('other', 'Idle land', '空闲地', 'Vacant building land inside settlements: construction land with no activity and no vegetation to count as a sink.'),
  '1202': row('agri-facility', 'Facility agricultural land', '设施农用地'),
  '1203': row('cultivated', 'Field ridges', '田坎', 'Ridges between fields are farmland in the agricultural-land count; their area goes with the fields.'),
  '1204': row('unused', 'Saline-alkali land', '盐碱地'),
  '1205': row('unused', 'Sandy land', '沙地'),
  '1206': row('unused', 'Bare soil', '裸土地'),
  '1207': row('unused', 'Bare rock and gravel', '裸岩石砾地'),
});

// ---------------------------------------------------------------------------------------------
// Third National Land Survey working classification (第三次全国国土调查工作分类)
// ---------------------------------------------------------------------------------------------

/**
 * Codes the Third National Land Survey (三调) adds to GB/T 21010-2017: its working classes
 * (`00` wetland, `05H1`, `0508`, `08H1`, `08H2`), refinements with an `A` suffix, "adjustable"
 * land with a `K` suffix (farmland converted to orchard, forest, pasture or ponds with the plough
 * layer intact), and the urban–village attribute codes `201`–`205` (table A.3).
 */
export const THIRD_SURVEY_EXTRA_CODES: LandUseCodeTable = Object.freeze({
  '00': row('water', 'Wetland', '湿地', 'The survey\'s wetland group; its own codes (0303, 0304, 0306, 0402, 0603, 1105, 1106, 1108) keep their GB/T 21010 types.'),
  '0201K': row('cultivated', 'Adjustable orchard', '可调整果园'),
  '0202K': row('cultivated', 'Adjustable tea plantation', '可调整茶园'),
  '0203K': row('cultivated', 'Adjustable rubber plantation', '可调整橡胶园'),
  '0204K': row('cultivated', 'Adjustable other garden land', '可调整其他园地'),
  '0301K': row('forest', 'Adjustable arbor forest', '可调整乔木林地'),
  '0302K': row('forest', 'Adjustable bamboo forest', '可调整竹林地'),
  '0307K': row('forest', 'Adjustable other forest land', '可调整其他林地'),
  '0403K': row('grassland', 'Adjustable artificial pasture', '可调整人工牧草地'),
  '05H1': row('commercial', 'Commercial and business facilities', '商业服务业设施用地'),
  '0508': row('industrial', 'Logistics and storage', '物流仓储用地', 'Same choice as GB/T 21010 0604 storage: warehouses join industrial land.'),
  '08H1': row('public-service', 'Government agencies, news and publishing', '机关团体新闻出版用地'),
  '08H2': row('public-service', 'Science, education, culture and health', '科教文卫用地'),
  '08H2A': row('public-service', 'Higher education', '高等教育用地'),
  '0810A': row('other', 'Squares', '广场用地', 'Paved public squares: no buildings and no vegetation to count as a sink (their parent 0810 parks is green space).'),
  '1104A': row('water', 'Aquaculture pond', '养殖坑塘'),
  '1104K': row('water', 'Adjustable aquaculture pond', '可调整养殖坑塘'),
  '1107A': row('water', 'Trunk canal', '干渠'),
  '201': row('urban-residential', 'City (urban–village attribute)', '城市', 'A summary code for a whole built-up area: no finer type can be read from it. Residential is its largest share and population weights then place residential tonnes sensibly; override it when the layer has class codes.'),
  '201A': row('industrial', 'Independent industrial land in a city', '城市独立工业用地'),
  '202': row('urban-residential', 'Designated town (urban–village attribute)', '建制镇', 'As 201.'),
  '202A': row('industrial', 'Independent industrial land in a town', '建制镇独立工业用地'),
  '203': row('rural-homestead', 'Village (urban–village attribute)', '村庄', 'Village land is mostly homesteads.'),
  '203A': row('industrial', 'Independent industrial land in a village', '村庄独立工业用地'),
  '204': row('mining', 'Salt fields and mining (urban–village attribute)', '盐田及采矿用地'),
  '205': row('other', 'Special-use land (urban–village attribute)', '特殊用地'),
});

/**
 * The Third National Land Survey working classification: every GB/T 21010-2017 code plus
 * {@link THIRD_SURVEY_EXTRA_CODES}. The 2017 standard's own codes stay valid because survey
 * layers mix both.
 */
export const THIRD_SURVEY_CODES: LandUseCodeTable = Object.freeze({
  ...GBT21010_CODES,
  ...THIRD_SURVEY_EXTRA_CODES,
  '09': row('other', 'Special-use land', '特殊用地', 'The survey does not split special-use land; military land and cemeteries dominate it.'),
});

// ---------------------------------------------------------------------------------------------
// OpenStreetMap tags
// ---------------------------------------------------------------------------------------------

/**
 * OpenStreetMap area tags as `key=value` (lowercase). A code given as a bare value (`forest`)
 * is looked up under the keys of {@link OSM_PLAIN_VALUE_KEYS}, in that order.
 */
export const OSM_LANDUSE_CODES: LandUseCodeTable = Object.freeze({
  // landuse=*
  'landuse=residential': row('urban-residential', 'Residential', undefined, 'OSM does not separate rural homesteads; both share one population-weighted pool.'),
  'landuse=industrial': row('industrial', 'Industrial'),
  'landuse=commercial': row('commercial', 'Commercial'),
  'landuse=retail': row('commercial', 'Retail'),
  'landuse=institutional': row('public-service', 'Institutional'),
  'landuse=education': row('public-service', 'Education'),
  'landuse=religious': row('public-service', 'Religious', undefined, 'As GB/T 21010 0904.'),
  'landuse=farmland': row('cultivated', 'Farmland'),
  'landuse=orchard': row('cultivated', 'Orchard'),
  'landuse=vineyard': row('cultivated', 'Vineyard'),
  'landuse=allotments': row('cultivated', 'Allotments'),
  'landuse=plant_nursery': row('cultivated', 'Plant nursery'),
  'landuse=farmyard': row('agri-facility', 'Farmyard', undefined, 'Farm buildings and yards: the husbandry facilities of METHOD.md §2.'),
  'landuse=greenhouse_horticulture': row('agri-facility', 'Greenhouse horticulture', undefined, 'As GB/T 21010 1202 facility agricultural land.'),
  'landuse=animal_keeping': row('agri-facility', 'Animal keeping'),
  'landuse=aquaculture': row('water', 'Aquaculture', undefined, 'As Third Survey 1104A aquaculture pond.'),
  'landuse=meadow': row('grassland', 'Meadow'),
  'landuse=grass': row('green-space', 'Grass', undefined, 'In OSM mostly mown urban grass (verges, lawns): green space, which sinks at the grassland rate unless overridden.'),
  'landuse=village_green': row('green-space', 'Village green'),
  'landuse=recreation_ground': row('green-space', 'Recreation ground'),
  'landuse=flowerbed': row('green-space', 'Flowerbed'),
  'landuse=forest': row('forest', 'Forest'),
  'landuse=logging': row('forest', 'Logging', undefined, 'Felled forest stays forest land (GB/T 21010 counts cutover land as 0307 other forest land).'),
  'landuse=quarry': row('mining', 'Quarry'),
  'landuse=salt_pond': row('mining', 'Salt pond', undefined, 'As GB/T 21010 0603 salt field.'),
  'landuse=landfill': row('utilities', 'Landfill', undefined, 'A sanitation facility: the municipal utilities that carry domestic waste (METHOD.md §2).'),
  'landuse=railway': row('transport-rail', 'Railway'),
  'landuse=highway': row('transport-road', 'Highway area'),
  'landuse=garages': row('transport-road', 'Garages', undefined, 'Parking is road-transport station land (GB/T 21010 1005).'),
  'landuse=depot': row('transport-road', 'Depot', undefined, 'Vehicle depots; bus depots are the common case.'),
  'landuse=port': row('transport-water', 'Port'),
  'landuse=reservoir': row('water', 'Reservoir'),
  'landuse=basin': row('water', 'Basin'),
  'landuse=military': row('other', 'Military', undefined, 'As GB/T 21010 0901.'),
  'landuse=cemetery': row('other', 'Cemetery', undefined, 'As GB/T 21010 0905 funeral and burial land.'),
  'landuse=construction': row('other', 'Construction site', undefined, 'Bare land being built on: no activity yet, no sink.'),
  'landuse=brownfield': row('other', 'Brownfield', undefined, 'Cleared land awaiting building: no activity, no sink.'),
  'landuse=greenfield': row('other', 'Greenfield', undefined, 'Land planned for building; its present cover is not recorded by the tag.'),
  'landuse=winter_sports': row('other', 'Winter sports', undefined, 'Ski pistes overlay other cover (forest, grass) and carry no sub-sector.'),

  // natural=*
  'natural=wood': row('forest', 'Wood'),
  'natural=scrub': row('forest', 'Scrub', undefined, 'As GB/T 21010 0305 shrub land, which is forest land.'),
  'natural=heath': row('grassland', 'Heath'),
  'natural=grassland': row('grassland', 'Grassland'),
  'natural=fell': row('grassland', 'Fell'),
  'natural=tundra': row('grassland', 'Tundra'),
  'natural=wetland': row('water', 'Wetland', undefined, 'As GB/T 21010 1108 swamp.'),
  'natural=water': row('water', 'Water'),
  'natural=bay': row('water', 'Bay'),
  'natural=strait': row('water', 'Strait'),
  'natural=mud': row('water', 'Mud flat', undefined, 'As GB/T 21010 1105/1106 tidal flats.'),
  'natural=beach': row('unused', 'Beach'),
  'natural=sand': row('unused', 'Sand'),
  'natural=bare_rock': row('unused', 'Bare rock'),
  'natural=scree': row('unused', 'Scree'),
  'natural=shingle': row('unused', 'Shingle'),
  'natural=glacier': row('unused', 'Glacier'),
  'natural=shrubbery': row('green-space', 'Shrubbery', undefined, 'Planted urban shrubs.'),

  // waterway=*
  'waterway=riverbank': row('water', 'Riverbank (river area)'),
  'waterway=dock': row('transport-water', 'Dock'),

  // leisure=*
  'leisure=park': row('green-space', 'Park'),
  'leisure=garden': row('green-space', 'Garden'),
  'leisure=playground': row('green-space', 'Playground'),
  'leisure=dog_park': row('green-space', 'Dog park'),
  'leisure=golf_course': row('green-space', 'Golf course', undefined, 'The polygon covers the whole course, which is turf; GB/T 21010 files golf courses under 0507 other commercial.'),
  'leisure=pitch': row('public-service', 'Pitch', undefined, 'As GB/T 21010 0808 sports land.'),
  'leisure=sports_centre': row('public-service', 'Sports centre'),
  'leisure=stadium': row('public-service', 'Stadium'),
  'leisure=track': row('public-service', 'Track'),
  'leisure=swimming_pool': row('public-service', 'Swimming pool'),
  'leisure=marina': row('transport-water', 'Marina'),

  // amenity=*
  'amenity=school': row('public-service', 'School'),
  'amenity=kindergarten': row('public-service', 'Kindergarten'),
  'amenity=college': row('public-service', 'College'),
  'amenity=university': row('public-service', 'University'),
  'amenity=hospital': row('public-service', 'Hospital'),
  'amenity=clinic': row('public-service', 'Clinic'),
  'amenity=townhall': row('public-service', 'Town hall'),
  'amenity=courthouse': row('public-service', 'Courthouse'),
  'amenity=police': row('public-service', 'Police'),
  'amenity=fire_station': row('public-service', 'Fire station'),
  'amenity=library': row('public-service', 'Library'),
  'amenity=community_centre': row('public-service', 'Community centre'),
  'amenity=social_facility': row('public-service', 'Social facility'),
  'amenity=arts_centre': row('public-service', 'Arts centre'),
  'amenity=theatre': row('public-service', 'Theatre'),
  'amenity=place_of_worship': row('public-service', 'Place of worship'),
  'amenity=prison': row('public-service', 'Prison'),
  'amenity=marketplace': row('commercial', 'Marketplace'),
  'amenity=fuel': row('commercial', 'Filling station', undefined, 'GB/T 21010 0501 retail includes filling stations.'),
  'amenity=parking': row('transport-road', 'Parking', undefined, 'As GB/T 21010 1005 transport service stations (public car parks).'),
  'amenity=bus_station': row('transport-road', 'Bus station'),
  'amenity=ferry_terminal': row('transport-water', 'Ferry terminal'),
  'amenity=grave_yard': row('other', 'Grave yard'),
  'amenity=recycling': row('utilities', 'Recycling centre'),
  'amenity=waste_transfer_station': row('utilities', 'Waste transfer station'),

  // tourism=*
  'tourism=hotel': row('commercial', 'Hotel'),
  'tourism=camp_site': row('other', 'Camp site'),

  // transport and utilities
  'aeroway=aerodrome': row('transport-air', 'Aerodrome'),
  'aeroway=apron': row('transport-air', 'Apron'),
  'aeroway=runway': row('transport-air', 'Runway'),
  'aeroway=taxiway': row('transport-air', 'Taxiway'),
  'aeroway=terminal': row('transport-air', 'Terminal'),
  'aeroway=heliport': row('transport-air', 'Heliport'),
  'railway=station': row('transport-rail', 'Railway station'),
  'railway=platform': row('transport-rail', 'Railway platform'),
  'highway=services': row('transport-road', 'Motorway services'),
  'highway=rest_area': row('transport-road', 'Rest area'),
  'highway=pedestrian': row('transport-road', 'Pedestrian area'),
  'man_made=wastewater_plant': row('utilities', 'Wastewater plant'),
  'man_made=water_works': row('utilities', 'Water works'),
  'man_made=works': row('industrial', 'Works (factory)'),
  'power=plant': row('utilities', 'Power plant', undefined, 'Power and heat supply: municipal utilities (METHOD.md §2, industry-supply).'),
  'power=substation': row('utilities', 'Substation'),
  'power=generator': row('utilities', 'Generator'),
});

/**
 * Keys tried, in this order, for an OSM code written as a bare value (`forest` → `landuse=forest`,
 * `wood` → `natural=wood`, `park` → `leisure=park`).
 */
export const OSM_PLAIN_VALUE_KEYS: readonly string[] = Object.freeze([
  'landuse', 'natural', 'leisure', 'amenity', 'waterway', 'aeroway', 'railway', 'highway', 'man_made', 'power', 'tourism',
]);

// ---------------------------------------------------------------------------------------------
// EULUC-China
// ---------------------------------------------------------------------------------------------

/**
 * EULUC-China (Essential Urban Land Use Categories, Gong et al. 2020) level I (`01`–`05`) and
 * level II (`0101`–`0505`) codes. EULUC covers urban areas only, so residential is urban.
 */
export const EULUC_CODES: LandUseCodeTable = Object.freeze({
  '01': row('urban-residential', 'Residential'),
  '0101': row('urban-residential', 'Residential'),
  '02': row('commercial', 'Commercial'),
  '0201': row('commercial', 'Business office'),
  '0202': row('commercial', 'Commercial service'),
  '03': row('industrial', 'Industrial'),
  '0301': row('industrial', 'Industrial'),
  '04': row('transport-road', 'Transportation', undefined, 'Roads are most of EULUC transportation land.'),
  '0401': row('transport-road', 'Road'),
  '0402': row('transport-road', 'Transportation stations', undefined, 'Bus and coach stations and car parks dominate; as GB/T 21010 1005 transport service stations.'),
  '0403': row('transport-air', 'Airport facilities'),
  '05': row('public-service', 'Public management and service'),
  '0501': row('public-service', 'Administrative'),
  '0502': row('public-service', 'Educational'),
  '0503': row('public-service', 'Medical'),
  '0504': row('public-service', 'Sport and cultural'),
  '0505': row('green-space', 'Park and green space'),
});

/**
 * The 0–10 integer classes some EULUC-China extracts use instead of codes: level II in order,
 * without roads (0401). A separate preset from {@link EULUC_CODES} because the two collide:
 * class `1` is business office while code `01` (written `1` when a leading zero is lost) is
 * residential, and class `5` is airport while `05` is public management.
 */
export const EULUC_CLASS_CODES: LandUseCodeTable = Object.freeze({
  '0': row('urban-residential', 'Residential', undefined, 'EULUC 0101.'),
  '1': row('commercial', 'Business office', undefined, 'EULUC 0201.'),
  '2': row('commercial', 'Commercial service', undefined, 'EULUC 0202.'),
  '3': row('industrial', 'Industrial', undefined, 'EULUC 0301.'),
  '4': row('transport-road', 'Transportation stations', undefined, 'EULUC 0402; as its level-II code.'),
  '5': row('transport-air', 'Airport facilities', undefined, 'EULUC 0403.'),
  '6': row('public-service', 'Administrative', undefined, 'EULUC 0501.'),
  '7': row('public-service', 'Educational', undefined, 'EULUC 0502.'),
  '8': row('public-service', 'Medical', undefined, 'EULUC 0503.'),
  '9': row('public-service', 'Sport and cultural', undefined, 'EULUC 0504.'),
  '10': row('green-space', 'Park and green space', undefined, 'EULUC 0505.'),
});
