import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { cleanup, mountAndRun } from './helpers.js';

describe('smoke', () => {
  afterEach(cleanup);
  it('renders the demo city', async () => {
    const el = await mountAndRun({ attributes: { panel: 'open', lang: 'en' } });
    expect(el.results).to.not.equal(null);
    await executeServerCommand('cbm-screenshot', { path: 'test/widgets/actual/smoke.png' });
  });
});
