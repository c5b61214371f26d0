/**
 * Shared by the element's tests against real map servers (services-qgis, services-mapserver):
 * the Liechtenstein files served by the wtr config, and mounting an element until its run ends.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/widgets/index.js';
import type { CarbonBalanceMap } from '../../src/widgets/index.js';
import { nextEvent } from './helpers.js';

/** The Liechtenstein layers by test-server layer name, as files in ../shared/data/liechtenstein. */
export const FILES = { landuse: 'landuse.geojson', municipalities: 'municipalities_admin8.geojson', pois: 'poi_points.geojson', roads: 'roads.geojson', buildings: 'buildings.geojson' };

/** A shared layer file's text (the wtr command `cbm-shared-layer` reads it). */
export async function sharedLayerText(name: keyof typeof FILES): Promise<string> {
  const text = await executeServerCommand<string | null, { file: string }>('cbm-shared-layer', { file: FILES[name] });
  if (!text) throw new Error(`shared layer ${name} absent`);
  return text;
}

/** Mounts an 800 × 500 element (lang en, plus `attributes`), set up by `setup`, and waits for its run and map. */
export async function runElement(setup: (el: CarbonBalanceMap) => void, attributes: Record<string, string> = {}): Promise<CarbonBalanceMap> {
  const el = document.createElement('carbon-balance-map');
  el.setAttribute('lang', 'en');
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  el.setAttribute('style', 'width: 800px; height: 500px; display: block;');
  setup(el);
  const done = nextEvent(el, 'cbm-run-complete', 90_000);
  const failed = nextEvent(el, 'cbm-run-error', 90_000).then((e) => {
    throw new Error(`${e.detail.code}: ${e.detail.message}`);
  });
  document.body.appendChild(el);
  try {
    await Promise.race([done, failed]);
    await el.whenRendered();
  } catch (e) {
    el.remove();
    throw e;
  }
  return el;
}
