/** The RuntimeIdentity part of a record, for summaries keyed by (scenario, runtime). */
import type { RuntimeIdentity } from './format.js';

export function runtimeIdentity(r: RuntimeIdentity): RuntimeIdentity {
  return { scenario: r.scenario, runtime: r.runtime, kind: r.kind, backend: r.backend, accel: r.accel, machine: r.machine };
}
