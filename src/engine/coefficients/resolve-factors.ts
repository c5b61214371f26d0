/**
 * Resolve the factor table of one run: default choices, then named factor sets, then an explicit
 * grid code, then the GWP set, then per-city overrides (STYLE.md §3: "a city's overrides merge
 * over the defaults, and the run report lists each override it applied").
 */
import type { Issue } from '../types.js';
import { makeIssue } from '../messages/index.js';
import { DEFAULT_CHOICES, DEFAULT_GRID_CODE, FACTOR_SETS, getCoefficient, getFactorSet } from './registry.js';
import { DEFAULT_GWP, gwpChoices, type GwpSetId } from './gwp.js';
import type { Coefficient, FactorStatus } from './types.js';

/** One factor as used by a run (after set choice and override). */
export interface ResolvedFactor {
  parameter: string;
  /** Registry code of the row in use (kept when the value is overridden). */
  code: string;
  value: number;
  unit: string;
  /** `override` when a city override replaced the registry value. */
  status: FactorStatus | 'override';
  source: string;
  /** The registry value before any override. */
  defaultValue: number;
  row: Coefficient;
}

/** An override as written in the config: a number in the factor's unit, or an object. */
export type FactorOverride = number | { value: number; unit?: string; source?: string };

/** One override the run applied. */
export interface OverrideApplied {
  /** The key as written in `factorOverrides` (a parameter or a registry code). */
  code: string;
  parameter: string;
  /** Registry value it replaced (for `sink.green-space`: grassland's registry value). */
  defaultValue: number;
  value: number;
  unit: string;
}

export interface ResolveFactorsOptions {
  /** Factor-set ids applied over the defaults, in order. */
  factorSets?: readonly string[];
  /** JSON paths of `factorSets` entries, for issues; default `$.factorSets[i]`. */
  factorSetPaths?: readonly string[];
  /** Registry code for `grid.electricity` (a `grid.*` code), applied after the sets. */
  gridFactorCode?: string;
  gridFactorPath?: string;
  /** GWP set; default AR5. */
  gwp?: GwpSetId;
  /** Parameter or registry code → override. */
  overrides?: Readonly<Record<string, FactorOverride>>;
  /** JSON path of the overrides object, for issues; default `$.inventory.factorOverrides`. */
  overridesPath?: string;
}

export interface ResolvedFactors {
  /** Parameter → factor in use. `sink.green-space` is present only when overridden. */
  factors: Map<string, ResolvedFactor>;
  /** Parameter → code chosen (before overrides). */
  choices: Record<string, string>;
  overridesApplied: OverrideApplied[];
  issues: Issue[];
}

function normaliseUnit(u: string): string {
  return u.replace(/\s+/g, '').replace(/²/g, '2').replace(/³/g, '3').replace(/·/g, '').toLowerCase();
}

function toResolved(parameter: string, row: Coefficient): ResolvedFactor {
  return { parameter, code: row.code, value: row.value, unit: row.unit, status: row.status, source: row.source, defaultValue: row.value, row };
}

/**
 * Build the factor table: parameter → value in use, with provenance.
 *
 * Issue codes: `inventory.factor-set-unknown`, `inventory.grid-factor-unknown`,
 * `inventory.override-unknown-code`, `inventory.override-unused`, `inventory.override-invalid`,
 * `inventory.override-unit-mismatch`.
 *
 * @example
 * const { factors } = resolveFactors({ gwp: 'AR6', overrides: { 'fuel.diesel.co2': 3.1 } });
 * factors.get('fuel.diesel.co2')?.value; // 3.1
 */
export function resolveFactors(options: ResolveFactorsOptions = {}): ResolvedFactors {
  const issues: Issue[] = [];
  const choices: Record<string, string> = { ...DEFAULT_CHOICES };
  (options.factorSets ?? []).forEach((id, i) => {
    const set = getFactorSet(id);
    if (!set) {
      issues.push(makeIssue('inventory.factor-set-unknown', { actual: id, known: FACTOR_SETS.map((s) => s.id).join(', ') }, {
        path: options.factorSetPaths?.[i] ?? `$.factorSets[${i}]`, expected: 'a factor set id', actual: id,
      }));
      return;
    }
    Object.assign(choices, set.choices);
  });
  if (options.gridFactorCode !== undefined) {
    const row = getCoefficient(options.gridFactorCode);
    if (!row || row.parameter !== 'grid.electricity') {
      issues.push(makeIssue('inventory.grid-factor-unknown', { actual: options.gridFactorCode, fallback: choices['grid.electricity'] ?? DEFAULT_GRID_CODE }, {
        path: options.gridFactorPath ?? '$.gridFactorCode', expected: 'a grid.* coefficient code', actual: options.gridFactorCode,
      }));
    } else {
      choices['grid.electricity'] = row.code;
    }
  }
  Object.assign(choices, gwpChoices(options.gwp ?? DEFAULT_GWP));

  const factors = new Map<string, ResolvedFactor>();
  for (const [parameter, code] of Object.entries(choices)) {
    const row = getCoefficient(code);
    // A set naming a missing code is a registry bug, caught by the registry tests.
    if (row) factors.set(parameter, toResolved(parameter, row));
  }

  const overridesApplied: OverrideApplied[] = [];
  const base = options.overridesPath ?? '$.inventory.factorOverrides';
  for (const [key, raw] of Object.entries(options.overrides ?? {})) {
    const path = `${base}[${JSON.stringify(key)}]`;
    // Key: a parameter (`fuel.diesel.co2`) or the registry code in use for one.
    let parameter: string | undefined;
    if (factors.has(key) || key === 'sink.green-space') parameter = key;
    else {
      const row = getCoefficient(key);
      if (!row) {
        issues.push(makeIssue('inventory.override-unknown-code', { code: key }, { path, expected: 'a parameter or coefficient code', actual: key }));
        continue;
      }
      if (factors.get(row.parameter)?.code !== key) {
        issues.push(makeIssue('inventory.override-unused', { code: key, parameter: row.parameter, inUse: factors.get(row.parameter)?.code ?? null }, {
          path, expected: factors.get(row.parameter)?.code, actual: key,
        }));
        continue;
      }
      parameter = row.parameter;
    }
    const value = typeof raw === 'number' ? raw : (raw as { value?: unknown } | null)?.value;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      // Non-finite numbers are shown as strings: no NaN or Infinity leaves the engine.
      const shown = typeof value === 'number' ? String(value) : value ?? null;
      issues.push(makeIssue('inventory.override-invalid', { code: key, actual: shown }, { path, expected: 'finite number ≥ 0', actual: typeof value === 'number' && Number.isFinite(value) ? value : shown }));
      continue;
    }
    const current = factors.get(parameter);
    // green-space has no row of its own: it takes grassland's unit.
    const unit = current?.unit ?? factors.get('sink.grassland')?.unit ?? 't CO2/m2/a';
    const givenUnit = typeof raw === 'object' ? raw.unit : undefined;
    if (givenUnit !== undefined && normaliseUnit(givenUnit) !== normaliseUnit(unit)) {
      issues.push(makeIssue('inventory.override-unit-mismatch', { code: key, expected: unit, actual: givenUnit }, { path, expected: unit, actual: givenUnit }));
      continue;
    }
    const source = (typeof raw === 'object' && raw.source) || 'city override';
    const row = current?.row ?? factors.get('sink.grassland')!.row;
    factors.set(parameter, {
      parameter, code: current?.code ?? parameter, value, unit, status: 'override', source,
      defaultValue: current?.defaultValue ?? row.value, row,
    });
    overridesApplied.push({ code: key, parameter, defaultValue: current ? current.defaultValue : row.value, value, unit });
  }
  return { factors, choices, overridesApplied, issues };
}
