/**
 * Every metric of one run that two runs can be compared on, as named series of values: startup,
 * teardown and each phase per (scenario, runtime); each workload metric with its direction;
 * memory per instance by each method and the density slope per density runtime. Values are the
 * ok, measured (non-warmup) samples only.
 */
import type { Better, DensityStep, InstanceMemory } from '../results/format.js';
import { summarizeDensity } from '../stats/summarize-density.js';
import type { ComparableRun } from './comparable-run.js';

/** A metric as compare names it: `scenario/runtime/metric`, metric as in METRIC_NAMES_HELP. */
export interface SeriesKey {
  scenario: string;
  runtime: string;
  /** startup, teardown, phase:<name>, <workload>.<metric>, memory.<method>, density.slope. */
  metric: string;
}

export const METRIC_NAMES_HELP =
  'startup, teardown, phase:<name>, <workload>.<metric> (cpu.events_per_s_1t …), memory.<pss|rss|cgroup|inside>, density.slope';

export type Series = SeriesKey & {
  unit: string;
  better: Better;
} &
  /** Independent samples (launches, density steps). */
  (
    | { kind: 'samples'; values: number[] }
    /** One estimate with its standard error (a fitted slope). */
    | { kind: 'estimate'; value: number; se: number | null }
  );

export function seriesId(k: SeriesKey): string {
  return `${k.scenario}/${k.runtime}/${k.metric}`;
}

type Acc = Map<string, Series>;

function push(acc: Acc, key: SeriesKey, unit: string, better: Better, value: number | null | undefined): void {
  if (value === null || value === undefined || !Number.isFinite(value)) return;
  const id = seriesId(key);
  let s = acc.get(id);
  if (s === undefined) {
    s = { ...key, unit, better, kind: 'samples', values: [] };
    acc.set(id, s);
  }
  if (s.kind === 'samples') s.values.push(value);
}

const MEMORY_METHODS: Array<[string, (m: InstanceMemory) => number | null]> = [
  ['pss', (m) => m.pssBytes],
  ['rss', (m) => m.rssBytes],
  ['cgroup', (m) => m.cgroupBytes],
  ['inside', (m) => m.insideBytes],
];

/** The series of one run, in the order the run measured them. */
export function runSeries(run: ComparableRun): Series[] {
  const acc: Acc = new Map();
  for (const s of run.samples) {
    if (s.warmup || s.outcome !== 'ok') continue;
    const at = (metric: string): SeriesKey => ({ scenario: s.scenario, runtime: s.runtime, metric });
    push(acc, at('startup'), 'ms', 'lower', s.startupMs);
    push(acc, at('teardown'), 'ms', 'lower', s.teardownMs);
    for (const p of s.phases) push(acc, at(`phase:${p.name}`), 'ms', 'lower', p.ms);
    for (const m of s.workloadMetrics ?? []) push(acc, at(`${s.workload}.${m.name}`), m.unit, m.better, m.value);
  }
  const steps = run.density.filter((r): r is DensityStep => r.type === 'density-step' && r.outcome === 'ok' && r.instance !== null);
  for (const step of steps) {
    for (const [method, pick] of MEMORY_METHODS) {
      push(acc, { scenario: step.scenario, runtime: step.runtime, metric: `memory.${method}` }, 'bytes', 'lower', pick(step.instance!));
    }
  }
  if (run.density.length > 0) {
    for (const d of summarizeDensity(run.density, run.env.memTotalBytes).density) {
      if (d.marginalSystem === null) continue;
      const key = { scenario: d.scenario, runtime: d.runtime, metric: 'density.slope' };
      acc.set(seriesId(key), {
        ...key,
        unit: 'bytes/instance',
        better: 'lower',
        kind: 'estimate',
        value: d.marginalSystem.slope,
        se: d.marginalSystem.slopeStdErr,
      });
    }
  }
  return [...acc.values()];
}
