/**
 * Public API of the browser half: the `<carbon-balance-map>` element, its event and option
 * types. Importing this module registers the element (a side effect, kept to this entry).
 */
import { CarbonBalanceMap } from './carbon-balance-map.js';

export { CarbonBalanceMap } from './carbon-balance-map.js';
export type { PanelMode } from './carbon-balance-map.js';
export type { Lang, ViewId } from './i18n.js';
export { VIEW_IDS } from './i18n.js';
export type * from './events.js';
export { PALETTE_ENTRIES } from './layers/palette.js';
export type { PaletteEntry } from './layers/palette.js';
export { GCJ02_WEB_MERCATOR, registerGcj02 } from './layers/basemap.js';

if (!customElements.get('carbon-balance-map')) customElements.define('carbon-balance-map', CarbonBalanceMap);
