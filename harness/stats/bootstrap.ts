/**
 * Percentile bootstrap. Timing samples are skewed (a long right tail from host noise), so a
 * normal-theory interval for the median would be wrong; resampling makes no such assumption.
 * A fixed seed keeps reports reproducible: the same samples always give the same interval.
 */
import { medianSorted, percentileSorted, sortAscending } from './percentile.js';
import { DEFAULT_SEED, mulberry32, type Rng } from './prng.js';

export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** PRNG seed (default DEFAULT_SEED). */
  seed?: number;
  /** Confidence level (default 0.95). */
  confidence?: number;
}

/** Below this many values a bootstrap only reshuffles the same few numbers: no interval. */
export const MIN_BOOTSTRAP_N = 3;

const DEFAULTS = { resamples: 2000, seed: DEFAULT_SEED, confidence: 0.95 } as const;

export function resolveBootstrapOptions(options: BootstrapOptions = {}): Required<BootstrapOptions> {
  return { ...DEFAULTS, ...options };
}

/** Median of a resample with replacement, reusing `scratch` to avoid 2000 allocations. */
export function resampleMedian(values: readonly number[], rng: Rng, scratch: number[]): number {
  const n = values.length;
  for (let i = 0; i < n; i++) scratch[i] = values[Math.floor(rng() * n)] as number;
  scratch.sort((a, b) => a - b);
  return medianSorted(scratch);
}

/** The central `confidence` interval of a bootstrap distribution. */
export function percentileInterval(estimates: number[], confidence: number): [number, number] {
  const sorted = sortAscending(estimates);
  const alpha = (1 - confidence) / 2;
  return [percentileSorted(sorted, alpha * 100), percentileSorted(sorted, (1 - alpha) * 100)];
}

/**
 * Bootstrap confidence interval of the median; null when n < 3. Values are sorted first so the
 * interval depends only on the values, not on the order they were measured in.
 */
export function bootstrapMedianCi(values: readonly number[], options?: BootstrapOptions): [number, number] | null {
  if (values.length < MIN_BOOTSTRAP_N) return null;
  const { resamples, seed, confidence } = resolveBootstrapOptions(options);
  const sorted = sortAscending(values);
  const rng = mulberry32(seed);
  const scratch = new Array<number>(sorted.length);
  const estimates = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) estimates[r] = resampleMedian(sorted, rng, scratch);
  return percentileInterval(estimates, confidence);
}
