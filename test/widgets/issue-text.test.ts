/**
 * The run report's issues in plain words: zh-CN sentences for the engine's codes, numbers in the
 * locale's format with units, the English message for codes without a template, and issue
 * values rendered as text only.
 */
import { expect } from '@open-wc/testing';
import { makeIssue } from '../../src/engine/messages/index.js';
import { issueText } from '../../src/widgets/panels/issue-text.js';
import { cleanup, mountAndRun } from './helpers.js';

describe('run report issues in plain words', function () {
  this.timeout(90_000);
  afterEach(cleanup);

  it('shows the Chinese sentence for the demo city\'s unmapped code 9999 in the results panel', async () => {
    const el = await mountAndRun({ attributes: { lang: 'zh-CN', panel: 'open' } });
    const issue = el.report!.issues.find((i) => i.code === 'landuse-code-unmapped' && i.actual === '9999');
    expect(issue, 'the demo city has parcels with the unmapped code 9999').to.not.equal(undefined);
    const tab = el.shadowRoot!.querySelector<HTMLButtonElement>('#tab-results')!;
    tab.click();
    await el.updateComplete;
    const li = el.shadowRoot!.querySelector<HTMLElement>('ul.issues li[data-code="landuse-code-unmapped"]')!;
    expect(li).to.not.equal(null);
    const text = li.textContent!;
    expect(text).to.contain('地类编码 “9999” 不在地类映射中');
    expect(text).to.contain('个地块');
    expect(text).to.not.contain('is not in the mapping');
    // The English message stays at hand as the item's title.
    expect(li.title).to.equal(issue!.message);
  });

  it('fills the templates with locale-formatted numbers and units, and falls back to English', () => {
    // 12 parcels, 1 234 567 m² = 1.23 km² (formatArea: km² from 10 000 m², two decimals).
    const unmapped = makeIssue('landuse-code-unmapped', { code: 'X1', parcels: 12, areaM2: 1_234_567 }, { layer: 'parcels', actual: 'X1' });
    expect(issueText(unmapped, 'zh-CN')).to.equal('地类编码 “X1” 不在地类映射中：其 12 个地块（1.23 km²）没有国土空间类型，不分配排放。请在地类编码表中为它选择类型。');
    expect(issueText(unmapped, 'en')).to.contain('its 12 parcel(s) (1.23 km²) get no space type');
    // 250 000 t ≥ 100 000 t → 25.00 万t CO₂e; share 3.5 → "3.50 %".
    const lost = makeIssue('unallocated-large', { share: 3.5, tonnes: 250_000 }, { actual: 250_000 });
    expect(issueText(lost, 'zh-CN')).to.equal('全市总排放的 3.50 %（25.00 万t CO₂e）无法分配到任何地块或路网。');
    expect(issueText(lost, 'en')).to.contain('3.50 % of the city');
    expect(issueText(lost, 'en')).to.contain('25.00 × 10⁴ t CO₂e');
    // A pool: sub-sector and space types in words.
    const noParcels = makeIssue('pool-no-parcels', { pool: 'industry-mining:mining', tonnes: 1500, spaceTypes: 'mining' }, { layer: 'parcels' });
    expect(issueText(noParcels, 'zh-CN')).to.equal('采矿业（采矿用地）：研究区内没有采矿用地地块，1,500 t CO₂e 无法落到地图上。');
    // A unit name with quotes and markup is read back whole and stays text.
    const unmatched = makeIssue('economy-unit-unmatched', { unit: 'A "<b>x</b>"', key: 'k1' }, { layer: 'units', featureId: 'u1', field: 'id' });
    expect(issueText(unmatched, 'zh-CN')).to.equal('经济表：单元 “A "<b>x</b>"”（连接键 “k1”）没有对应的行，因此没有经济贡献系数（ECC），也不参与分区。');
    const truncated = makeIssue('issues-truncated', { code: 'parcels-overlap', layer: 'parcels', count: 340, shown: 50 }, { layer: 'parcels', actual: 340 });
    expect(issueText(truncated, 'zh-CN')).to.equal('地块：共有 340 条 “parcels-overlap” 提示，仅列出前 50 条。');
    // A code with no template: the engine's English message.
    const other = makeIssue('balance-missing-gdp', { id: 'u9' }, { featureId: 'u9' });
    expect(issueText(other, 'zh-CN')).to.equal(other.message);
  });
});
