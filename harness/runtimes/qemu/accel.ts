import type { Accelerator } from '../../vocabulary.js';
import type { HostContext } from '../../host/host-context.js';

/** The accelerator a QEMU runtime will use: explicit, or KVM only when the probe boot passed. */
export function resolveAccel(requested: 'auto' | Accelerator, host: HostContext): Accelerator {
  if (requested !== 'auto') return requested;
  return host.kvm?.bootOk ? 'kvm' : 'tcg';
}
