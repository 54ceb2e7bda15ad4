/**
 * "The VM is N× slower than the container": a ratio of medians with a bootstrap interval.
 * VM and container samples are independent launches (no pairing), so each group is resampled
 * on its own.
 */
import { MIN_BOOTSTRAP_N, percentileInterval, resampleMedian, resolveBootstrapOptions, type BootstrapOptions } from './bootstrap.js';
import { medianSorted, sortAscending } from './percentile.js';
import { mulberry32 } from './prng.js';

export interface RatioOfMedians {
  ratio: number;
  /** null when either group has fewer than 3 values or a resampled ratio is not finite. */
  ci95: [number, number] | null;
}

/**
 * median(slow) / median(fast).
 * @throws RangeError when either group is empty
 */
export function ratioOfMedians(slow: readonly number[], fast: readonly number[], options?: BootstrapOptions): RatioOfMedians {
  if (slow.length === 0 || fast.length === 0) throw new RangeError('ratio of medians of an empty sample');
  // Sorted so the interval depends on the values only, not on their measurement order.
  const s = sortAscending(slow);
  const f = sortAscending(fast);
  const ratio = medianSorted(s) / medianSorted(f);
  if (s.length < MIN_BOOTSTRAP_N || f.length < MIN_BOOTSTRAP_N) return { ratio, ci95: null };
  const { resamples, seed, confidence } = resolveBootstrapOptions(options);
  const rng = mulberry32(seed);
  const sScratch = new Array<number>(s.length);
  const fScratch = new Array<number>(f.length);
  const estimates = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    const e = resampleMedian(s, rng, sScratch) / resampleMedian(f, rng, fScratch);
    // A zero median in the denominator (timer granularity) makes the interval meaningless.
    if (!Number.isFinite(e)) return { ratio, ci95: null };
    estimates[r] = e;
  }
  return { ratio, ci95: percentileInterval(estimates, confidence) };
}
