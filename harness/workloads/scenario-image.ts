/**
 * The guest images a scenario runs: the shared lifecycle image, or for a performance scenario
 * images with exactly its workloads' tools added (so the lifecycle image stays small). Workloads
 * that run the same tools with the same devices share one image (cpu, memory and syscall: sysbench);
 * others get their own, so one workload's large tool (fio's ~80 MB library closure) does not slow
 * the VM boots of another. Workloads that need devices also get the guest kernel's virtio modules
 * for the scenario's VM machine types (guest/device-extras.ts); without such a workload an image
 * carries none.
 */
import type { Scenario } from '../scenario/types.js';
import { isError, type Found, type HostContext } from '../host/host-context.js';
import { buildGuestImage, type GuestImage } from '../guest/image.js';
import { deviceExtras, moduleFiles, scenarioTransports } from '../guest/device-extras.js';
import type { PerformanceWorkload } from './definition.js';
import { performanceWorkload } from './resolve.js';
import { planWorkloadImage } from './workload-image.js';
import { limitImageFiles } from './limit-scripts.js';
import type { LimitsOptions } from '../scenario/types.js';
import { provisioningImageFiles } from './provisioning-scripts.js';

/** A provisioning scenario's image: the lifecycle image plus the clone's workload and, for its VMs, virtio_blk. */
function provisioningImage(scenario: Scenario, host: HostContext): Found<GuestImage> {
  if (isError(host.busybox)) return { error: host.busybox.error };
  try {
    const modules = moduleFiles(
      [{ type: 'disk', sizeMiB: 0 }],
      scenarioTransports(scenario.runtimes),
      isError(host.kernel) ? null : host.kernel.path,
    );
    return buildGuestImage(host.busybox, host.cacheRoot, { files: [...provisioningImageFiles(), ...modules] });
  } catch (error) {
    return { error: `building the guest image failed: ${(error as Error).message}` };
  }
}

/** A limits scenario's image: the lifecycle image plus its memory hog and CPU loop scripts. */
function limitsImage(limits: LimitsOptions, host: HostContext): Found<GuestImage> {
  if (isError(host.busybox)) return { error: host.busybox.error };
  try {
    return buildGuestImage(host.busybox, host.cacheRoot, { files: limitImageFiles(limits.hogBytes, limits.cpuTimeMs) });
  } catch (error) {
    return { error: `building the guest image failed: ${(error as Error).message}` };
  }
}

export interface ImagePart {
  image: Found<GuestImage>;
  /** The workloads this image runs (empty for a lifecycle scenario). */
  workloads: PerformanceWorkload[];
}

export interface ScenarioImage {
  /** The first part's image (a lifecycle scenario has exactly one part). */
  image: Found<GuestImage>;
  /** null: a lifecycle scenario. Else the workloads that can run (their tools are here). */
  workloads: PerformanceWorkload[] | null;
  /** One image per group of workloads with the same tools and devices, in the scenario's order. */
  parts: ImagePart[];
  skipped: { workload: string; reason: string }[];
}

/** Workloads with the same host binaries, files, programs of ours and device types share an image. */
export function imageGroupKey(w: PerformanceWorkload): string {
  const bundled = w.bundled.map((b) => b.imagePath).sort();
  return JSON.stringify([[...w.binaries].sort(), [...w.files].sort(), bundled, w.devices.map((d) => d.type).sort()]);
}

export function scenarioImage(scenario: Scenario, host: HostContext): ScenarioImage {
  if (scenario.limits) {
    const image = limitsImage(scenario.limits, host);
    return { image, workloads: null, parts: [{ image, workloads: [] }], skipped: [] };
  }
  if (scenario.provisioning) {
    const image = provisioningImage(scenario, host);
    return { image, workloads: null, parts: [{ image, workloads: [] }], skipped: [] };
  }
  if (scenario.workloads.length === 0)
    return { image: host.image, workloads: null, parts: [{ image: host.image, workloads: [] }], skipped: [] };
  const all = scenario.workloads.map(performanceWorkload);
  const groups = new Map<string, PerformanceWorkload[]>();
  for (const w of all) groups.set(imageGroupKey(w), [...(groups.get(imageGroupKey(w)) ?? []), w]);
  const parts: ImagePart[] = [];
  const skipped: ScenarioImage['skipped'] = [];
  for (const members of groups.values()) {
    const part = groupImage(members, scenario, host);
    skipped.push(...part.skipped);
    if (part.workloads.length > 0) parts.push({ image: part.image, workloads: part.workloads });
  }
  const first = parts[0]?.image ?? (isError(host.busybox) ? { error: host.busybox.error } : host.image);
  return { image: first, workloads: parts.flatMap((p) => p.workloads), parts, skipped };
}

function groupImage(
  workloads: PerformanceWorkload[],
  scenario: Scenario,
  host: HostContext,
): ImagePart & { skipped: ScenarioImage['skipped'] } {
  const plan = planWorkloadImage(workloads);
  const devices = deviceExtras(plan.usable, scenarioTransports(scenario.runtimes), isError(host.kernel) ? null : host.kernel.path);
  const usable = plan.usable.filter((w) => !devices.skipped.some((s) => s.workload === w.name));
  const skipped = [...plan.skipped, ...devices.skipped];
  if (isError(host.busybox)) return { image: { error: host.busybox.error }, workloads: usable, skipped };
  try {
    const extras = { files: [...plan.extras.files, ...devices.files] };
    return { image: buildGuestImage(host.busybox, host.cacheRoot, extras), workloads: usable, skipped };
  } catch (error) {
    return { image: { error: `building the guest image failed: ${(error as Error).message}` }, workloads: usable, skipped };
  }
}
