/**
 * Removes what a run left behind, from its journal: processes (only if pid AND start time still
 * match, so a reused pid is never killed), runc/crun containers, bundle dirs, cgroups. Synchronous
 * on purpose: it also runs from a second Ctrl-C and from a crash handler, where nothing async
 * is certain to finish.
 */
import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { JournalEntry } from './instance-tracker.js';
import { descendantPids, isStillRunning, readProcStat } from '../host/proc-table.js';
import { detectCgroupMode, cgroupDirs } from '../host/cgroup-mode.js';
import { findExecutable } from '../host/find-executable.js';
import { OCI_STATE_ROOTS } from '../runtimes/oci/oci-runtime.js';

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
  return readdirSync(journalDir).filter((n) => n.endsWith('.journal'))
    .map((n) => readJournal(join(journalDir, n)))
    .filter((l) => !l.ownerAlive);
}

/** Kill and remove everything the journal lists, then the journal. Returns what was done. */
export function cleanUp(left: LeftOver): string[] {
  const done: string[] = [];
  for (const instance of left.instances) {
    for (const { pid, startTime } of instance.pids) {
      // The instance's root process leads its own group: take the group, then the process.
      if (!isStillRunning(pid, startTime)) continue;
      const stat = readProcStat(pid);
      // Its descendants too: a container's init may have left the group (a new session).
      const tree = descendantPids(pid);
      try {
        if (stat && stat.pgid === pid) process.kill(-pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      for (const member of tree) {
        try {
          process.kill(member, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      done.push(`killed ${instance.runtime} instance ${instance.id} (pid ${pid})`);
    }
  }
  for (const instance of left.instances) {
    for (const { kind, value } of instance.resources) {
      if (kind === 'runc' || kind === 'crun') {
        if (!existsSync(join(OCI_STATE_ROOTS[kind], value))) continue;
        const bin = findExecutable(kind);
        if (bin) {
          try {
            execFileSync(bin, ['delete', '--force', value], { stdio: 'ignore', timeout: 10_000 });
            done.push(`${kind} delete ${value}`);
          } catch {
            done.push(`${kind} delete ${value} FAILED`);
          }
        }
        for (const dir of cgroupDirs(detectCgroupMode(), value)) {
          if (!existsSync(dir)) continue;
          try { rmdirSync(dir); done.push(`removed cgroup ${dir}`); } catch { done.push(`cgroup ${dir} could not be removed`); }
        }
      } else if (kind === 'dir' && existsSync(value)) {
        rmSync(value, { recursive: true, force: true });
        done.push(`removed ${value}`);
      } else if (kind === 'cgroup' && existsSync(value)) {
        try { rmdirSync(value); done.push(`removed cgroup ${value}`); } catch { done.push(`cgroup ${value} could not be removed`); }
      }
    }
  }
  rmSync(left.journal, { force: true });
  return done;
}
