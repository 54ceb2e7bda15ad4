/**
 * A kind of resource a backend records in the journal (a container id, a mount namespace …)
 * and how `vmbench cleanup` removes it synchronously after a crash. Generic kinds (dir, cgroup)
 * are handled by lifecycle/cleanup.ts itself. The backends' kinds reach cleanup from the
 * registry (runtimes/registry.ts), passed in by the caller: lifecycle knows no backend.
 */
export interface ResourceKind {
  kind: string;
  /** Before the instance's processes are killed (an OCI runtime's delete kills its container). */
  releaseBeforeKill?: (value: string) => string | null;
  /** After its processes are gone: what was removed, one line each. */
  removeAfterKill?: (value: string) => string[];
}
