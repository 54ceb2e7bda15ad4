/**
 * Command-line values checked like scenario fields: each message names the flag, the value and
 * what was expected.
 */
import { UserError } from './exit-codes.js';

export function parseIntFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw new UserError(`${flag}: expected a whole number from ${min} to ${max}, found "${value}"`);
  }
  return n;
}

export function parseListFlag(flag: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UserError(`${flag}: expected a comma-separated list of names, found "${value}"`);
  return items;
}
