/**
 * Round-trip times from vmbench-echo's client ("seq=3 rtt_us=61.721" a reply, then
 * "sent=100 received=100"): each reply's own time, so percentiles come from the replies.
 */
import { percentileSorted, sortAscending } from '../stats/percentile.js';

export function echoTimesUs(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/^seq=\d+ rtt_us=([0-9.]+)$/gm)) {
    const us = Number(m[1]);
    if (Number.isFinite(us)) out.push(us);
  }
  return out;
}

/** The p-th percentile (0-100) of the reply times, µs; null with fewer than `min` replies. */
export function echoPercentileUs(text: string, p: number, min = 10): number | null {
  const times = sortAscending(echoTimesUs(text));
  return times.length < min ? null : percentileSorted(times, p);
}
