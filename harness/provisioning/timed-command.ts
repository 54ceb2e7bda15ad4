/**
 * Runs one host command synchronously, timed from just before the spawn to its exit (so the
 * spawn is inside every time: spawnFloorMs says how much of it that is). An argv array, never
 * a shell. Throws with the command and its stderr when it fails.
 *
 * The times that are results go through vmbench-timed (timed-exec.c) when it is built: a small
 * C parent spawns the command and reports the time on fd 3. From the harness itself a spawn
 * costs 4-7 ms here (Node forks a large process), which would be most of an overlay mount's time.
 */
import { spawnSync } from 'node:child_process';
import { percentile } from '../stats/percentile.js';

export interface Timed {
  ms: number;
  stdout: string;
}

export const COMMAND_TIMEOUT_MS = 120_000;

export function timedCommand(file: string, args: readonly string[], timeoutMs = COMMAND_TIMEOUT_MS): Timed {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new Error(`${file} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    const why = r.signal ? `killed by ${r.signal}${r.signal === 'SIGTERM' ? ` (timeout ${timeoutMs / 1000} s)` : ''}` : `exit ${r.status}`;
    throw new Error(`${file} ${args.join(' ')}: ${why}: ${(r.stderr ?? '').trim().slice(-500)}`);
  }
  return { ms, stdout: r.stdout ?? '' };
}

export type CommandTimer = (file: string, args: readonly string[]) => Timed;

/** A timer through vmbench-timed when given, else timedCommand's own (Node) clock. */
export function commandTimer(helper: string | null): CommandTimer {
  if (helper === null) return (file, args) => timedCommand(file, args);
  return (file, args) => {
    const r = spawnSync(helper, [file, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      timeout: COMMAND_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw new Error(`${file} ${args.join(' ')}: ${r.error.message}`);
    if (r.status !== 0)
      throw new Error(
        `${file} ${args.join(' ')}: ${r.signal ? `killed by ${r.signal}` : `exit ${r.status}`}: ${(r.stderr ?? '').trim().slice(-500)}`,
      );
    const ns = Number((r.output[3] as string | null)?.trim());
    if (!Number.isFinite(ns)) throw new Error(`${helper} reported no time for ${file}`);
    return { ms: ns / 1e6, stdout: r.stdout ?? '' };
  };
}

/** Median time to spawn `true` the same way, ms: process creation, the floor under every method's time. */
export function spawnFloorMs(timer: CommandTimer, truePath: string, n = 11): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(timer(truePath, []).ms);
  return percentile(times, 50);
}
