/**
 * The key of one (scenario, runtime) pair in a Map: JSON of the pair, so no separator character
 * in a name can make two different pairs collide.
 */
export function runKey(scenario: string, runtime: string): string {
  return JSON.stringify([scenario, runtime]);
}
