/**
 * A journal of everything a run launches, so that `vmbench cleanup` can remove what a killed
 * harness (SIGKILL, power loss) left behind. Append-only, one JSON line per event: O(1) per
 * instance however many run. Written without fsync: the page cache survives a killed process,
 * and an fsync per launch would sit inside the startup being measured.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readProcStat } from '../host/proc-table.js';

/**
 * 'dir', 'cgroup' and 'mount' (a mount point, unmounted in reverse order of recording) are
 * removed by lifecycle/cleanup.ts, and so is a workload's device plumbing (plumbing/):
 * 'file' (a disk's backing file), 'netns' (a named network namespace), 'link' (a tap or veth),
 * 'loop' (the loop devices over a file, by the file's path);
 * any other kind belongs to a backend (runtimes/backend.ts ResourceKind), e.g. an OCI runtime's
 * container id.
 */
export type ResourceKindName = 'dir' | 'cgroup' | 'mount' | 'file' | 'netns' | 'link' | 'loop' | (string & {});

export type JournalEntry =
  | { op: 'run'; harnessPid: number; harnessStart: number; runId: string; at: string }
  | { op: 'begin'; id: string; runtime: string }
  | { op: 'pid'; id: string; pid: number; startTime: number }
  | { op: 'resource'; id: string; kind: ResourceKindName; value: string }
  | { op: 'end'; id: string };

export interface TrackedInstance {
  process(pid: number): void;
  resource(kind: ResourceKindName, value: string): void;
  end(): void;
}

export class InstanceTracker {
  readonly #fd: number | null;
  readonly path: string | null;

  /** journalDir null: track nothing (unit tests with the fake runtime). */
  constructor(journalDir: string | null, runId: string) {
    if (journalDir === null) {
      this.#fd = null;
      this.path = null;
      return;
    }
    mkdirSync(journalDir, { recursive: true, mode: 0o700 });
    this.path = join(journalDir, `${runId}.journal`);
    this.#fd = openSync(this.path, 'wx', 0o600);
    const self = readProcStat(process.pid);
    this.#write({ op: 'run', harnessPid: process.pid, harnessStart: self?.startTime ?? 0, runId, at: new Date().toISOString() });
  }

  begin(id: string, runtime: string): TrackedInstance {
    this.#write({ op: 'begin', id, runtime });
    return {
      process: (pid) => {
        const stat = readProcStat(pid);
        if (stat) this.#write({ op: 'pid', id, pid, startTime: stat.startTime });
      },
      resource: (kind, value) => this.#write({ op: 'resource', id, kind, value }),
      end: () => this.#write({ op: 'end', id }),
    };
  }

  /** The run ended with everything torn down: the journal has nothing left to say. */
  close(): void {
    if (this.#fd === null || this.path === null) return;
    closeSync(this.#fd);
    rmSync(this.path, { force: true });
  }

  #write(entry: JournalEntry): void {
    if (this.#fd !== null) writeSync(this.#fd, `${JSON.stringify(entry)}\n`);
  }
}
