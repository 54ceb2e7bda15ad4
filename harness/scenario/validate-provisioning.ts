/**
 * The `provisioning:` mapping (claims C7, C8): how many instances each method makes, how large
 * the base is, which methods, and how many blocks the first-write test writes.
 */
import type { Checker, Field } from './checker.js';
import { readEnum, readInteger, readList, readMapping, scalarValue } from './fields.js';
import type { ProvisioningMethodName, ProvisioningOptions } from './types.js';
import { parseSizeMiB } from './units.js';

export type ProvisioningInput = Partial<ProvisioningOptions>;

const PROVISIONING_KEYS = ['instances', 'fullCopies', 'baseSize', 'methods', 'writeBlocks', 'writeRounds'] as const;
export const PROVISIONING_EXPECTED = `a mapping of provisioning options (${PROVISIONING_KEYS.join(', ')})`;
export const PROVISIONING_METHODS = ['copy', 'overlay', 'btrfs', 'qcow2'] as const satisfies readonly ProvisioningMethodName[];
/** A base below the guest image's own root (a few MiB) plus the C8 file would not be "realistic"; 16 MiB is a floor for tests. */
const MIN_BASE_MIB = 16;
/** Every clone of every method lives in the run's work dir: at most 2 GiB of base (full copies multiply it). */
const MAX_BASE_MIB = 2048;
const MAX_INSTANCES = 1000;
const MAX_WRITE_BLOCKS = 1024;
const MAX_WRITE_ROUNDS = 100;

export function readProvisioning(c: Checker, field: Field): ProvisioningInput | undefined {
  const f = readMapping(c, field, PROVISIONING_KEYS, PROVISIONING_EXPECTED);
  if (f === undefined) return undefined;
  const input: ProvisioningInput = {
    instances: f.instances && readInteger(c, f.instances, 1, MAX_INSTANCES),
    fullCopies: f.fullCopies && readInteger(c, f.fullCopies, 1, MAX_INSTANCES),
    baseBytes: f.baseSize && readBaseSize(c, f.baseSize),
    methods: f.methods && readMethods(c, f.methods),
    writeBlocks: f.writeBlocks && readInteger(c, f.writeBlocks, 1, MAX_WRITE_BLOCKS),
    writeRounds: f.writeRounds && readInteger(c, f.writeRounds, 1, MAX_WRITE_ROUNDS),
  };
  if (f.writeRounds && input.writeRounds !== undefined && input.instances !== undefined && input.writeRounds > input.instances) {
    c.wrong(f.writeRounds, `an integer from 1 to instances (${input.instances}): each round writes to a fresh clone`);
  }
  if (f.fullCopies && input.fullCopies !== undefined && input.instances !== undefined && input.fullCopies > input.instances) {
    c.wrong(f.fullCopies, `an integer from 1 to instances (${input.instances}): full copies are the expensive subset`);
  }
  return input;
}

function readBaseSize(c: Checker, field: Field): number | undefined {
  const value = scalarValue(c, field);
  const mib = typeof value === 'string' || typeof value === 'number' ? parseSizeMiB(value) : undefined;
  if (mib === undefined || !Number.isInteger(mib) || mib < MIN_BASE_MIB || mib > MAX_BASE_MIB) {
    c.wrong(field, `a whole size from ${MIN_BASE_MIB}M to ${MAX_BASE_MIB}M`);
    return undefined;
  }
  return mib * 1024 * 1024;
}

function readMethods(c: Checker, field: Field): ProvisioningMethodName[] | undefined {
  const expected = `a non-empty list of ${PROVISIONING_METHODS.join(', ')}`;
  const items = readList(c, field, expected);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    c.wrong(field, expected);
    return undefined;
  }
  const methods: ProvisioningMethodName[] = [];
  for (const item of items) {
    const m = readEnum(c, item, PROVISIONING_METHODS);
    if (m === undefined) continue;
    if (methods.includes(m)) c.report(item, 'each method once', JSON.stringify(m), `duplicate method ${JSON.stringify(m)}`);
    methods.push(m);
  }
  return methods.length === items.length ? [...new Set(methods)] : undefined;
}
