/**
 * The host as the runtimes need it: tools of every registered backend, the guest kernel and
 * image (host/host-context.ts), then each backend's own trial (KVM probe boot, gVisor platform)
 * for the runtimes this command will use.
 */
import type { RuntimeSpec } from '../scenario/types.js';
import { gatherHostContext, type HostContext } from '../host/host-context.js';
import { BACKENDS, allTools } from './registry.js';

export interface PrepareHostOptions {
  kernel?: string;
  /** The runtimes this command may start: a backend probes only for its own. */
  specs: readonly RuntimeSpec[];
  /** false: no trials at all (tests that pick TCG and ptrace explicitly). */
  probe: boolean;
  fresh?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export async function prepareHost(options: PrepareHostOptions): Promise<HostContext> {
  const host = await gatherHostContext({ kernel: options.kernel, tools: allTools(), env: options.env });
  if (!options.probe) return host;
  const probeOptions = { fresh: options.fresh ?? false, log: options.log ?? (() => undefined) };
  for (const backend of BACKENDS) {
    const specs = options.specs.filter((s) => s.type === backend.type);
    if (specs.length) await backend.probe?.(host, specs, probeOptions);
  }
  return host;
}
