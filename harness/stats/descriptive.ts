/** Basic moments. Inputs are plain arrays of finite numbers (ms). */

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty sample');
  // Running mean: avoids the overflow/precision loss of summing first (cf. tinybench's average).
  let m = 0;
  for (let i = 0; i < values.length; i++) m += ((values[i] as number) - m) / (i + 1);
  return m;
}

/** Sample variance (divisor n − 1); null when n < 2 because it is undefined. */
export function sampleVariance(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return ss / (n - 1);
}

/** Sample standard deviation (n − 1); null when n < 2. */
export function sampleSd(values: readonly number[]): number | null {
  const v = sampleVariance(values);
  return v === null ? null : Math.sqrt(v);
}
