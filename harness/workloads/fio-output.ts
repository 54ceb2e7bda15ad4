/**
 * Reading fio 3's JSON report (--output-format=json): one document, a `jobs` array with each
 * job's `read` and `write` figures. IOPS as fio computes them, bandwidth from bw_bytes, and the
 * completion-latency percentiles fio was asked for (--percentile_list / percentile_list=50:99),
 * in ns, returned in µs. Captured from fio 3.33 (test/fixtures/workload-output/).
 */
import { jsonDocument, numberAt } from './json-output.js';

export type FioDirection = 'read' | 'write';

function job(text: string, name: string): unknown {
  const doc = jsonDocument(text);
  const jobs = doc !== null && typeof doc === 'object' ? (doc as { jobs?: unknown }).jobs : undefined;
  if (!Array.isArray(jobs)) return null;
  return jobs.find((j) => j !== null && typeof j === 'object' && (j as { jobname?: unknown }).jobname === name) ?? null;
}

export const fioIops = (text: string, name: string, dir: FioDirection): number | null => numberAt(job(text, name), [dir, 'iops']);

export function fioMiBps(text: string, name: string, dir: FioDirection): number | null {
  const bytes = numberAt(job(text, name), [dir, 'bw_bytes']);
  return bytes === null ? null : bytes / (1024 * 1024);
}

/** Completion latency percentile (e.g. "50.000000"), µs. */
export function fioClatUs(text: string, name: string, dir: FioDirection, percentile: number): number | null {
  const ns = numberAt(job(text, name), [dir, 'clat_ns', 'percentile', percentile.toFixed(6)]);
  return ns === null ? null : ns / 1000;
}

/** fio counts I/O errors per job; a job that saw one has no figures worth keeping. */
export const fioErrors = (text: string, name: string): number | null => numberAt(job(text, name), ['error']);
