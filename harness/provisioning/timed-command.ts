/**
 * Runs one host command synchronously, timed from just before the spawn to its exit (so the
 * spawn is inside every time: spawnFloorMs says how much of it that is). An argv array, never
 * a shell. Throws with the command and its stderr when it fails.
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

/** Median time to spawn `true` the same way, ms: process creation, the floor under every method's time. */
export function spawnFloorMs(truePath: string, n = 11): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(timedCommand(truePath, []).ms);
  return percentile(times, 50);
}
