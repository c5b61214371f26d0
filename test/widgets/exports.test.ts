/**
 * The element's CSV export: the same spreadsheet-formula guard as the CLI's CSV.
 */
import { expect } from '@open-wc/testing';
import { BOM, featuresToCsv } from '../../src/widgets/exports.js';

describe('element CSV export', () => {
  it('prefixes text a spreadsheet would run as a formula, keeps numbers and number texts', () => {
    const names = ['-2+3', '=HYPERLINK("http://x","y")', '@SUM(A1)', '-12.5', 'plain'];
    const csv = featuresToCsv({ type: 'FeatureCollection', features: names.map((name, i) => ({ type: 'Feature', geometry: null, properties: { id: name, netT: -i } })) });
    expect(csv.startsWith(BOM)).to.equal(true);
    expect(csv.slice(1).trimEnd().split('\r\n')).to.deep.equal([
      'id,netT',
      "'-2+3,0",
      `"'=HYPERLINK(""http://x"",""y"")",-1`,
      "'@SUM(A1),-2",
      '-12.5,-3',
      'plain,-4',
    ]);
  });
});
