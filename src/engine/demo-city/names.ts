/**
 * Plausible township and place names built from syllables common in southern Jiangsu place
 * names. Names are invented: any likeness to a real township is the syllables' doing.
 */
import type { Rng } from './prng.js';

/** Pinyin syllable and its character. */
const SYLLABLES: ReadonlyArray<readonly [string, string]> = [
  ['xu', '浒'], ['shu', '墅'], ['guan', '关'], ['heng', '横'], ['tang', '塘'], ['feng', '枫'],
  ['qiao', '桥'], ['mu', '木'], ['du', '渎'], ['xu', '胥'], ['kou', '口'], ['lu', '陆'],
  ['zhi', '直'], ['wei', '唯'], ['ting', '亭'], ['sheng', '胜'], ['pu', '浦'], ['jin', '金'],
  ['ji', '鸡'], ['hu', '湖'], ['lou', '娄'], ['men', '门'], ['ping', '平'], ['jiang', '江'],
  ['cang', '沧'], ['lang', '浪'], ['shi', '石'], ['wang', '望'], ['ting', '亭'], ['dong', '东'],
  ['xi', '西'], ['shan', '山'], ['guang', '光'], ['fu', '福'], ['tong', '通'], ['an', '安'],
  ['yang', '阳'], ['cheng', '澄'], ['yuan', '元'], ['he', '和'], ['chang', '长'], ['qing', '青'],
  ['song', '松'], ['ling', '陵'], ['li', '里'], ['zhen', '震'], ['ze', '泽'], ['tai', '太'],
  ['cang', '仓'], ['bai', '白'], ['yun', '云'], ['bin', '滨'], ['hua', '华'], ['xin', '新'],
  ['feng', '丰'], ['mei', '梅'], ['yan', '堰'], ['sha', '沙'], ['zhou', '洲'], ['ying', '迎'],
];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A place name as pinyin and characters, e.g. `['Xushuguan', '浒墅关']`. */
export function makePlaceName(rng: Rng): [string, string] {
  const n = rng.next() < 0.72 ? 2 : 3;
  let py = '';
  let zh = '';
  let last = -1;
  for (let k = 0; k < n; k++) {
    let i = rng.int(SYLLABLES.length);
    if (i === last) i = (i + 7) % SYLLABLES.length;
    last = i;
    const [p, c] = SYLLABLES[i];
    // Pinyin joins an a/e/o-initial syllable with an apostrophe (Xi'an).
    py += k > 0 && /^[aeo]/.test(p) ? `'${p}` : p;
    zh += c;
  }
  return [capitalise(py), zh];
}

/** `count` distinct place names (pinyin part distinct), in a seeded order. */
export function makeDistinctPlaceNames(rng: Rng, count: number): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  let guard = 0;
  while (out.length < count) {
    const [py, zh] = makePlaceName(rng);
    guard++;
    const key = guard > count * 50 ? `${py}${out.length}` : py;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([key, zh]);
  }
  return out;
}
