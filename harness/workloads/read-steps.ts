/** Metrics from a workload's steps: each read from its step's text; the first missing one fails the sample. */
import type { MetricDef, ParseResult, WorkloadMetric, WorkloadOutput } from './definition.js';
import { outputTail } from './output-tail.js';

export interface StepRead {
  metric: MetricDef;
  step: string;
  read: (text: string, fields: Record<string, string>) => number | null;
}

/** Reads each metric from its step's text; the first that is missing fails the sample. */
export function readSteps(output: WorkloadOutput, reads: readonly StepRead[]): ParseResult {
  if (output.status !== 0)
    return { ok: false, reason: `the workload exited with status ${output.status ?? 'unknown'}: ${outputTail(output)}` };
  const metrics: WorkloadMetric[] = [];
  for (const { metric, step: name, read } of reads) {
    const s = output.steps.get(name);
    const value = s ? read(s.lines.join('\n'), s.fields) : null;
    if (value === null || !Number.isFinite(value)) {
      return { ok: false, reason: `no ${metric.name} in the output of step ${name}: ${outputTail(s ?? output)}` };
    }
    metrics.push({ ...metric, value });
  }
  return { ok: true, metrics };
}
