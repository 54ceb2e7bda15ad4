/**
 * One way to print each kind of number, used by the HTML page, the Markdown summary and the
 * tests, so a median reads the same everywhere. Three significant digits: timing noise on a
 * shared host is larger than that, more digits would be false precision (exact values are in
 * the chart tooltips and in summary.json). The report page's script links this module in
 * (scripts/build-page-script.mjs): keep it free of Node and the DOM.
 */

const DASH = '—';

import { threeSignificant } from '../harness/format-duration.js';

// One definition, shared with the terminal and the warnings (durations: formatDurationMs there).
export { threeSignificant };

/** "612×": how many times slower. */
export function formatRatio(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? DASH : `${threeSignificant(ratio)}×`;
}

/** "1990–2030 ms" (one unit for both ends). */
export function formatMsInterval(interval: readonly [number, number] | null | undefined): string {
  if (interval === null || interval === undefined) return DASH;
  return `${threeSignificant(interval[0])}–${threeSignificant(interval[1])} ms`;
}

export function formatRatioInterval(interval: readonly [number, number] | null | undefined): string {
  if (interval === null || interval === undefined) return DASH;
  return `${threeSignificant(interval[0])}–${threeSignificant(interval[1])}×`;
}

/** "1850 … 2400 ms". */
export function formatMsRange(min: number | null, max: number | null): string {
  if (min === null || max === null) return DASH;
  return `${threeSignificant(min)} … ${threeSignificant(max)} ms`;
}

/** Signed difference: "+12.3 ms", "−4.50 ms". */
export function formatMsDelta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  const sign = ms > 0 ? '+' : ms < 0 ? '−' : '±';
  return `${sign}${threeSignificant(Math.abs(ms))} ms`;
}

/** Signed relative change: "+3.2%". */
export function formatPercentDelta(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return DASH;
  const sign = fraction > 0 ? '+' : fraction < 0 ? '−' : '±';
  return `${sign}${threeSignificant(Math.abs(fraction) * 100)}%`;
}

/** Binary units, as `free -h` prints them: "24.0 GiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${threeSignificant(value)} ${units[unit]}`;
}

const MIB = 2 ** 20;

/** Typographic minus for negative figures, as formatMsDelta prints them. */
function signed(text: string): string {
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** Bytes as MiB with 3 significant digits: "192 MiB", "0.453 MiB", "−3.15 MiB" (memory tables use one unit throughout). */
export function formatMiB(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined || !Number.isFinite(bytes) ? DASH : `${signed(threeSignificant(bytes / MIB))} MiB`;
}

/** A slope with its standard error, in the slope's unit: "169 ± 61.4 MiB". No error: "169 MiB". */
export function formatWithError(value: number, stdErr: number | null, unit: string): string {
  const error = stdErr === null || !Number.isFinite(stdErr) ? '' : ` ± ${threeSignificant(stdErr)}`;
  return `${signed(threeSignificant(value))}${error} ${unit}`;
}

/** A plain figure with 3 significant digits and a typographic minus: r², instances per GiB. */
export function formatFigure(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : signed(threeSignificant(value));
}

export function formatNs(ns: number | null | undefined): string {
  return ns === null || ns === undefined || !Number.isFinite(ns) ? DASH : `${threeSignificant(ns)} ns`;
}

/** Whole counts with a thin separator: "100 000" (locale-independent). */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** ISO time → "2025-11-29 08:44:12 UTC": one unambiguous form regardless of the reader's locale. */
export function formatTimestamp(iso: string | null): string {
  if (iso === null) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Duration between two ISO times: "3 min 12 s". */
export function formatDuration(fromIso: string, toIso: string | null): string {
  if (toIso === null) return DASH;
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
