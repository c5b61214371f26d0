/** Issue codes of the balance area. Add codes here; never reuse or rename one. */
import type { MessageSpec } from './spec.js';
import { fmt } from './spec.js';

export const BALANCE_MESSAGES: Record<string, MessageSpec> = {
  'balance-no-units': {
    severity: 'warning',
    template: () => 'No units were given: there are no carbon-balance indices and no zones.',
  },
  'balance-duplicate-unit-id': {
    severity: 'warning',
    template: (a) => `Unit id ${fmt(a.id)} occurs ${fmt(a.count)} times; each occurrence is kept as its own unit.`,
  },
  'balance-invalid-emission': {
    severity: 'error',
    template: (a) =>
      `Unit ${fmt(a.id)}: emissions C_i must be a finite number ≥ 0 t, got ${fmt(a.value)}; the unit gets no indices and is left out of the city totals.`,
  },
  'balance-invalid-sink': {
    severity: 'error',
    template: (a) =>
      `Unit ${fmt(a.id)}: sinks CA_i must be a finite magnitude ≥ 0 t, got ${fmt(a.value)}; the unit gets no indices and is left out of the city totals.`,
  },
  'balance-invalid-gdp': {
    severity: 'warning',
    template: (a) =>
      `Unit ${fmt(a.id)}: GDP must be a finite number ≥ 0 or null, got ${fmt(a.value)}; it is treated as missing (no ECC, no zone).`,
  },
  'balance-missing-gdp': {
    severity: 'warning',
    template: (a) => `Unit ${fmt(a.id)} has no GDP: it gets CCR and ESC but no ECC and no zone.`,
  },
  'balance-zero-emissions': {
    severity: 'info',
    template: (a) => `Unit ${fmt(a.id)} has zero emissions (C_i = 0): it gets no indices and no zone.`,
  },
  'balance-city-emission-zero': {
    severity: 'warning',
    template: () => 'The city emission total C is 0: no unit gets an index or a zone.',
  },
  'balance-city-gdp-zero': {
    severity: 'warning',
    template: () => 'The city GDP total G is 0: no unit gets an ECC or a zone.',
  },
  'balance-city-gdp-missing': {
    severity: 'warning',
    template: () => 'No unit has a GDP value: no unit gets an ECC or a zone.',
  },
  'balance-city-sink-zero': {
    severity: 'warning',
    template: () => 'The city sink total CA is 0: no unit gets an ESC or a zone.',
  },
  'balance-index-not-finite': {
    severity: 'warning',
    template: (a) =>
      `Unit ${fmt(a.id)}: ${String(a.index)} is not a finite number (the unit's emission share underflows); it is left empty.`,
  },
};
