/**
 * Questions about a run's memory and density data that the charts, the "Memory and density"
 * section and claim C2 ask the same way. The figures themselves come from summary.json (the
 * harness's summarize-density.ts); the records of density.jsonl are only drawn, never re-fitted.
 */
import type { DensityEnd, DensityStep, DensitySummary, Warning } from '../harness/results/format.js';
import type { RunData } from './report-input.js';
import type { InstanceDescription } from './run-facts.js';
import { runKey } from '../harness/run-key.js';

export const MIB = 2 ** 20;
export const GIB = 2 ** 30;

/** One (density scenario, runtime): its records and the harness's summary of them. */
export interface DensityGroup extends InstanceDescription {
  /** Steps in file order (failed and timed-out launches included). */
  steps: DensityStep[];
  /** null when the run died before this runtime finished. */
  end: DensityEnd | null;
  /** null when summary.json has no entry for it (e.g. the summary predates the records). */
  summary: DensitySummary | null;
}

/** Whether the run has any density data at all: records or summary figures. */
export function hasDensity(run: RunData): boolean {
  return run.density.length > 0 || (run.summary.density ?? []).length > 0;
}

/** Every (scenario, runtime) of the density data, in order of first appearance (records first, then summaries). */
export function densityGroups(run: RunData): DensityGroup[] {
  const groups = new Map<string, DensityGroup>();
  const summaries = new Map((run.summary.density ?? []).map((d) => [runKey(d.scenario, d.runtime), d] as const));
  for (const r of run.density) {
    const key = runKey(r.scenario, r.runtime);
    let g = groups.get(key);
    if (g === undefined) {
      g = {
        scenario: r.scenario,
        runtime: r.runtime,
        kind: r.kind,
        backend: r.backend,
        accel: r.accel,
        machine: r.machine,
        steps: [],
        end: null,
        summary: summaries.get(key) ?? null,
      };
      groups.set(key, g);
    }
    if (r.type === 'density-step') g.steps.push(r);
    else g.end = r;
  }
  for (const [key, d] of summaries) {
    if (!groups.has(key)) {
      groups.set(key, {
        scenario: d.scenario,
        runtime: d.runtime,
        kind: d.kind,
        backend: d.backend,
        accel: d.accel,
        machine: d.machine,
        steps: [],
        end: null,
        summary: d,
      });
    }
  }
  return [...groups.values()];
}

export function densityScenarios(run: RunData): string[] {
  return [...new Set(densityGroups(run).map((g) => g.scenario))];
}

export function okSteps(g: DensityGroup): DensityStep[] {
  return g.steps.filter((s) => s.outcome === 'ok');
}

/** Which slope instances per GiB and the projected maximum rest on, as the summary recorded it (costSlope), in words. */
export function costBasis(d: DensitySummary): 'MemAvailable' | 'summed PSS' | null {
  return d.costSlope === 'memAvailable' ? 'MemAvailable' : d.costSlope === 'pss' ? 'summed PSS' : null;
}

/** Whether a warning is about this (scenario, runtime): by its fields, never by its text. */
export const isAbout = (w: Warning, rs: { scenario: string; runtime: string }): boolean =>
  w.scenario === rs.scenario && w.runtime === rs.runtime;

/** The harness's warnings about one density scenario's runtimes. */
export function densityWarningsFor(run: RunData, scenario: string): Warning[] {
  const groups = densityGroups(run).filter((g) => g.scenario === scenario);
  return run.summary.warnings.filter((w) => groups.some((g) => isAbout(w, g)));
}

/**
 * Warnings that belong to the memory and density section only: they name a density
 * (scenario, runtime) that has no startup summary. The startup section leaves them out.
 */
export function isDensityOnlyWarning(run: RunData, warning: Warning): boolean {
  return !run.summary.runtimes.some((rs) => isAbout(warning, rs)) && densityGroups(run).some((g) => isAbout(warning, g));
}
