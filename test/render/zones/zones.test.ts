/**
 * Render case: the zones view of a seeded 2 000-parcel demo city at 640 × 420, default palette,
 * no basemap. Compared with expected.png (see ../README.md).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { cleanup, mountAndRun } from '../../widgets/helpers.js';
import { compareWithExpected } from '../compare.js';

describe('render: zones', function () {
  this.timeout(90_000);
  afterEach(cleanup);

  it('matches expected.png', async () => {
    const el = await mountAndRun({
      attributes: { lang: 'en', panel: 'none' },
      style: 'width: 640px; height: 460px; display: block; --cbm-map-background: #ffffff',
    });
    const update = (await executeServerCommand('cbm-update-mode')) as boolean;
    const result = await compareWithExpected(el, 'test/render/zones', update);
    expect(result.differing / result.total, `${result.differing} of ${result.total} pixels differ`).to.be.lessThan(0.005);
  });
});
