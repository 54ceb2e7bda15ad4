/**
 * Releasing an OCI container's host state, written once for both callers: the teardown of a
 * run (async: sixteen containers are stopped at a time, their `delete`s must not block the
 * event loop) and `vmbench cleanup` / the forced exit after a second Ctrl-C (synchronous: it
 * runs in a signal handler). Each caller runs the one command itself, the way it can; what is
 * decided before and after it, and the cgroup removal, are here.
 */
import { existsSync, rmSync, rmdirSync } from 'node:fs';
import type { CgroupMode } from '../../results/format.js';
import { cgroupDirs } from '../../host/cgroup-mode.js';
import type { Command, OciFlavor } from './flavor.js';

/** `<runtime> delete <id>` when the runtime still has state for the container (a killed `runc run` cannot clean up after itself); null when it has none. */
export function deleteCommand(flavor: OciFlavor, containerId: string): Command | null {
  return flavor.stateFiles(containerId).length > 0 ? flavor.delete(containerId) : null;
}

/**
 * After the delete ran: null when the runtime's state is gone, having removed what a successful
 * delete can leave (runsc's lock file); else the problem, the state kept for a later cleanup.
 */
export function afterDelete(flavor: OciFlavor, containerId: string, result: { ok: boolean; stderr: string }): string | null {
  if (!result.ok && flavor.stateFiles(containerId).length > 0) {
    return `${flavor.backend} delete ${containerId} failed${result.stderr.trim() ? `: ${result.stderr.trim().slice(0, 300)}` : ''}`;
  }
  for (const path of flavor.stateFiles(containerId)) rmSync(path, { recursive: true, force: true });
  return null;
}

/** The container's cgroup directories, removed once its processes are gone (none for runsc, which makes none). */
export function removeCgroups(
  flavor: Pick<OciFlavor, 'makesCgroup'> | null,
  mode: CgroupMode,
  containerId: string,
): { removed: string[]; left: string[] } {
  const out = { removed: [] as string[], left: [] as string[] };
  if (flavor && !flavor.makesCgroup) return out;
  for (const dir of cgroupDirs(mode, containerId)) {
    if (!existsSync(dir)) continue;
    try {
      rmdirSync(dir);
      out.removed.push(dir);
    } catch (error) {
      out.left.push(`${dir} (${(error as Error).message})`);
    }
  }
  return out;
}
