/**
 * The `density:` mapping: how many idle instances to launch per runtime and when to stop. Sizes
 * and durations are converted here (bytes, ms) so defaults.ts only fills in what is omitted.
 */
import { isMap, isScalar } from 'yaml';
import type { Checker, Field } from './checker.js';
import { suggestion } from './did-you-mean.js';
import { child, oneOf, readBoolean, readDuration, readInteger, readMapping, readNumber, scalarValue } from './fields.js';
import type { DensityOptions } from './types.js';
import { parseSizeMiB } from './units.js';
import type { HostLimits } from './validate-runtime.js';

/** The density block as written: every key optional, already in bytes and ms. */
export type DensityInput = Partial<DensityOptions>;

const DENSITY_KEYS = [
  'max',
  'maxPerRuntime',
  'reserve',
  'reservePercent',
  'startupLimit',
  'failureStreak',
  'ksm',
  'ksmTimeout',
  'dropCaches',
] as const;
export const MAX_INSTANCES = 5000;
export const MAX_FAILURE_STREAK = 100;
/** Above this the reserve leaves too little to launch anything on a real host. */
export const MAX_RESERVE_PERCENT = 90;
const MAX_DENSITY_DURATION_MS = 3_600_000;
const BYTES_PER_MIB = 1024 * 1024;

export const DENSITY_EXPECTED = `a mapping of density options (${DENSITY_KEYS.join(', ')})`;

/**
 * @param runtimeNames the scenario's runtime names, or undefined when `runtimes:` has problems of
 *   its own (maxPerRuntime names are then not checked, so one typo is not reported twice)
 */
export function readDensity(c: Checker, field: Field, runtimeNames: string[] | undefined, host: HostLimits): DensityInput | undefined {
  const f = readMapping(c, field, DENSITY_KEYS, DENSITY_EXPECTED);
  if (f === undefined) return undefined;
  return {
    max: f.max && readInteger(c, f.max, 1, MAX_INSTANCES),
    maxPerRuntime: f.maxPerRuntime && readMaxPerRuntime(c, f.maxPerRuntime, runtimeNames),
    reserveBytes: f.reserve && readReserve(c, f.reserve, host),
    reservePercent: f.reservePercent && readNumber(c, f.reservePercent, 0, MAX_RESERVE_PERCENT),
    startupLimitMs: f.startupLimit && readDuration(c, f.startupLimit, MAX_DENSITY_DURATION_MS, '1h'),
    failureStreak: f.failureStreak && readInteger(c, f.failureStreak, 1, MAX_FAILURE_STREAK),
    ksm: f.ksm && readBoolean(c, f.ksm),
    ksmTimeoutMs: f.ksmTimeout && readDuration(c, f.ksmTimeout, MAX_DENSITY_DURATION_MS, '1h'),
    dropCaches: f.dropCaches && readBoolean(c, f.dropCaches),
  };
}

/** runtime name → its own maximum; a name that is not one of the scenario's runtimes would be ignored silently. */
function readMaxPerRuntime(c: Checker, field: Field, runtimeNames: string[] | undefined): Record<string, number> | undefined {
  const node = c.resolve(field.value);
  if (!isMap(node)) {
    c.wrong(field, 'a mapping of runtime name to maximum instances, like {qemu-q35: 24}');
    return undefined;
  }
  const out: Record<string, number> = {};
  let ok = true;
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? pair.key.value : undefined;
    const path = child(field.path, typeof name === 'string' ? name : '?');
    if (typeof name !== 'string') {
      c.report(
        { path, value: pair.key },
        'a runtime name',
        c.describe(pair.key),
        `expected a runtime name as a key, found ${c.describe(pair.key)}`,
      );
      ok = false;
      continue;
    }
    if (runtimeNames !== undefined && !runtimeNames.includes(name)) {
      const hint = suggestion(name, runtimeNames) || ` (this scenario's runtimes: ${runtimeNames.join(', ')})`;
      c.report(
        { path, value: pair.key },
        `one of ${oneOf(runtimeNames)}`,
        JSON.stringify(name),
        `no runtime ${JSON.stringify(name)} in this scenario${hint}`,
      );
      ok = false;
    }
    const max = readInteger(c, { path, value: pair.value, key: pair.key }, 1, MAX_INSTANCES);
    if (max === undefined) ok = false;
    else out[name] = max;
  }
  return ok ? out : undefined;
}

/** A size from 0 to the host's memory, in bytes (fractions of a MiB are fine: it is a threshold). */
function readReserve(c: Checker, field: Field, host: HostLimits): number | undefined {
  const value = scalarValue(c, field);
  const mib = typeof value === 'string' || typeof value === 'number' ? parseSizeMiB(value) : undefined;
  if (mib === undefined) {
    c.wrong(field, 'a size like 512M or 2G (or a number of MiB)');
  } else if (mib < 0 || mib > host.memTotalMiB) {
    c.wrong(field, `a size from 0 to ${host.memTotalMiB}M (this host's memory)`, typeof value === 'string' ? ` (${mib} MiB)` : ' MiB');
  } else {
    return Math.round(mib * BYTES_PER_MIB);
  }
  return undefined;
}
