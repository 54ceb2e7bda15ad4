/**
 * Killing an instance's process tree so that every process is reaped, not only dead.
 *
 * Killing the whole group at once kills a runtime's root (unshare, runc run) together with the
 * namespace init it started: the init is orphaned, re-parented to PID 1, and stays a zombie (and
 * its pid namespace stays listed) until PID 1 reaps it — on machines whose PID 1 is not a real
 * init (many containers, CI runners, these build machines), a second or more, or never.
 * So the inner processes die first while the root still lives to reap them (unshare and runc
 * wait for their child; a pid namespace's init reaps its whole namespace as it exits), and only
 * then the root, which the harness itself reaps.
 */
import { descendantPids, readProcStat, type ProcStat } from '../host/proc-table.js';

/** The tree under (and including) rootPid, root first, each with its start time. */
export function snapshotTree(rootPid: number): ProcStat[] {
  return descendantPids(rootPid)
    .map(readProcStat)
    .filter((p): p is ProcStat => p !== null);
}

/** Gone from /proc, or the pid now belongs to another process: a zombie is not gone. */
export function isGone(p: ProcStat): boolean {
  const now = readProcStat(p.pid);
  return now === null || now.startTime !== p.startTime;
}

/** SIGKILL each process still recorded as (pid, start time), deepest first. */
export function killEach(processes: readonly ProcStat[]): void {
  for (const p of [...processes].reverse()) {
    const now = readProcStat(p.pid);
    if (now === null || now.startTime !== p.startTime || now.state === 'Z') continue;
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Exited between the check and the kill.
    }
  }
}

/** SIGKILL a whole process group; a group that is already gone is not an error. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** What is left of a tree, in words: "pid 123 init (zombie; its parent 1 has not reaped it)". */
export function describeSurvivors(tree: readonly ProcStat[]): string | null {
  const left = tree
    .map((p) => ({ p, now: readProcStat(p.pid) }))
    .filter(({ p, now }) => now !== null && now.startTime === p.startTime)
    .map(({ now }) =>
      now!.state === 'Z'
        ? `pid ${now!.pid} ${now!.comm} (zombie; its parent ${now!.ppid} has not reaped it)`
        : `pid ${now!.pid} ${now!.comm} (state ${now!.state})`,
    );
  return left.length ? left.join(', ') : null;
}

/** Synchronous bounded wait, for the paths where nothing async is certain to finish (cleanup). */
export function waitUntilSync(condition: () => boolean, timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  let interval = 1;
  while (!condition()) {
    if (performance.now() >= deadline) return false;
    Atomics.wait(cell, 0, 0, interval);
    interval = Math.min(interval * 2, 50);
  }
  return true;
}
