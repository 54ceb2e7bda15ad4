/**
 * Command-line values checked like scenario fields: each message names the flag, the value and
 * what was expected.
 */
import { UserError } from './exit-codes.js';
import { checkKernelPath } from '../guest/kernel.js';
import { checkWritableDir } from '../host/file-checks.js';
import { parsePercent } from '../scenario/units.js';

export function parseIntFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw new UserError(`${flag}: expected a whole number from ${min} to ${max}, found "${value}"`);
  }
  return n;
}

/** "3%" (or 3, percent) → 0.03, within [min, max] (fractions). */
export function parsePercentFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = parsePercent(value);
  if (n === undefined || n < min || n > max) {
    throw new UserError(
      `${flag}: expected a percentage from ${Number((min * 100).toPrecision(6))}% to ${Number((max * 100).toPrecision(6))}%, like 3%, found "${value}"`,
    );
  }
  return n;
}

export function parseListFlag(flag: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UserError(`${flag}: expected a comma-separated list of names, found "${value}"`);
  return items;
}

/** --kernel names a file the harness will read: refused before anything starts if it cannot be one. */
export function checkKernelFlag(value: string | undefined): void {
  if (value === undefined) return;
  const checked = checkKernelPath(value);
  if (!checked.ok) throw new UserError(`--kernel ${JSON.stringify(value)}: ${checked.problem}`);
}

/** --out is the results root: the run writes DIR/<run-id>/ in it, creating DIR if needed. */
export function checkOutFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const checked = checkWritableDir(value);
  if (!checked.ok)
    throw new UserError(`--out ${JSON.stringify(value)}: ${checked.problem} (--out is a directory; the run writes <DIR>/<run-id>/ in it)`);
  return checked.value;
}
