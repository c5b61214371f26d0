// ol-ext ships no type declarations; these cover the parts the element uses.
declare module 'ol-ext/control/LayerSwitcher.js' {
  import Control from 'ol/control/Control.js';
  export default class LayerSwitcher extends Control {
    constructor(options?: Record<string, unknown>);
  }
}
