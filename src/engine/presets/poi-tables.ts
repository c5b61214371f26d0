/**
 * The shipped POI category tables: a POI's type code or tag → the categories that drive
 * allocation weights (METHOD.md §2): `industry` (industry and industrial-waste pools),
 * `commercial` (the commercial and public buildings pool, "commercial-service POIs"),
 * `transport` (the transport-facility correction of road weights). A POI may have several.
 *
 * A row with no categories maps its code to nothing on purpose and stops the search for a
 * less specific row.
 */
import type { PoiCategory } from '../types.js';

/** One row of a POI table. */
export interface PoiCodeEntry {
  /** Categories of a POI with this code or tag; empty means none on purpose. */
  readonly categories: readonly PoiCategory[];
  /** English name of the code or tag. */
  readonly label: string;
  /** Chinese name, for AMap codes. */
  readonly labelZh?: string;
  /** Why, where not obvious. */
  readonly note?: string;
}

/** A POI table: normalised code or tag → row. */
export type PoiCodeTable = Readonly<Record<string, PoiCodeEntry>>;

const I: readonly PoiCategory[] = Object.freeze(['industry']);
const C: readonly PoiCategory[] = Object.freeze(['commercial']);
const T: readonly PoiCategory[] = Object.freeze(['transport']);
const CT: readonly PoiCategory[] = Object.freeze(['commercial', 'transport']);
const NONE: readonly PoiCategory[] = Object.freeze([]);

function row(categories: readonly PoiCategory[], label: string, labelZh?: string, note?: string): PoiCodeEntry {
  const entry: { categories: readonly PoiCategory[]; label: string; labelZh?: string; note?: string } = { categories, label };
  if (labelZh !== undefined) entry.labelZh = labelZh;
  if (note !== undefined) entry.note = note;
  return Object.freeze(entry);
}

/**
 * AMap (Gaode) POI type codes: six digits, big category (`05xxxx`), mid category (`0501xx`),
 * sub-category. Keys are six-digit codes; a key ending in `0000` stands for its whole big
 * category and one ending in `00` for its mid category, so `050101` is found under `050000`.
 */
export const AMAP_POI_CODES: PoiCodeTable = Object.freeze({
  '010000': row(C, 'Auto services', '汽车服务'),
  '010100': row(CT, 'Filling station', '加油站', 'A retail building and a road-traffic facility.'),
  '010300': row(CT, 'Gas (CNG/LPG) station', '加气站', 'As filling stations.'),
  '011100': row(CT, 'Charging station', '充电站', 'As filling stations.'),
  '020000': row(C, 'Auto sales', '汽车销售'),
  '030000': row(C, 'Auto repair', '汽车维修'),
  '040000': row(C, 'Motorcycle services', '摩托车服务'),
  '050000': row(C, 'Catering', '餐饮服务'),
  '060000': row(C, 'Shopping', '购物服务'),
  '070000': row(C, 'Daily-life services', '生活服务'),
  '080000': row(C, 'Sports and leisure', '体育休闲服务'),
  '090000': row(C, 'Medical and health care', '医疗保健服务', 'Hospitals and clinics are public buildings: their energy use is in the commercial and public buildings total.'),
  '100000': row(C, 'Accommodation', '住宿服务'),
  '110000': row(NONE, 'Scenic spots', '风景名胜', 'Marks places (parks, sights), not service buildings; the buildings inside scenic areas carry their own codes.'),
  '120000': row(NONE, 'Business and residential', '商务住宅', 'The big category mixes industrial parks, office towers and housing estates; only its mid categories decide.'),
  '120100': row(I, 'Industrial park', '产业园区'),
  '120200': row(C, 'Buildings (office towers)', '楼宇'),
  '120201': row(C, 'Office building', '商务写字楼'),
  '120202': row(I, 'Industrial building', '工业大厦建筑物'),
  '120203': row(C, 'Commercial-residential building', '商住两用楼宇'),
  '120300': row(NONE, 'Residential area', '住宅区', 'Residential buildings are weighted by population, not POIs.'),
  '130000': row(C, 'Government and social organisations', '政府机构及社会团体', 'Administration is part of the commercial and public buildings pool.'),
  '140000': row(C, 'Science, education and culture', '科教文化服务'),
  '150000': row(T, 'Transport facilities', '交通设施服务'),
  '150100': row(T, 'Airport', '机场相关'),
  '150200': row(T, 'Railway station', '火车站'),
  '150300': row(T, 'Port and wharf', '港口码头'),
  '150400': row(T, 'Coach station', '长途汽车站'),
  '150500': row(T, 'Subway station', '地铁站'),
  '150600': row(T, 'Light-rail station', '轻轨站'),
  '150700': row(T, 'Bus stop', '公交车站'),
  '150800': row(T, 'Shuttle-bus stop', '班车站'),
  '150900': row(T, 'Parking', '停车场'),
  '160000': row(C, 'Finance and insurance', '金融保险服务'),
  '170000': row(I, 'Companies and enterprises', '公司企业', 'The paper\'s industry weight: company and enterprise POIs.'),
  '170100': row(I, 'Well-known enterprise', '知名企业'),
  '170200': row(I, 'Company', '公司'),
  '170300': row(I, 'Factory', '工厂'),
  '170400': row(NONE, 'Farming, forestry, husbandry and fishery base', '农林牧渔基地', 'Farms are agriculture, which is allocated by area, not industry.'),
  '180000': row(NONE, 'Road facilities', '道路附属设施', 'Mostly signs, cameras and traffic lights; only toll gates and service areas are traffic facilities.'),
  '180200': row(T, 'Toll gate', '收费站'),
  '180300': row(T, 'Service area', '服务区'),
  '190000': row(NONE, 'Place names and addresses', '地名地址信息'),
  '200000': row(NONE, 'Public facilities', '公共设施', 'Kiosks, phone boxes, toilets, shelters: no building energy use to speak of.'),
  '220000': row(NONE, 'Events', '事件活动'),
  '970000': row(NONE, 'Indoor facilities', '室内设施'),
  '990000': row(NONE, 'Access facilities', '通行设施'),
});

/**
 * OpenStreetMap tags → POI categories. Keys are `key=value`, or `key=*` for every value of a key
 * (a `key=value` row wins over `key=*`; the value `no` never counts).
 */
export const OSM_POI_TAGS: PoiCodeTable = Object.freeze({
  // industry
  'craft=*': row(I, 'Craft workshop', undefined, 'Workshops of the trades (carpenters, metalworkers, breweries): small manufacturing.'),
  'industrial=*': row(I, 'Industrial site'),
  'man_made=works': row(I, 'Works (factory)'),
  'man_made=wastewater_plant': row(I, 'Wastewater plant', undefined, 'Weights the supply-industry pool on municipal-utilities land.'),
  'man_made=water_works': row(I, 'Water works', undefined, 'Weights the supply-industry pool on municipal-utilities land.'),
  'power=plant': row(I, 'Power plant', undefined, 'Weights the supply-industry pool on municipal-utilities land.'),
  'power=substation': row(I, 'Substation', undefined, 'Weights the supply-industry pool on municipal-utilities land.'),
  'office=company': row(C, 'Company office', undefined, 'An office in a commercial building, not a plant.'),

  // commercial and public services
  'shop=*': row(C, 'Shop'),
  'shop=vacant': row(NONE, 'Vacant shop'),
  'office=*': row(C, 'Office'),
  'healthcare=*': row(C, 'Health care'),
  'amenity=restaurant': row(C, 'Restaurant'),
  'amenity=cafe': row(C, 'Café'),
  'amenity=fast_food': row(C, 'Fast food'),
  'amenity=bar': row(C, 'Bar'),
  'amenity=pub': row(C, 'Pub'),
  'amenity=biergarten': row(C, 'Beer garden'),
  'amenity=food_court': row(C, 'Food court'),
  'amenity=ice_cream': row(C, 'Ice cream'),
  'amenity=nightclub': row(C, 'Nightclub'),
  'amenity=casino': row(C, 'Casino'),
  'amenity=bank': row(C, 'Bank'),
  'amenity=bureau_de_change': row(C, 'Bureau de change'),
  'amenity=pharmacy': row(C, 'Pharmacy'),
  'amenity=post_office': row(C, 'Post office'),
  'amenity=marketplace': row(C, 'Marketplace'),
  'amenity=shop': row(C, 'Shop (mistagged)', undefined, 'A common mistagging of shop=*.'),
  'amenity=car_wash': row(C, 'Car wash'),
  'amenity=car_rental': row(C, 'Car rental'),
  'amenity=internet_cafe': row(C, 'Internet café'),
  'amenity=cinema': row(C, 'Cinema'),
  'amenity=theatre': row(C, 'Theatre'),
  'amenity=arts_centre': row(C, 'Arts centre'),
  'amenity=community_centre': row(C, 'Community centre'),
  'amenity=social_centre': row(C, 'Social centre'),
  'amenity=conference_centre': row(C, 'Conference centre'),
  'amenity=events_venue': row(C, 'Events venue'),
  'amenity=exhibition_centre': row(C, 'Exhibition centre'),
  'amenity=library': row(C, 'Library'),
  'amenity=kindergarten': row(C, 'Kindergarten'),
  'amenity=childcare': row(C, 'Childcare'),
  'amenity=school': row(C, 'School'),
  'amenity=college': row(C, 'College'),
  'amenity=university': row(C, 'University'),
  'amenity=language_school': row(C, 'Language school'),
  'amenity=music_school': row(C, 'Music school'),
  'amenity=driving_school': row(C, 'Driving school'),
  'amenity=hospital': row(C, 'Hospital'),
  'amenity=clinic': row(C, 'Clinic'),
  'amenity=doctors': row(C, 'Doctors'),
  'amenity=dentist': row(C, 'Dentist'),
  'amenity=veterinary': row(C, 'Veterinary'),
  'amenity=nursing_home': row(C, 'Nursing home'),
  'amenity=social_facility': row(C, 'Social facility'),
  'amenity=townhall': row(C, 'Town hall', undefined, 'Administration is part of the commercial and public buildings pool.'),
  'amenity=courthouse': row(C, 'Courthouse'),
  'amenity=police': row(C, 'Police'),
  'amenity=fire_station': row(C, 'Fire station'),
  'amenity=prison': row(C, 'Prison'),
  'amenity=embassy': row(C, 'Embassy'),
  'amenity=public_building': row(C, 'Public building'),
  'amenity=place_of_worship': row(C, 'Place of worship', undefined, 'A public building with heating and lighting, as GB/T 21010 0904.'),
  'tourism=hotel': row(C, 'Hotel'),
  'tourism=motel': row(C, 'Motel'),
  'tourism=guest_house': row(C, 'Guest house'),
  'tourism=hostel': row(C, 'Hostel'),
  'tourism=apartment': row(C, 'Holiday apartment'),
  'tourism=museum': row(C, 'Museum'),
  'tourism=gallery': row(C, 'Gallery'),
  'leisure=sports_centre': row(C, 'Sports centre'),
  'leisure=fitness_centre': row(C, 'Fitness centre'),
  'leisure=stadium': row(C, 'Stadium'),
  'leisure=ice_rink': row(C, 'Ice rink'),
  'leisure=bowling_alley': row(C, 'Bowling alley'),
  'leisure=water_park': row(C, 'Water park'),
  'leisure=sauna': row(C, 'Sauna'),
  'leisure=amusement_arcade': row(C, 'Amusement arcade'),

  // transport facilities
  'amenity=fuel': row(CT, 'Filling station', undefined, 'A retail building (GB/T 21010 0501) and a road-traffic facility.'),
  'amenity=parking': row(T, 'Parking'),
  'amenity=parking_entrance': row(T, 'Parking entrance'),
  'amenity=bus_station': row(T, 'Bus station'),
  'amenity=taxi': row(T, 'Taxi rank'),
  'amenity=ferry_terminal': row(T, 'Ferry terminal'),
  'amenity=charging_station': row(T, 'Charging station'),
  'highway=bus_stop': row(T, 'Bus stop'),
  'highway=services': row(T, 'Motorway services'),
  'highway=rest_area': row(T, 'Rest area'),
  'barrier=toll_booth': row(T, 'Toll booth'),
  'railway=station': row(T, 'Railway station'),
  'railway=halt': row(T, 'Railway halt'),
  'railway=stop': row(T, 'Railway stop position', undefined, 'Where trains stop for passengers; a station mapped only by its stop position still counts.'),
  'railway=platform': row(T, 'Railway platform'),
  'railway=tram_stop': row(T, 'Tram stop'),
  'railway=subway_entrance': row(T, 'Subway entrance'),
  'public_transport=*': row(T, 'Public transport (platform, stop position, station)'),
  'aeroway=*': row(T, 'Aeroway facility'),
});

/**
 * OSM keys tried, in this order, when a POI field holds a bare value (`fclass=restaurant` in a
 * Geofabrik extract): `restaurant` is looked up as `amenity=restaurant`, `shop=restaurant`, ….
 */
export const OSM_POI_KEYS: readonly string[] = Object.freeze([
  'amenity', 'shop', 'office', 'craft', 'industrial', 'man_made', 'power', 'healthcare', 'tourism', 'leisure',
  'highway', 'railway', 'public_transport', 'aeroway', 'barrier',
]);
