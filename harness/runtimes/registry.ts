/**
 * Every backend vmbench can run, by the `type:` scenarios give it. Adding a backend is adding
 * its folder and one line here; nothing else in the harness names a backend.
 */
import type { RuntimeSpec } from '../scenario/types.js';
import type { Backend, ResourceKind, ToolSpec } from './backend.js';
import { qemuBackend } from './qemu/backend.js';
import { namespacesBackend } from './namespaces/backend.js';
import { runcBackend } from './runc/backend.js';
import { crunBackend } from './crun/backend.js';
import { runscBackend } from './runsc/backend.js';
import { hostBackend } from './host/backend.js';

export const BACKENDS: readonly Backend[] = [qemuBackend, namespacesBackend, runcBackend, crunBackend, runscBackend, hostBackend];

export function backendFor(spec: RuntimeSpec): Backend {
  const backend = BACKENDS.find((b) => b.type === spec.type);
  if (!backend) throw new Error(`no backend registered for type ${spec.type}`);
  return backend;
}

/** Every program any backend drives, once each (for the host check, doctor and env.json). */
export function allTools(): ToolSpec[] {
  return [...new Map(BACKENDS.flatMap((b) => b.tools).map((t) => [t.key, t])).values()];
}

/** The journal resource kinds the backends define, for `vmbench cleanup`. */
export function resourceKinds(): Map<string, ResourceKind> {
  return new Map(BACKENDS.flatMap((b) => b.resources ?? []).map((r) => [r.kind, r]));
}
