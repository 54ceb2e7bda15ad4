/**
 * Summaries written before format 4 had their warnings as bare sentences ("scenario/runtime: …")
 * and did not record which density slope they chose. Read here once, into the format-4 shape, so
 * that everything after the reader (reports, compare) selects by fields only and never parses
 * the sentences. The sentence shown stays the same.
 */
import type { DensityRecord, DensitySummary, Summary, Warning } from './format.js';

interface Scope {
  scenario: string;
  runtime: string;
}

/** The (scenario, runtime) a format-3 sentence began with ("scenario/runtime:" or "scenario/runtime "), the longest that fits. */
function legacyWarning(text: string, scopes: readonly Scope[]): Warning {
  let best: Scope | null = null;
  for (const s of scopes) {
    const key = `${s.scenario}/${s.runtime}`;
    if ((text.startsWith(`${key}:`) || text.startsWith(`${key} `)) && (best === null || key.length > `${best.scenario}/${best.runtime}`.length)) best = s;
  }
  return { scenario: best?.scenario ?? null, runtime: best?.runtime ?? null, metric: null, kind: 'legacy', message: text };
}

/** The choice summarize-density.ts makes (and since format 4 records): MemAvailable when it rose with N, else summed PSS. */
function legacyCostSlope(d: DensitySummary): DensitySummary['costSlope'] {
  if (d.marginalSystem !== null && d.marginalSystem.slope > 0) return 'memAvailable';
  if (d.marginalPss !== null && d.marginalPss.slope > 0) return 'pss';
  return null;
}

export function upgradeSummary(summary: Summary, density: readonly DensityRecord[]): Summary {
  const raw = summary.warnings as readonly (Warning | string)[];
  const scopes: Scope[] = [...summary.runtimes, ...(summary.density ?? []), ...density, ...(summary.performance ?? [])];
  return {
    ...summary,
    warnings: raw.map((w) => (typeof w === 'string' ? legacyWarning(w, scopes) : w)),
    ...(summary.density === undefined ? {} : { density: summary.density.map((d) => (d.costSlope === undefined ? { ...d, costSlope: legacyCostSlope(d) } : d)) }),
  };
}
