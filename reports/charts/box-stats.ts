/**
 * Box-and-whisker numbers computed in Node from every value, handed to the boxplot plugin
 * precomputed. The plugin would otherwise compute them in the page from the points it is given;
 * when points are thinned for drawing that would make the box inexact.
 */
import { percentileSorted } from '../../harness/stats/percentile.js';
import type { Json } from './chart-spec.js';
import { thinSorted } from './thin-sorted.js';

/** Tukey's fences: whiskers reach the furthest value within 1.5 × IQR of the box. */
const WHISKER_IQR_FACTOR = 1.5;

export interface BoxJson {
  [key: string]: Json;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  whiskerMin: number;
  whiskerMax: number;
  mean: number;
  /** Points drawn (possibly thinned); the plugin draws them jittered over the box. */
  items: number[];
  /** Empty: points beyond the whiskers are already among `items`; drawing them twice would mislead. */
  outliers: number[];
  /** Launches the box summarises (all of them, not just the drawn points). */
  n: number;
  p95: number;
}

/** @param sorted ascending, non-empty */
export function boxFromSorted(sorted: readonly number[], maxPoints: number): { box: BoxJson; thinned: boolean } {
  const q1 = percentileSorted(sorted, 25);
  const q3 = percentileSorted(sorted, 75);
  const iqr = q3 - q1;
  const lowFence = q1 - WHISKER_IQR_FACTOR * iqr;
  const highFence = q3 + WHISKER_IQR_FACTOR * iqr;
  let whiskerMin = q1;
  let whiskerMax = q3;
  let sum = 0;
  for (const v of sorted) {
    sum += v;
    if (v >= lowFence && v < whiskerMin) whiskerMin = v;
    if (v <= highFence && v > whiskerMax) whiskerMax = v;
  }
  const { values, thinned } = thinSorted(sorted, maxPoints);
  return {
    box: {
      min: sorted[0] as number,
      q1,
      median: percentileSorted(sorted, 50),
      q3,
      max: sorted[sorted.length - 1] as number,
      whiskerMin,
      whiskerMax,
      mean: sum / sorted.length,
      items: values,
      outliers: [],
      n: sorted.length,
      p95: percentileSorted(sorted, 95),
    },
    thinned,
  };
}
