/**
 * Removes what a run left behind, from its journal: processes (only if pid AND start time still
 * match, so a reused pid is never killed), runc/crun containers, bundle dirs, cgroups, mounts and
 * a workload's device plumbing (backing files, network namespaces, links). Synchronous
 * on purpose: it also runs from a second Ctrl-C and from a crash handler, where nothing async
 * is certain to finish.
 */
import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { JournalEntry } from './instance-tracker.js';
import { isStillRunning, type ProcStat } from '../host/proc-table.js';
import { describeSurvivors, isGone, killEach, killGroup, snapshotTree, waitUntilSync } from '../process/kill-tree.js';
import type { ResourceKind } from './resource-kind.js';
import { plumbingOrder, removePlumbing } from '../plumbing/remove-plumbing.js';

export interface LeftOver {
  journal: string;
  runId: string;
  /** The harness that wrote it is still running: its instances are not left over. */
  ownerAlive: boolean;
  instances: { id: string; runtime: string; pids: { pid: number; startTime: number }[]; resources: { kind: string; value: string }[] }[];
}

export function readJournal(path: string): LeftOver {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const byId = new Map<string, LeftOver['instances'][number]>();
  let runId = '';
  let ownerAlive = false;
  for (const line of lines) {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue; // a line cut by a crash
    }
    if (entry.op === 'run') {
      runId = entry.runId;
      ownerAlive = entry.harnessPid !== process.pid && isStillRunning(entry.harnessPid, entry.harnessStart);
    } else if (entry.op === 'begin') byId.set(entry.id, { id: entry.id, runtime: entry.runtime, pids: [], resources: [] });
    else if (entry.op === 'pid') byId.get(entry.id)?.pids.push({ pid: entry.pid, startTime: entry.startTime });
    else if (entry.op === 'resource') byId.get(entry.id)?.resources.push({ kind: entry.kind, value: entry.value });
    else if (entry.op === 'end') byId.delete(entry.id);
  }
  return { journal: path, runId, ownerAlive, instances: [...byId.values()] };
}

export function findLeftOvers(journalDir: string): LeftOver[] {
  if (!existsSync(journalDir)) return [];
  return readdirSync(journalDir)
    .filter((n) => n.endsWith('.journal'))
    .map((n) => readJournal(join(journalDir, n)))
    .filter((l) => !l.ownerAlive);
}

export interface CleanupResult {
  /** What was done, one line each. */
  done: string[];
  /** Processes still in /proc (running, or zombies nobody reaped) when cleanup gave up. */
  survivors: string | null;
  /** Every process that was killed: the caller may wait for the rest of their reaping. */
  killed: ProcStat[];
}

/** How long `vmbench cleanup` waits for killed processes to be reaped (by PID 1 when orphaned). */
export const CLEANUP_REAP_MS = 15_000;
/** How long the roots are given to reap the inner processes killed first. */
const INNER_REAP_MS = 2_000;

/**
 * Kill and remove everything the journal lists, then the journal. OCI containers are deleted
 * through their runtime first (it kills the container's processes while `runc run` still lives
 * to reap them), then each process tree dies inner processes first (see process/kill-tree.ts),
 * then the dirs and cgroups go. waitMs bounds the wait until every killed process is gone from
 * /proc; 0 leaves the waiting to the caller (a harness reaps its own children only from its
 * event loop, which a synchronous wait would block).
 */
export function cleanUp(left: LeftOver, kinds: ReadonlyMap<string, ResourceKind>, waitMs: number = CLEANUP_REAP_MS): CleanupResult {
  const done: string[] = [];
  // The harness's own processes (the native launcher, every instance's parent and reaper) go last.
  const ordered = [...left.instances].sort((a, b) => Number(a.runtime === 'harness') - Number(b.runtime === 'harness'));
  const trees = ordered.map((instance) => ({
    instance,
    tree: instance.pids.filter((p) => isStillRunning(p.pid, p.startTime)).flatMap((p) => snapshotTree(p.pid)),
  }));
  for (const { instance } of trees) {
    for (const { kind, value } of instance.resources) {
      const line = kinds.get(kind)?.releaseBeforeKill?.(value);
      if (line) done.push(line);
    }
  }
  const killed: ProcStat[] = [];
  for (const { instance, tree } of trees) {
    if (tree.length === 0) continue;
    const roots = new Set(instance.pids.map((p) => p.pid));
    const inner = tree.filter((p) => !roots.has(p.pid));
    killEach(inner);
    if (inner.length) waitUntilSync(() => inner.every(isGone), INNER_REAP_MS);
    for (const root of tree.filter((p) => roots.has(p.pid))) {
      // The instance's root process leads its own group: take the group, then the process.
      if (root.pgid === root.pid) killGroup(root.pid);
    }
    killEach(tree); // a container's init may have left the group (a new session)
    killed.push(...tree);
    done.push(`killed ${instance.runtime} instance ${instance.id} (pid ${[...roots].join(', ')})`);
  }
  if (waitMs > 0) waitUntilSync(() => killed.every(isGone), waitMs);
  // Every mount of every instance first, the last made first (a namespace file inside its private
  // bind mount): the dirs holding them (the run's work dir among them) can only go after.
  for (const { value } of trees.flatMap(({ instance }) => instance.resources.filter((r) => r.kind === 'mount')).reverse()) {
    try {
      execFileSync('umount', [value], { stdio: 'ignore', timeout: 10_000 });
      done.push(`unmounted ${value}`);
    } catch {
      // Not mounted (any more).
    }
  }
  // Every instance's plumbing before any dir goes: a loop device is found by its file, which may
  // sit in a dir another entry removes (the run's work dir). Loop devices, backing files, then
  // network namespaces (taking their veth pairs), then links.
  for (const { kind, value } of plumbingOrder(trees.flatMap(({ instance }) => instance.resources))) {
    try {
      const what = removePlumbing(kind, value);
      if (what) done.push(what);
    } catch (error) {
      done.push(`${kind} ${value} could not be removed: ${(error as Error).message}`);
    }
  }
  for (const { instance } of trees) {
    for (const { kind, value } of instance.resources) {
      const backendKind = kinds.get(kind);
      if (backendKind) {
        done.push(...(backendKind.removeAfterKill?.(value) ?? []));
      } else if (kind === 'dir' && existsSync(value)) {
        rmSync(value, { recursive: true, force: true });
        done.push(`removed ${value}`);
      } else if (kind === 'cgroup' && existsSync(value)) {
        try {
          rmdirSync(value);
          done.push(`removed cgroup ${value}`);
        } catch {
          done.push(`cgroup ${value} could not be removed`);
        }
      }
    }
  }
  const survivors = waitMs > 0 ? describeSurvivors(killed) : null;
  // Kept while something survived: a later `vmbench cleanup` checks again.
  if (survivors === null) rmSync(left.journal, { force: true });
  return { done, survivors, killed };
}
