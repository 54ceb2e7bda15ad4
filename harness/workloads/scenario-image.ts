/**
 * The guest image a scenario runs: the shared lifecycle image, or for a performance scenario an
 * image with exactly its workloads' tools added (so the lifecycle image stays small).
 */
import type { Scenario } from '../scenario/types.js';
import { isError, type Found, type HostContext } from '../host/host-context.js';
import { buildGuestImage, type GuestImage } from '../guest/image.js';
import type { PerformanceWorkload } from './definition.js';
import { performanceWorkload } from './resolve.js';
import { planWorkloadImage } from './workload-image.js';
import { limitImageFiles } from './limit-scripts.js';
import type { LimitsOptions } from '../scenario/types.js';

/** A limits scenario's image: the lifecycle image plus its memory hog and CPU loop scripts. */
function limitsImage(limits: LimitsOptions, host: HostContext): Found<GuestImage> {
  if (isError(host.busybox)) return { error: host.busybox.error };
  try {
    return buildGuestImage(host.busybox, host.cacheRoot, { files: limitImageFiles(limits.hogBytes, limits.cpuTimeMs) });
  } catch (error) {
    return { error: `building the guest image failed: ${(error as Error).message}` };
  }
}

export interface ScenarioImage {
  image: Found<GuestImage>;
  /** null: a lifecycle scenario. Else the workloads that can run (their tools are here). */
  workloads: PerformanceWorkload[] | null;
  skipped: { workload: string; reason: string }[];
}

export function scenarioImage(scenario: Scenario, host: HostContext): ScenarioImage {
  if (scenario.limits) return { image: limitsImage(scenario.limits, host), workloads: null, skipped: [] };
  if (scenario.workloads.length === 0) return { image: host.image, workloads: null, skipped: [] };
  const plan = planWorkloadImage(scenario.workloads.map(performanceWorkload));
  if (isError(host.busybox)) return { image: { error: host.busybox.error }, workloads: plan.usable, skipped: plan.skipped };
  try {
    return { image: buildGuestImage(host.busybox, host.cacheRoot, plan.extras), workloads: plan.usable, skipped: plan.skipped };
  } catch (error) {
    return { image: { error: `building the guest image failed: ${(error as Error).message}` }, workloads: plan.usable, skipped: plan.skipped };
  }
}
