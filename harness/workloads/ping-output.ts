/**
 * Round-trip times from ping's reply lines ("64 bytes from 10.0.0.1: seq=3 ttl=64 time=0.095 ms",
 * busybox and iputils alike): each reply's own time, so percentiles come from the replies rather
 * than from ping's min/avg/max summary.
 */
import { percentileSorted, sortAscending } from '../stats/percentile.js';

export function pingTimesUs(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/ time=([0-9.]+) ms/g)) {
    const ms = Number(m[1]);
    if (Number.isFinite(ms)) out.push(ms * 1000);
  }
  return out;
}

/** The p-th percentile (0-100) of the reply times, µs; null with fewer than `min` replies. */
export function pingPercentileUs(text: string, p: number, min = 10): number | null {
  const times = sortAscending(pingTimesUs(text));
  return times.length < min ? null : percentileSorted(times, p);
}
