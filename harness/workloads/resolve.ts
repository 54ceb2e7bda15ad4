/** From a scenario's workload spec (data, as in run.json) to the workload that runs. */
import type { PerformanceWorkloadSpec } from '../scenario/types.js';
import type { PerformanceWorkload } from './definition.js';
import { BUILTIN_WORKLOADS } from './builtin.js';
import { customWorkload } from './custom.js';

export function performanceWorkload(spec: PerformanceWorkloadSpec): PerformanceWorkload {
  if (spec.origin === 'custom') return customWorkload(spec);
  const builtin = BUILTIN_WORKLOADS[spec.name];
  if (!builtin) throw new Error(`unknown built-in workload ${spec.name}`);
  return builtin;
}
