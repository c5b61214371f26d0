/** Issue codes of the presets area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

export const PRESET_MESSAGES: Record<string, MessageSpec> = {
  'landuse-preset-unknown': {
    severity: 'error',
    template: (a) => `Land-use preset ${fmt(a.preset)} is not one of ${fmt(a.expected)}; only the overrides map codes.`,
  },
  'landuse-override-invalid': {
    severity: 'error',
    template: (a) => `Land-use override for code ${fmt(a.code)} is ${fmt(a.value)}, which is not a space type (or null); the override is ignored.`,
  },
  'landuse-override-key-empty': {
    severity: 'warning',
    template: (a) => `Land-use override key ${fmt(a.key)} is empty once normalised; the override is ignored.`,
  },
  'landuse-override-duplicate': {
    severity: 'warning',
    template: (a) => `Land-use override keys ${fmt(a.keys)} all normalise to ${fmt(a.code)}; the last one (${fmt(a.value)}) is used.`,
  },
  'landuse-code-unmapped': {
    severity: 'warning',
    template: (a) => `Land-use code ${fmt(a.code)} is not in the mapping: ${fmt(a.parcels)} parcel(s), ${fmt(a.areaM2)} m², get no space type.`,
  },
  'landuse-code-parent-fallback': {
    severity: 'info',
    template: (a) => `Land-use code ${fmt(a.code)} is not in the mapping; its ${a.via === 'suffix' ? 'base code' : 'first-level class'} ${fmt(a.key)} maps it to ${fmt(a.spaceType)} (${fmt(a.parcels)} parcel(s)).`,
  },
  'landuse-code-missing': {
    severity: 'warning',
    template: (a) => `${fmt(a.parcels)} parcel(s), ${fmt(a.areaM2)} m², have no land-use code and get no space type.`,
  },
  'poi-preset-unknown': {
    severity: 'error',
    template: (a) => `POI preset ${fmt(a.preset)} is not one of ${fmt(a.expected)}; only the layer's mapping and category classify its features.`,
  },
  'poi-mapping-invalid': {
    severity: 'error',
    template: (a) => `POI mapping for ${fmt(a.key)} is ${fmt(a.value)}; expected a POI category, a list of them, or null. The entry is ignored.`,
  },
  'poi-mapping-key-empty': {
    severity: 'warning',
    template: (a) => `POI mapping key ${fmt(a.key)} is empty once normalised; the entry is ignored.`,
  },
  'poi-category-invalid': {
    severity: 'error',
    template: (a) => `POI layer category ${fmt(a.value)} is not one of ${fmt(a.expected)}; it is ignored.`,
  },
};
