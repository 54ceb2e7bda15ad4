/**
 * Sizes and durations as people write them in scenario files. Parsers return undefined for text
 * they cannot read; range checks belong to the validator, which knows the field and the host.
 * A leading minus is parsed so "-5s" gets "must be greater than 0" rather than "bad format".
 */

// Binary multiples whatever the spelling: QEMU's -m reads "1G" as GiB, and so do users.
const MIB_PER_UNIT: Record<string, number> = { k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };
const SIZE = /^(-?\d+(?:\.\d+)?)\s*(?:([kmgt])i?b?)?$/i;

/** "128M", "1.5G", "512MiB", "256" or 256 → MiB (a bare number is MiB). May be fractional. */
export function parseSizeMiB(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = SIZE.exec(value.trim());
  if (match === null) return undefined;
  const unit = (match[2] ?? 'm').toLowerCase();
  return Number(match[1]) * MIB_PER_UNIT[unit]!;
}

const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(-?\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;

/** "500ms", "60s", "2m", "1h", "90" or 90 → ms (a bare number is seconds). */
export function parseDurationMs(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  const match = DURATION.exec(value.trim());
  if (match === null) return undefined;
  return Number(match[1]) * MS_PER_UNIT[match[2] ?? 's']!;
}

const PERCENT = /^(-?\d+(?:\.\d+)?)\s*%?$/;

/** "5%", "2.5 %", "5" or 5 → 0.05 (a bare number is percent). */
export function parsePercent(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value / 100 : undefined;
  const match = PERCENT.exec(value.trim());
  return match === null ? undefined : Number(match[1]) / 100;
}
