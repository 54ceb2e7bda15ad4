/**
 * How the report page's charts print numbers: tick labels and tooltips. The page's script
 * (reports/page/browser/page-script.ts) imports these, and the build links this module into it, so
 * they exist once and Node-side tests can call them. Keep this module free of Node and the DOM: it
 * runs in the reader's browser (tsconfig.page.json type-checks it that way). Durations on axes are
 * harness/format-duration.ts's formatDurationMs, counts format-numbers.ts's formatCount.
 */

import { formatCount } from '../format-numbers.js';

/** Memory ticks sit on round values (1-2-5, or the linear step): no padding zeros ("0.5 MiB", not "0.500 MiB"). */
export function mibTick(v: number): string {
  return String(Number(v.toPrecision(3))) + ' MiB';
}
/** Tooltips give the recorded value to the microsecond: the reader asked for this exact point. */
export function exactMs(v: number | null | undefined): string {
  return v == null ? '—' : String(Math.round(v * 1000) / 1000) + ' ms';
}
/** Memory: MiB to two decimals, and the exact bytes when the data carries them. */
export function exactMiB(v: number | null | undefined, bytes: number | null | undefined): string {
  if (v == null) return '—';
  const text = String(Math.round(v * 100) / 100) + ' MiB';
  return bytes == null ? text : text + ' (' + formatCount(bytes) + ' bytes)';
}
/** A fraction as a percentage to one decimal: 0.505 → "50.5%". */
export function percent(v: number): string {
  return String(Math.round(v * 1000) / 10) + '%';
}
export function times(v: number): string {
  return String(Number(v.toPrecision(3))) + '\u00d7';
}
export function exactTimes(v: number | null | undefined): string {
  return v == null ? '—' : String(Math.round(v * 1000) / 1000) + '\u00d7';
}
export function cores(v: number): string {
  return String(Number(v.toPrecision(3))) + ' cores';
}
export function exactCores(v: number | null | undefined): string {
  return v == null ? '—' : String(Math.round(v * 1000) / 1000) + ' cores';
}
