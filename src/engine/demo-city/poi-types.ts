/**
 * The AMap-style POI types the demo city writes, with the share of the POI count each one gets
 * and where it is placed. Shares add to 1: industry 25 %, commercial and public 48 %,
 * transport 17 %, other 10 %.
 */

/** Where POIs of a type go (see `pois.ts`). */
export type DemoPoiPlacement =
  | 'industry'
  | 'industry-office'
  | 'commercial'
  | 'education'
  | 'admin'
  | 'residential'
  | 'green'
  | 'parking'
  | 'road'
  | 'metro'
  | 'rail-station';

/** One POI type of the demo city. */
export interface DemoPoiType {
  /** 6-digit AMap type code. */
  typecode: string;
  /** Noun used in generated names. */
  noun: string;
  /** Share of the POI count (the shares add to 1). */
  share: number;
  /**
   * The category the demo intends for it: `industry`, `commercial`, `transport` drive the
   * method's weights (METHOD.md §2); `other` types are there because real AMap extracts have them.
   */
  intended: 'industry' | 'commercial' | 'transport' | 'other';
  placement: DemoPoiPlacement;
}

export const DEMO_POI_TYPES: readonly DemoPoiType[] = [
  { typecode: '170300', noun: 'Factory', share: 0.14, intended: 'industry', placement: 'industry' },
  { typecode: '170200', noun: 'Company', share: 0.09, intended: 'industry', placement: 'industry-office' },
  { typecode: '170100', noun: 'Group', share: 0.02, intended: 'industry', placement: 'industry' },
  { typecode: '050100', noun: 'Restaurant', share: 0.08, intended: 'commercial', placement: 'commercial' },
  { typecode: '050300', noun: 'Fast Food', share: 0.04, intended: 'commercial', placement: 'commercial' },
  { typecode: '050500', noun: 'Cafe', share: 0.02, intended: 'commercial', placement: 'commercial' },
  { typecode: '060100', noun: 'Shopping Mall', share: 0.02, intended: 'commercial', placement: 'commercial' },
  { typecode: '060200', noun: 'Convenience Store', share: 0.07, intended: 'commercial', placement: 'commercial' },
  { typecode: '060400', noun: 'Supermarket', share: 0.03, intended: 'commercial', placement: 'commercial' },
  { typecode: '070100', noun: 'Travel Agency', share: 0.01, intended: 'commercial', placement: 'commercial' },
  { typecode: '070500', noun: 'Express Delivery', share: 0.03, intended: 'commercial', placement: 'commercial' },
  { typecode: '071100', noun: 'Salon', share: 0.04, intended: 'commercial', placement: 'commercial' },
  { typecode: '100100', noun: 'Hotel', share: 0.03, intended: 'commercial', placement: 'commercial' },
  { typecode: '100200', noun: 'Guesthouse', share: 0.02, intended: 'commercial', placement: 'commercial' },
  { typecode: '141200', noun: 'School', share: 0.04, intended: 'commercial', placement: 'education' },
  { typecode: '160100', noun: 'Bank', share: 0.05, intended: 'commercial', placement: 'commercial' },
  { typecode: '150700', noun: 'Bus Stop', share: 0.1, intended: 'transport', placement: 'road' },
  { typecode: '150900', noun: 'Car Park', share: 0.065, intended: 'transport', placement: 'parking' },
  { typecode: '150500', noun: 'Metro Station', share: 0.0045, intended: 'transport', placement: 'metro' },
  { typecode: '150200', noun: 'Railway Station', share: 0.0005, intended: 'transport', placement: 'rail-station' },
  { typecode: '120302', noun: 'Residential Community', share: 0.06, intended: 'other', placement: 'residential' },
  { typecode: '090100', noun: 'Hospital', share: 0.015, intended: 'other', placement: 'education' },
  { typecode: '130100', noun: 'Government Office', share: 0.015, intended: 'other', placement: 'admin' },
  { typecode: '110101', noun: 'Scenic Spot', share: 0.01, intended: 'other', placement: 'green' },
];
