/**
 * Turning the faults of {@link cleanPolygonalGeometry} into issues, one per feature and fault,
 * capped per layer and code so that a layer whose every ring is wound clockwise (a shapefile
 * export) gives a few examples and one count rather than 100,000 lines.
 */
import { makeIssue } from '../messages/index.js';
import type { Issue } from '../types.js';
import type { GeometryFault } from './hygiene.js';

/** Options of {@link createGeometryIssueSink}. */
export interface GeometryIssueOptions {
  /** Issues listed one by one per fault code and layer; the rest are counted. Default 200. */
  maxPerCode?: number;
}

/** Collects a layer's faults as issues; call `finish()` once after the last feature. */
export interface GeometryIssueSink {
  add(featureId: string, faults: readonly GeometryFault[]): void;
  /** Push the summary issues (`geometry-faults-more`) for codes over the cap. */
  finish(): void;
  /** Features with each fault code so far (listed or not). */
  readonly counts: ReadonlyMap<string, number>;
}

/**
 * A sink that pushes issues into `issues`, naming the layer and the feature.
 * @example
 * const sink = createGeometryIssueSink('parcels', issues);
 * sink.add('P17', cleaned.faults); sink.finish();
 */
export function createGeometryIssueSink(layer: string, issues: Issue[], options: GeometryIssueOptions = {}): GeometryIssueSink {
  const max = options.maxPerCode ?? 200;
  const counts = new Map<string, number>();
  return {
    counts,
    add(featureId, faults) {
      const seen = new Set<string>();
      for (const f of faults) {
        // One count per feature and code, even when a feature has the fault twice.
        if (!seen.has(f.code)) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
        seen.add(f.code);
        if ((counts.get(f.code) ?? 0) > max) continue;
        const args = { ...f.args, layer, featureId };
        // A self-touching ring whose area the split leaves unchanged is harmless: info only.
        const severity = f.code === 'geometry-self-intersection' && f.args.changed === 0 ? 'info' as const : undefined;
        issues.push(makeIssue(f.code, args, { layer, featureId, actual: f.args, ...(severity ? { severity } : {}) }));
      }
    },
    finish() {
      for (const [code, count] of counts) {
        if (count > max) issues.push(makeIssue('geometry-faults-more', { layer, count: count - max, fault: code }, { layer, field: code, actual: count - max }));
      }
    },
  };
}
