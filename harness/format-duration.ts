/**
 * The one place a duration in milliseconds becomes text. Three named variants because the three
 * readers differ: a terminal line wants the unit scaled to the size ("2.30 s"), the report's
 * tables keep one unit per column ("2300 ms"), a warning sentence reads best short ("12.3 ms").
 * Three significant digits: timing noise on a shared host is larger than that. The report page's
 * script links this module in (scripts/build-page-script.mjs): keep it free of Node and the DOM.
 */

const DASH = '—';

/** 3 significant digits without exponent notation: 2013.4 → "2010", 4.8712 → "4.87", 25 → "25.0". */
export function threeSignificant(value: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(3));
  // toPrecision switches to exponent notation from 1e21 up or for tiny values: print plainly.
  if (Math.abs(rounded) >= 1000) return Math.round(rounded).toString();
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(rounded))));
  return rounded.toFixed(Math.min(digits, 20));
}

/** Terminal: unit chosen by size, "2.30 s", "12.3 ms", "450 µs". */
export function formatDurationScaled(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (Math.abs(ms) >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

/** Report tables: always milliseconds, "2300 ms", "4.87 ms". */
export function formatDurationMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? DASH : `${threeSignificant(ms)} ms`;
}

/** Warning sentences: whole milliseconds from 100 up, one decimal below, "2300 ms", "12.3 ms". */
export function formatDurationBrief(ms: number): string {
  return `${Math.abs(ms) >= 100 ? Math.round(ms) : ms.toFixed(1)} ms`;
}
