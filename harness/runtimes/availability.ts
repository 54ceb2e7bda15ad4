/**
 * Can this runtime run here, and if not, why and what would fix it. Decided before anything is
 * launched, so a run never discovers halfway that a runtime was never possible.
 */
import type { RuntimeSpec } from '../scenario/types.js';
import { isError, type HostContext } from '../host/host-context.js';
import type { Availability } from './runtime.js';
import { backendFor } from './registry.js';

export function availability(spec: RuntimeSpec, host: HostContext): Availability {
  if (isError(host.image)) return { usable: false, reason: host.image.error };
  return backendFor(spec).availability(spec, host);
}
