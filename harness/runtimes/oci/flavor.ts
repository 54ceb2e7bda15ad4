/**
 * What differs between the OCI runtimes that run vmbench's bundle (runc, crun, runsc): the
 * command lines that start and delete a container, where the runtime keeps its state, and
 * whether the container gets a cgroup of its own. Everything else (the bundle, teardown,
 * journal) is shared in oci-runtime.ts.
 */
import type { BackendName } from '../../vocabulary.js';

export interface Command {
  file: string;
  args: string[];
}

export interface OciFlavor {
  backend: Extract<BackendName, 'runc' | 'crun' | 'runsc'>;
  /** The runtime's state directory (its --root). */
  stateRoot: string;
  /** Paths under stateRoot that belong to this container: any there means it needs a delete; the rest are removed after. */
  stateFiles(containerId: string): string[];
  /** ownNetwork: the bundle names a network namespace the harness made (a veth end inside). */
  run(bundle: string, containerId: string, ownNetwork: boolean): Command;
  delete(containerId: string): Command;
  /** Signal the container's init (a graceful stop: SIGTERM, which the idle workload traps). */
  kill(containerId: string, signal: string): Command;
  /** runsc runs with --ignore-cgroups: no cgroup to account or remove. */
  makesCgroup: boolean;
  /** gVisor: the sandbox has its own kernel, which accounts the workload's memory (meminfo). */
  ownKernel: boolean;
  /** How instances are started, when more than the runtime's own name says (recorded as `machine`). */
  variant: string | null;
}
