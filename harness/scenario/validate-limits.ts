/**
 * The `limits:` mapping (claim C5): how far the memory hog reaches past the runtime's memory
 * limit and how long the CPU loop runs. Converted to bytes and ms here.
 */
import type { Checker, Field } from './checker.js';
import { readDuration, readMapping, scalarValue } from './fields.js';
import type { LimitsOptions } from './types.js';
import { parseSizeMiB } from './units.js';
import type { HostLimits } from './validate-runtime.js';

export type LimitsInput = Partial<LimitsOptions>;

const LIMITS_KEYS = ['hog', 'cpuTime'] as const;
export const LIMITS_EXPECTED = `a mapping of limits options (${LIMITS_KEYS.join(', ')})`;
/** The CPU loop is timed to the second by the workload; an hour is more than any scenario needs. */
const MAX_CPU_TIME_MS = 3_600_000;

export function readLimits(c: Checker, field: Field, host: HostLimits): LimitsInput | undefined {
  const f = readMapping(c, field, LIMITS_KEYS, LIMITS_EXPECTED);
  if (f === undefined) return undefined;
  return {
    hogBytes: f.hog && readHog(c, f.hog, host),
    cpuTimeMs: f.cpuTime && readDuration(c, f.cpuTime, MAX_CPU_TIME_MS, '1h'),
  };
}

/** Whole MiB, at least 1, at most half the host's memory: a hog that escaped must not take the host down. */
function readHog(c: Checker, field: Field, host: HostLimits): number | undefined {
  const value = scalarValue(c, field);
  const mib = typeof value === 'string' || typeof value === 'number' ? parseSizeMiB(value) : undefined;
  const max = Math.floor(host.memTotalMiB / 2);
  if (mib === undefined || !Number.isInteger(mib) || mib < 1 || mib > max) {
    c.wrong(field, `a whole size from 1M to ${max}M (half this host's memory)`);
    return undefined;
  }
  return mib * 1024 * 1024;
}
