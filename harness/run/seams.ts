/**
 * What the run pipeline takes from the machine: the host check, the backends, the launcher, the
 * overhead measurement, the journal's place, the host's memory readings and the progress
 * printers. A real run uses REAL_SEAMS; a unit test replaces what it must (a fake backend, a
 * scratch journal dir, a synthetic MemAvailable) and still drives the whole pipeline.
 */
import type { RuntimeSpec } from '../scenario/types.js';
import type { EnvInfo, HarnessOverhead } from '../results/format.js';
import type { HostContext } from '../host/host-context.js';
import type { Availability, Runtime } from '../runtimes/runtime.js';
import type { RunResources } from '../runtimes/backend.js';
import type { ResourceKind } from '../lifecycle/resource-kind.js';
import type { ScenarioImage } from '../workloads/scenario-image.js';
import type { DensityHostMemory } from '../density/run-density.js';
import type { RunEvent } from '../runner/run-scenarios.js';
import type { DensityStep } from '../results/format.js';
import { prepareHost } from '../runtimes/prepare-host.js';
import { resourceKinds } from '../runtimes/registry.js';
import { availability } from '../runtimes/availability.js';
import { createRuntime } from '../runtimes/create-runtime.js';
import { scenarioImage } from '../workloads/scenario-image.js';
import { journalDir } from '../lifecycle/state-dir.js';
import { collectEnv } from '../host/env-info.js';
import { measureHarnessOverhead } from '../measure/harness-overhead.js';
import { startLauncher } from '../process/launch.js';
import { REAL_HOST_MEMORY } from '../density/run-density.js';
import { createProgress } from '../terminal/progress.js';
import { createDensityProgress } from '../terminal/density-progress.js';
import type { Scenario } from '../scenario/types.js';

export type Overhead = Pick<HarnessOverhead, 'timerOverheadNs' | 'markerScanNs' | 'launchFloorMs' | 'leanFloorMs' | 'launcher'>;

export interface RunSeams {
  /** The host with every backend's probe done for these runtimes (a KVM probe boot launches a VM). */
  prepareHost: (options: { kernel?: string; specs: readonly RuntimeSpec[]; log: (line: string) => void }) => Promise<HostContext>;
  availability: (spec: RuntimeSpec, host: HostContext) => Availability;
  createRuntime: (spec: RuntimeSpec, host: HostContext, run: RunResources) => Runtime;
  scenarioImage: (scenario: Scenario, host: HostContext) => ScenarioImage;
  resourceKinds: () => ReadonlyMap<string, ResourceKind>;
  journalDir: () => string;
  /** Starts the native launcher (every instance's parent); its pid, or null when Node launches. */
  startLauncher: () => number | null;
  measureOverhead: (echoBinary: string | null) => Promise<Overhead>;
  collectEnv: (host: HostContext, harness: HarnessOverhead) => Promise<EnvInfo>;
  hostMemory: DensityHostMemory;
  /** Progress on stderr: one printer of the startup loop's events per run, one of a density run's steps per runtime. */
  progress: () => (event: RunEvent) => void;
  densityProgress: (scenario: string, runtime: string) => (step: DensityStep, max: number) => void;
}

export const REAL_SEAMS: RunSeams = {
  prepareHost: (o) => prepareHost({ ...o, probe: true }),
  availability,
  createRuntime,
  scenarioImage,
  resourceKinds,
  journalDir: () => journalDir(),
  startLauncher,
  measureOverhead: measureHarnessOverhead,
  collectEnv,
  hostMemory: REAL_HOST_MEMORY,
  progress: () => createProgress(),
  densityProgress: (scenario, runtime) => createDensityProgress(scenario, runtime),
};
