/** Issue codes of the inventory area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

export const INVENTORY_MESSAGES: Record<string, MessageSpec> = {
  'inventory.activity-invalid': {
    severity: 'error',
    template: (a) => `${String(a.path)} must be a finite number ≥ 0, got ${fmt(a.actual)}; the item is left out.`,
  },
  'inventory.activity-not-object': {
    severity: 'error',
    template: (a) => `${String(a.path)} must be an object, got ${fmt(a.actual)}; the section is left out.`,
  },
  'inventory.activity-invalid-setting': {
    severity: 'error',
    template: (a) => `${String(a.path)} must be ${String(a.expected)}, got ${fmt(a.actual)}; the default is used.`,
  },
  'inventory.gwp-unknown': {
    severity: 'error',
    template: (a) => `Unknown GWP set ${fmt(a.actual)}; ${String(a.fallback)} is used. Known sets: SAR, AR4, AR5, AR6.`,
  },
  'inventory.activity-unknown-key': {
    severity: 'warning',
    template: (a) => `${String(a.path)} is not a known activity item and is ignored (known here: ${String(a.known)}).`,
  },
  'inventory.totals-invalid-value': {
    severity: 'error',
    template: (a) => `${String(a.path)} must be a finite number${a.sector === 'sinks' ? '' : ' ≥ 0'}, got ${fmt(a.actual)}; the entry is left out.`,
  },
  'inventory.totals-invalid-entry': {
    severity: 'error',
    template: (a) => `${String(a.path)}: ${String(a.reason)}; the entry is left out.`,
  },
  'inventory.factor-invalid': {
    severity: 'error',
    template: (a) => `${String(a.path)}: factor ${fmt(a.parameter)} = ${fmt(a.actual)} cannot be used here (${String(a.reason)}); the item is left out.`,
  },
  'inventory.totals-subsector-mismatch': {
    severity: 'error',
    template: (a) => `${String(a.path)}: sub-sector ${fmt(a.subsector)} is not in sector ${fmt(a.sector)}; the entry is left out.`,
  },
  'inventory.totals-subsector-defaulted': {
    severity: 'info',
    template: (a) => `${String(a.path)}: no sub-sector or space type given for ${fmt(a.sector)}; placed as ${fmt(a.subsector)} on ${String(a.spaceTypes)}.`,
  },
  'inventory.totals-subsector-ambiguous': {
    severity: 'warning',
    template: (a) => `${String(a.path)}: the space types ${String(a.spaceTypes)} point to several sub-sectors (${String(a.candidates)}); using ${fmt(a.subsector)}.`,
  },
  'inventory.totals-space-type-unexpected': {
    severity: 'warning',
    template: (a) => `${String(a.path)}: space type ${fmt(a.spaceType)} is not one where sector ${fmt(a.sector)} is placed (METHOD.md §2); kept as given.`,
  },
  'inventory.sink-sign-flipped': {
    severity: 'info',
    template: (a) => `${String(a.path)}: sink given as ${fmt(a.actual)}; sinks are always stored negative (${fmt(a.stored)}).`,
  },
  'inventory.override-unknown-code': {
    severity: 'warning',
    template: (a) => `Factor override ${fmt(a.code)} matches no parameter or coefficient code and is ignored.`,
  },
  'inventory.override-unused': {
    severity: 'warning',
    template: (a) => `Factor override ${fmt(a.code)} names a coefficient that is not the one in use for ${fmt(a.parameter)} (in use: ${fmt(a.inUse)}); ignored. Override the parameter ${fmt(a.parameter)} instead.`,
  },
  'inventory.override-invalid': {
    severity: 'error',
    template: (a) => `Factor override ${fmt(a.code)} must be a finite number ≥ 0, got ${fmt(a.actual)}; the default is kept.`,
  },
  'inventory.override-unit-mismatch': {
    severity: 'error',
    template: (a) => `Factor override ${fmt(a.code)} is in ${fmt(a.actual)} but the factor is in ${fmt(a.expected)}; convert it. The default is kept.`,
  },
  'inventory.factor-set-unknown': {
    severity: 'error',
    template: (a) => `Unknown factor set ${fmt(a.actual)}; ignored. Known sets: ${String(a.known)}.`,
  },
  'inventory.grid-factor-unknown': {
    severity: 'error',
    template: (a) => `Unknown grid factor code ${fmt(a.actual)}; the default ${fmt(a.fallback)} is kept.`,
  },
  'inventory.feedstock-double-count': {
    severity: 'warning',
    template: (a) => `Steel or ammonia process output is given together with industry coal, coke or gas use; their process factors include feedstock carbon, so that fuel may be counted twice (${fmt(a.processT)} t CO2 from steel/ammonia). Remove the plants' feedstock fuel from the energy data, or set feedstockCarbon to "fuel-only".`,
  },
  'inventory.process-excluded': {
    severity: 'info',
    template: (a) => `${String(a.path)} is left out: feedstockCarbon is "fuel-only", so steel and ammonia carbon is counted through the fuel data.`,
  },
  'inventory.wastewater-basis-conflict': {
    severity: 'warning',
    template: (a) => `${String(a.path)}: both a measured organic load (${String(a.measured)}) and population are given; the measured load is used and population ignored.`,
  },
  'inventory.sink-areas-missing': {
    severity: 'warning',
    template: () => 'No parcel areas per space type were supplied, so land sinks (forest, grassland, water, unused land, green space) are not computed.',
  },
  'inventory.sink-rate-invalid': {
    severity: 'error',
    template: (a) => `${String(a.path)} must be a finite number ≥ 0 (t CO2 per ha per year, positive = uptake), got ${fmt(a.actual)}; the default is kept.`,
  },
  'inventory.sink-rate-ignored': {
    severity: 'warning',
    template: (a) => `${String(a.path)}: ${fmt(a.spaceType)} is not a land-sink space type (forest, grassland, water, unused, green-space); ignored.`,
  },
  'inventory.area-invalid': {
    severity: 'error',
    template: (a) => `Area of space type ${fmt(a.spaceType)} must be a finite number ≥ 0 m², got ${fmt(a.actual)}; its land sink is left out.`,
  },
  'inventory.empty': {
    severity: 'warning',
    template: () => 'The inventory has no items: every tonne would be zero.',
  },
  'inventory.unverified-factors': {
    severity: 'info',
    template: (a) => `${fmt(a.count)} factor(s) in use are recalled values not yet checked against a source: ${String(a.codes)}.`,
  },
};
