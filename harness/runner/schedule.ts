/**
 * The order of launches. Interleaved (default): round-robin across runtimes, so host drift
 * (thermal, a noisy neighbour) hits all runtimes alike; each round starts one runtime later than
 * the previous, so no runtime always runs right after the same other one. Warmups come first and
 * are recorded but not summarized. Sequential: all of one runtime, then the next.
 */
import type { SampleOrder } from '../scenario/types.js';

export interface PlannedLaunch<R> {
  runtime: R;
  iteration: number;
  warmup: boolean;
}

export function schedule<R>(runtimes: R[], iterations: number, warmup: number, order: SampleOrder): PlannedLaunch<R>[] {
  const plan: PlannedLaunch<R>[] = [];
  const k = runtimes.length;
  if (order === 'sequential') {
    for (const runtime of runtimes) {
      for (let i = 0; i < warmup; i++) plan.push({ runtime, iteration: i, warmup: true });
      for (let i = 0; i < iterations; i++) plan.push({ runtime, iteration: i, warmup: false });
    }
    return plan;
  }
  const rounds = (count: number, isWarmup: boolean): void => {
    for (let r = 0; r < count; r++) {
      for (let j = 0; j < k; j++) plan.push({ runtime: runtimes[(r + j) % k]!, iteration: r, warmup: isWarmup });
    }
  };
  rounds(warmup, true);
  rounds(iterations, false);
  return plan;
}
