/**
 * When a density run stops adding instances. Checked before each launch (memory reserve: the
 * host must never be pushed toward OOM) and after it (maximum, startup limit, failure streak).
 */
import type { DensityEnd } from '../results/format.js';

export interface StopState {
  running: number;
  max: number;
  memAvailableBytes: number;
  reserveBytes: number;
  /** What the next instance is expected to take (last measured cost, or a cautious guess). */
  nextCostBytes: number;
  lastStartupMs: number | null;
  startupLimitMs: number;
  failureStreak: number;
  maxFailureStreak: number;
}

export type StopVerdict = { stop: false } | { stop: true; reason: DensityEnd['stopReason']; detail: string };

const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MiB`;

export function shouldStop(s: StopState): StopVerdict {
  if (s.running >= s.max) return { stop: true, reason: 'max', detail: `reached the scenario's maximum of ${s.max} instances` };
  if (s.failureStreak >= s.maxFailureStreak) {
    return { stop: true, reason: 'failures', detail: `${s.failureStreak} launches in a row failed` };
  }
  if (s.lastStartupMs !== null && s.lastStartupMs > s.startupLimitMs) {
    return {
      stop: true,
      reason: 'startup-limit',
      detail: `the last startup took ${s.lastStartupMs.toFixed(0)} ms, over the limit of ${s.startupLimitMs} ms`,
    };
  }
  if (s.memAvailableBytes - s.nextCostBytes < s.reserveBytes) {
    return {
      stop: true,
      reason: 'reserve',
      detail: `one more instance (~${mib(s.nextCostBytes)}) would leave less than the reserve of ${mib(s.reserveBytes)} available (now ${mib(s.memAvailableBytes)})`,
    };
  }
  return { stop: false };
}

/** The reserve: the larger of an absolute amount and a share of the host's memory. */
export function reserveBytes(memTotalBytes: number, absolute: number, percent: number): number {
  return Math.max(absolute, Math.round((memTotalBytes * percent) / 100));
}
