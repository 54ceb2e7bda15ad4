/** density.csv: one row per density step, the per-instance memory flattened into columns. */
import { stringify } from 'csv-stringify/sync';
import type { DensityRecord } from './format.js';

const COLUMNS = ['seq', 'scenario', 'runtime', 'kind', 'backend', 'accel', 'machine', 'running', 'outcome', 'startup_ms',
  'mem_available_bytes', 'cache_dropped', 'pss_total_bytes', 'instance_pss_bytes', 'instance_rss_bytes', 'instance_cgroup_bytes',
  'instance_inside_bytes', 'instance_configured_bytes', 'load_avg_1', 'harness_rss_bytes', 'harness_cpu_ms', 'elapsed_ms', 'error'];

export function densityToCsv(records: readonly DensityRecord[]): string {
  const rows = records.filter((r) => r.type === 'density-step').map((s) => [
    s.seq, s.scenario, s.runtime, s.kind, s.backend, s.accel, s.machine, s.running, s.outcome, s.startupMs,
    s.memAvailableBytes, String(s.cacheDropped), s.pssTotalBytes, s.instance?.pssBytes, s.instance?.rssBytes, s.instance?.cgroupBytes,
    s.instance?.insideBytes, s.instance?.configuredBytes, s.loadAvg1, s.harnessRssBytes, s.harnessCpuMs, s.elapsedMs, s.error,
  ].map((v) => (v === null || v === undefined ? '' : v)));
  return stringify(rows, { header: true, columns: COLUMNS });
}
