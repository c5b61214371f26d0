/**
 * The run report's issues in plain words: zh-CN sentences for the engine's codes, numbers in the
 * locale's format with units, the English message for codes without a template, and issue
 * values rendered as text only.
 */
import { expect } from '@open-wc/testing';
import { makeIssue } from '../../src/engine/messages/index.js';
import { validateConfig } from '../../src/engine/config/index.js';
import { failureText, issueText } from '../../src/widgets/panels/issue-text.js';
import { cleanup, mountAndRun, nextEvent, twoUnitCity } from './helpers.js';


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
    // A code with no template: in English the engine's message; in Chinese a lead-in from the
    // issue's fields (severity, layer or path, feature) before it.
    const other = makeIssue('balance-missing-gdp', { id: 'u9' }, { featureId: 'u9' });
    expect(issueText(other, 'en')).to.equal(other.message);
    expect(issueText(other, 'zh-CN')).to.equal(`警告（要素 “u9”）：${other.message}`);
  });

  it('words the layer roles, a missing field, a dropped position, config issues and failures in both languages', () => {
    // An indexed POI layer is named as a layer, not quoted as "pois[0]".
    const outside = makeIssue('points-outside-parcels', { layer: 'pois[0]', category: 'industry', count: 2 }, { layer: 'pois[0]', actual: 2 });
    expect(issueText(outside, 'zh-CN')).to.equal('兴趣点图层 1：2 个工业点位于研究区所有地块之外，未计入。');
    expect(issueText(outside, 'en')).to.equal('POI layer 1: 2 industry point(s) lie outside every parcel of the study area and are not counted.');
    // Area weighting as the fallback.
    const zero = makeIssue('pool-zero-weight', { pool: 'buildings-commercial:commercial', fallbackTo: 'parcel area' }, { layer: 'parcels' });
    expect(issueText(zero, 'zh-CN')).to.equal('商业与公共建筑（商业服务业用地）：没有可用的分配权重，已改按地块面积分配。');
    // layer-field-missing, from layer, field and expected (as run.ts makes it).
    const missing = makeIssue('layer-field-missing', { layer: 'parcels', setting: 'codeField', field: 'DLBM', present: ['bsm', 'dlbm'] }, {
      severity: 'error', layer: 'parcels', field: 'DLBM', path: '$.layers.parcels.codeField', expected: "one of the layer's fields: bsm, dlbm", actual: 'DLBM',
    });
    expect(issueText(missing, 'zh-CN')).to.equal('地块：配置的地类编码字段 “DLBM” 不是该图层的字段；现有字段：bsm, dlbm。请在数据绑定面板中重新选择。');
    expect(issueText(missing, 'en')).to.equal('Parcels: the land-use code field "DLBM" is not a field of this layer; its fields: bsm, dlbm. Choose one in the data-binding panel.');
    // geometry-invalid-position-dropped, from layer, featureId and actual (as hygiene-issues.ts makes it).
    const args = { count: 3, part: 1, ring: 1, position: 37, value: 'null' };
    const dropped = makeIssue('geometry-invalid-position-dropped', { layer: 'parcels', featureId: 'p<b>1</b>', ...args }, { layer: 'parcels', featureId: 'p<b>1</b>', actual: args });
    expect(issueText(dropped, 'zh-CN')).to.equal('地块：要素 “p<b>1</b>” 第 1 个环的第 37 个坐标为 null，不是有效的坐标对，已删除并连接缺口（该要素共有 3 处）。');
    expect(issueText(dropped, 'en')).to.contain('Parcels: feature "p<b>1</b>": ring 1, position 37 holds null');
    // Config issues name their JSON path.
    const required = makeIssue('config-missing-field', { path: '$.layers.parcels.codeField' }, { path: '$.layers.parcels.codeField', expected: 'string' });
    expect(issueText(required, 'zh-CN')).to.equal('配置：缺少必填项 $.layers.parcels.codeField。');
    expect(issueText(required, 'en')).to.equal('Config: $.layers.parcels.codeField is required.');
    // An invalid config: the count of errors and the first error's sentence; others: a lead-in and the message.
    expect(failureText({ code: 'invalid-config', message: 'the city config has 1 error(s): …', issues: [missing] }, 'zh-CN')).to.equal(
      `配置有 1 处错误，未进行计算：${issueText(missing, 'zh-CN')}`,
    );
    expect(failureText({ code: 'invalid-config', message: 'x', issues: [required] }, 'en')).to.equal('The config has 1 error(s) and was not run: Config: $.layers.parcels.codeField is required.');
    expect(failureText({ code: 'fetch-failed', message: 'city.json: HTTP 404' }, 'zh-CN')).to.equal('下载失败：city.json: HTTP 404');
    expect(failureText({ code: 'some-engine-code', message: 'boom' }, 'en')).to.equal('The run failed: boom');
  });

  it('keeps the "did you mean" of a mistyped setting or value in both languages', () => {
    const issues = validateConfig({
      name: 'x',
      layers: { parcels: { path: 'p.geojson', codeField: 'c' }, units: { path: 'u.geojson' } },
      landUse: { preset: 'gbt2101' },
      inventory: { mode: 'totals', totals: [] },
      gridCelSizeM: 500,
    });
    const preset = issues.find((i) => i.code === 'config-unknown-enum' && i.path === '$.landUse.preset')!;
    expect(preset.suggestion).to.equal('gbt21010');
    expect(issueText(preset, 'en')).to.match(/did you mean "gbt21010"\?$/);
    expect(issueText(preset, 'zh-CN')).to.match(/是否应为 “gbt21010”？$/);
    const field = issues.find((i) => i.code === 'config-unknown-field' && i.path === '$.gridCelSizeM')!;
    expect(field.suggestion).to.equal('gridCellSizeM');
    expect(issueText(field, 'en')).to.contain('did you mean "gridCellSizeM"?');
    expect(issueText(field, 'zh-CN')).to.contain('是否应为 “gridCellSizeM”？');
  });

  it('shows a missing code field in Chinese in the alert and the checks, with the English message as title', async () => {
    const { config, parcels, units } = await twoUnitCity();
    config.layers.parcels.codeField = 'DLBM_X';
    const el = document.createElement('carbon-balance-map');
    el.setAttribute('lang', 'zh-CN');
    el.setAttribute('panel', 'open');
    el.config = config;
    el.layers = { parcels, units };
    const failed = nextEvent(el, 'cbm-run-error');
    document.body.appendChild(el);
    try {
      const e = await failed;
      expect(e.detail.code).to.equal('invalid-config');
      await el.updateComplete;
      const alert = el.shadowRoot!.querySelector<HTMLElement>('[role="alert"]')!;
      expect(alert.textContent).to.contain('配置有 1 处错误，未进行计算：地块：配置的地类编码字段 “DLBM_X” 不是该图层的字段');
      expect(alert.title).to.equal(e.detail.message);
      const li = el.shadowRoot!.querySelector<HTMLElement>('ul.issues li[data-code="layer-field-missing"]')!;
      expect(li.textContent).to.contain('配置的地类编码字段 “DLBM_X” 不是该图层的字段；现有字段：');
      expect(li.textContent).to.not.contain('is not a field');
      expect(li.title).to.contain('is not a field of this layer');
      // In English the same places speak English.
      el.lang = 'en';
      await el.updateComplete;
      expect(alert.textContent).to.contain('The config has 1 error(s) and was not run: Parcels: the land-use code field "DLBM_X" is not a field of this layer');
      expect(el.shadowRoot!.querySelector<HTMLElement>('ul.issues li[data-code="layer-field-missing"]')!.textContent).to.contain('Choose one in the data-binding panel.');
    } finally {
      el.remove();
    }
  });
});
