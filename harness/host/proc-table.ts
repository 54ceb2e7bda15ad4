/**
 * Reading the host's process table from /proc: which processes descend from an instance's root
 * process, and whether a recorded process is still the same one (pid plus start time, since pids
 * are reused).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  /** Start time in clock ticks since boot: with the pid, identifies one process for life. */
  startTime: number;
  state: string;
  /** The command name (kernel's comm, at most 15 characters). */
  comm: string;
  /** User + system CPU time so far, in clock ticks (USER_HZ: 100 per second on Linux). */
  cpuTicks: number;
}

/** /proc reports CPU times in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
export const USER_HZ = 100;

export function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    state: fields[0] ?? '?',
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    startTime: Number(fields[19]),
    cpuTicks: Number(fields[11]) + Number(fields[12]),
    comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
  };
}

/**
 * True while the process recorded as (pid, startTime) still runs. A zombie does not count: it
 * has exited and released its memory; only its exit status waits for the parent.
 */
export function isStillRunning(pid: number, startTime: number): boolean {
  const stat = readProcStat(pid);
  return stat !== null && stat.startTime === startTime && stat.state !== 'Z' && stat.state !== 'X';
}

/**
 * Descendants via /proc/<pid>/task/<tid>/children: cost grows with the instance's own tree, not
 * with every process on the host, which matters when hundreds of instances are up. Every thread
 * is read because a multi-threaded runtime (runc is Go) may fork from any of them.
 */
export function descendantPids(rootPid: number): number[] {
  const out: number[] = [rootPid];
  for (let i = 0; i < out.length; i++) {
    const pid = out[i]!;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const tid of tids) {
      let text: string;
      try {
        text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of text.split(' ')) if (child.trim()) out.push(Number(child));
    }
  }
  return out;
}
