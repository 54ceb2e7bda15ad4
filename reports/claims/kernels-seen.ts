/** Which kernels (`uname -r` inside the instance) each runtime reported: the data behind C3. */
import type { BackendName, InstanceKind } from '../../harness/results/format.js';
import type { RunData } from '../report-input.js';
import { runKey } from '../../harness/run-key.js';

export interface KernelsOfRuntime {
  scenario: string;
  runtime: string;
  kind: InstanceKind;
  backend: BackendName;
  /** Kernel release → number of samples that reported it. */
  kernels: Map<string, number>;
  /** Samples that reported no kernel (failed before the probe, or the probe was not run). */
  unreported: number;
}

export function kernelsSeen(run: RunData): KernelsOfRuntime[] {
  const byGroup = new Map<string, KernelsOfRuntime>();
  for (const s of run.samples) {
    const key = runKey(s.scenario, s.runtime);
    let g = byGroup.get(key);
    if (g === undefined) {
      g = { scenario: s.scenario, runtime: s.runtime, kind: s.kind, backend: s.backend, kernels: new Map(), unreported: 0 };
      byGroup.set(key, g);
    }
    if (s.instanceKernel === null) g.unreported++;
    else g.kernels.set(s.instanceKernel, (g.kernels.get(s.instanceKernel) ?? 0) + 1);
  }
  return [...byGroup.values()];
}
