/**
 * Map keys of composite names: JSON of the parts, so no separator character in a name can make
 * two different tuples collide.
 */

/** The key of one (scenario, runtime) pair. */
export function runKey(scenario: string, runtime: string): string {
  return JSON.stringify([scenario, runtime]);
}

/** The key of one (scenario, performance workload) pair. */
export function workloadKey(scenario: string, workload: string): string {
  return JSON.stringify([scenario, workload]);
}

/** The key of one workload of a scenario under one runtime. */
export function workloadRunKey(scenario: string, workload: string, runtime: string): string {
  return JSON.stringify([scenario, workload, runtime]);
}
