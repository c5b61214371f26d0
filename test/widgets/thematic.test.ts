/**
 * Legend classes of the classed views, built by the same code the element draws with.
 */
import { expect } from '@open-wc/testing';
import { buildTheme } from '../../src/widgets/layers/thematic.js';

describe('legend classes', () => {
  it('labels a class holding a single value with that value, not "5 – 5"', () => {
    const theme = buildTheme('units', [50_000, 50_000, 50_000], new Map(), { method: 'jenks', classes: 5 }, 'en');
    expect(theme.items.map((i) => [i.label, i.count])).to.deep.equal([['50,000 t CO₂e', 3]]);
  });

  it('labels ranges "lo – hi" with the unit on both ends', () => {
    // Equal intervals over 0 … 100 t in 2 classes: [0, 50] and (50, 100].
    const theme = buildTheme('units', [0, 10, 40, 60, 100], new Map(), { method: 'equal', classes: 2 }, 'en');
    expect(theme.items.map((i) => [i.label, i.count])).to.deep.equal([
      ['50.0 t CO₂e – 100 t CO₂e', 2],
      ['0 t CO₂e – 50.0 t CO₂e', 3],
    ]);
  });
});
