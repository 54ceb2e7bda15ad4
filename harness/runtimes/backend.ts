/**
 * A backend's descriptor: everything the rest of the harness needs to know about one way of
 * running an instance (qemu, namespaces, runc, crun, runsc, host). The harness iterates over
 * the registered descriptors (registry.ts) and never names a backend itself, so adding one is
 * adding a folder and a line in the registry.
 */
import type { RuntimeSpec } from '../scenario/types.js';
import type { HostContext } from '../host/host-context.js';
import type { InstanceTracker } from '../lifecycle/instance-tracker.js';
import type { Availability, Runtime } from './runtime.js';
import type { ResourceKind } from '../lifecycle/resource-kind.js';

export type { ResourceKind } from '../lifecycle/resource-kind.js';

/** An external program a backend drives; found on PATH once per command, with its version. */
export interface ToolSpec {
  /** Key in HostContext.tools and env.json `tools` (e.g. "qemu", "runc"). */
  key: string;
  /** The executable looked up on PATH (an environment variable may name another). */
  command: (env: NodeJS.ProcessEnv) => string;
  versionArgs: string[];
  pickVersion: (output: string) => string | undefined;
  /** What to do when it is missing, for doctor and availability messages. */
  remedy: string;
}

export interface RunResources {
  tracker: InstanceTracker;
  /** Private per-run temp dir (0700), removed at the end of the run. */
  workDir: string;
  /**
   * Registers a release for something a runtime prepares once per run (crun's mount namespace):
   * run at the end of the run, last registered first, before the work dir goes. It must also be
   * in the journal, for a run that never reaches its end.
   */
  atRunEnd(release: () => void): void;
}

export interface Backend {
  /** The scenario `type:` this descriptor runs. */
  readonly type: RuntimeSpec['type'];
  /** For `vmbench list` and doctor: one line on what an instance of it is. */
  readonly summary: string;
  readonly tools: readonly ToolSpec[];
  /** Decided before anything is launched: usable (with what) or not (why, and the remedy). */
  availability(spec: RuntimeSpec, host: HostContext): Availability;
  /** Only called when availability() said usable. */
  create(spec: RuntimeSpec, host: HostContext, run: RunResources): Runtime;
  readonly resources?: readonly ResourceKind[];
  /**
   * A trial before anything is measured, when these specs (this backend's, of this command)
   * need one: a KVM probe boot, a gVisor platform check. Records its verdict in host.kvm or
   * host.probes[type]; availability() then reads it. Must not throw.
   */
  probe?(host: HostContext, specs: RuntimeSpec[], options: ProbeOptions): Promise<void>;
}

export interface ProbeOptions {
  /** Ignore a cached verdict. */
  fresh: boolean;
  /** For messages printed while probing (stderr). */
  log: (line: string) => void;
}
