/** samples.csv: the samples flattened for spreadsheets, pandas and R. */
import { stringify } from 'csv-stringify/sync';
import type { StartupSample } from './format.js';

type Cell = string | number | boolean | null;

/** Fixed columns (snake_case, units in the name) and how to read each from a sample. */
const COLUMNS: readonly (readonly [string, (s: StartupSample) => Cell])[] = [
  ['run_id', (s) => s.runId],
  ['seq', (s) => s.seq],
  ['scenario', (s) => s.scenario],
  ['runtime', (s) => s.runtime],
  ['kind', (s) => s.kind],
  ['backend', (s) => s.backend],
  ['workload', (s) => s.workload],
  ['iteration', (s) => s.iteration],
  ['warmup', (s) => s.warmup],
  ['started_at', (s) => s.startedAt],
  ['accel', (s) => s.accel],
  ['machine', (s) => s.machine],
  ['outcome', (s) => s.outcome],
  ['startup_ms', (s) => s.startupMs],
  ['teardown_ms', (s) => s.teardownMs],
  ['instance_kernel', (s) => s.instanceKernel],
  ['guest_uptime_at_ready_s', (s) => s.guestUptimeAtReadyS],
  ['exited_before_stop', (s) => s.exitedBeforeStop],
];

/** Phase names across all samples in order of first appearance, so columns are stable. */
function phaseNames(samples: readonly StartupSample[]): string[] {
  const names = new Set<string>();
  for (const s of samples) for (const p of s.phases) names.add(p.name);
  return [...names];
}

/** Workload metric names across all samples (performance workloads), first seen first. */
function metricNames(samples: readonly StartupSample[]): string[] {
  const names = new Set<string>();
  for (const s of samples) for (const m of s.workloadMetrics ?? []) names.add(m.name);
  return [...names];
}

/**
 * CSV with a header row. Phases become `phase_<name>_ms` columns (empty when a sample lacks
 * that phase), workload metrics `metric_<name>` columns (units in summary.json and samples.jsonl); `error` is last because it can be long. null → empty cell; booleans → true/false.
 */
export function samplesToCsv(samples: readonly StartupSample[]): string {
  const phases = phaseNames(samples);
  const metrics = metricNames(samples);
  const header = [...COLUMNS.map(([name]) => name), ...phases.map((p) => `phase_${p}_ms`), ...metrics.map((m) => `metric_${m}`), 'error'];
  const rows: Cell[][] = samples.map((s) => [
    ...COLUMNS.map(([, get]) => get(s)),
    ...phases.map((name) => s.phases.find((p) => p.name === name)?.ms ?? null),
    ...metrics.map((name) => s.workloadMetrics?.find((m) => m.name === name)?.value ?? null),
    s.error,
  ]);
  return stringify([header, ...rows], {
    // csv-stringify's default writes true as "1" and false as "": ambiguous with null.
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
}
