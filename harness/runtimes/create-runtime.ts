/** From a scenario's runtime spec to the executor that runs it (one descriptor per backend). */
import type { RuntimeSpec } from '../scenario/types.js';
import type { HostContext } from '../host/host-context.js';
import type { Runtime } from './runtime.js';
import type { RunResources } from './backend.js';
import { availability } from './availability.js';
import { backendFor } from './registry.js';

export type { RunResources } from './backend.js';

/** Throws when the runtime is not usable: callers check availability() first. */
export function createRuntime(spec: RuntimeSpec, host: HostContext, run: RunResources): Runtime {
  const usable = availability(spec, host);
  if (!usable.usable) throw new Error(`runtime ${spec.name} is not usable: ${usable.reason}`);
  return backendFor(spec).create(spec, host, run);
}
