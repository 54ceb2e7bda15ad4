/**
 * The `runtimes:` list: preset names or mappings with name and type. Keys that only make sense
 * for one kind (memory for a VM, userNamespace for a container) are refused on the other kind
 * rather than ignored, so a scenario never silently measures something else than it says.
 */
import { isMap, isScalar } from 'yaml';
import type { Checker, Field } from './checker.js';
import { suggestion } from './did-you-mean.js';
import {
  child,
  missing,
  oneOf,
  readBoolean,
  readEnum,
  readIdentifier,
  readInteger,
  readList,
  readMapping,
  readNumber,
  scalarValue,
  IDENTIFIER_EXPECTED,
} from './fields.js';
import { RUNTIME_PRESETS, type ContainerRuntimeSpec, type QemuRuntimeSpec } from './types.js';
import { parseSizeMiB } from './units.js';
import type { ProtectedDir } from './validate-workloads.js';

/** What the machine running the benchmark can give one VM. */
export interface HostLimits {
  memTotalMiB: number;
  cores: number;
  /** Dirs no workload path may point into (default: vmbench's results and cache dirs). */
  protectedDirs?: ProtectedDir[];
}

/** A runtime as written: a preset name, or a custom runtime whose omitted keys take defaults. */
export type RuntimeInput =
  | { preset: string }
  | ({ name: string; type: 'qemu' } & Partial<Pick<QemuRuntimeSpec, 'machine' | 'accel' | 'memoryMiB' | 'vcpus' | 'snapshot'>>)
  | ({ name: string; type: ContainerRuntimeSpec['type'] } & Partial<Pick<ContainerRuntimeSpec, 'userNamespace' | 'memoryMiB' | 'cpus'>>)
  | { name: string; type: 'host' };

const RUNTIME_TYPES = ['qemu', 'namespaces', 'runc', 'crun', 'runsc', 'host'] as const;
const MACHINES = ['q35', 'microvm'] as const;
const ACCELS = ['auto', 'kvm', 'tcg'] as const;
const QEMU_ONLY = ['machine', 'accel', 'vcpus', 'snapshot'] as const;
const CONTAINER_ONLY = ['userNamespace', 'cpus'] as const;
/** A VM's RAM, a container's cgroup memory limit: the same key, the same kind of limit. */
const SHARED = ['memory'] as const;
const RUNTIME_KEYS = ['name', 'type', ...QEMU_ONLY, ...CONTAINER_ONLY, ...SHARED] as const;
/** A CFS quota below 1 ms per 100 ms period is refused by the kernel. */
export const MIN_CPUS = 0.01;
/** Below this the guest kernel does not boot. */
export const MIN_MEMORY_MIB = 16;

const PRESET_NAMES = Object.keys(RUNTIME_PRESETS);
const RUNTIME_EXPECTED = `a preset (${oneOf(PRESET_NAMES)}) or a mapping with name and type`;

export function readRuntimes(c: Checker, field: Field, host: HostLimits): RuntimeInput[] | undefined {
  const items = readList(c, field, `a non-empty list of runtimes: ${RUNTIME_EXPECTED}`);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    c.wrong(field, `a non-empty list of runtimes: ${RUNTIME_EXPECTED}`);
    return undefined;
  }
  checkUniqueNames(c, items);
  const runtimes = items.map((item) => readRuntime(c, item, host));
  return runtimes.every((r) => r !== undefined) ? runtimes : undefined;
}

/** Runtime names key the results: two runtimes of one scenario may not share one. */
function checkUniqueNames(c: Checker, items: Field[]): void {
  const seen = new Map<string, string>();
  for (const item of items) {
    const name = nameField(c, item);
    if (name === undefined) continue;
    const value = String(scalarValue(c, name));
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, item.path);
    } else {
      c.report(
        name,
        'a name not used by another runtime of this scenario',
        JSON.stringify(value),
        `duplicate runtime name ${JSON.stringify(value)} (already used by ${first})`,
      );
    }
  }
}

/** Where a runtime's name is written: the preset string itself, or its `name:` value. */
function nameField(c: Checker, item: Field): Field | undefined {
  const node = c.resolve(item.value);
  if (isScalar(node) && typeof node.value === 'string') return item;
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === 'name');
  if (pair === undefined || typeof scalarValue(c, { path: '', value: pair.value }) !== 'string') return undefined;
  return { path: child(item.path, 'name'), value: pair.value, key: pair.key };
}

function readRuntime(c: Checker, item: Field, host: HostLimits): RuntimeInput | undefined {
  const value = scalarValue(c, item);
  if (typeof value !== 'string') return readCustomRuntime(c, item, host);
  if (value in RUNTIME_PRESETS) return { preset: value };
  c.wrong(item, RUNTIME_EXPECTED, suggestion(value, PRESET_NAMES));
  return undefined;
}

function readCustomRuntime(c: Checker, item: Field, host: HostLimits): RuntimeInput | undefined {
  const fields = readMapping(c, item, RUNTIME_KEYS, RUNTIME_EXPECTED);
  if (fields === undefined) return undefined;
  const name = fields.name ? readIdentifier(c, fields.name) : missing(c, item, 'name', IDENTIFIER_EXPECTED);
  const type = fields.type ? readEnum(c, fields.type, RUNTIME_TYPES) : missing(c, item, 'type', oneOf(RUNTIME_TYPES));
  // With the type known, keys of the other kind are refused; unknown, their values are still checked.
  if (type !== undefined)
    refuseKeys(
      c,
      fields,
      type === 'qemu' ? CONTAINER_ONLY : type === 'host' ? [...QEMU_ONLY, ...CONTAINER_ONLY, ...SHARED] : QEMU_ONLY,
      type,
    );
  const isQemu = type === undefined || type === 'qemu';
  const isContainer = type === undefined || (type !== 'qemu' && type !== 'host');
  const machine = isQemu && fields.machine ? readEnum(c, fields.machine, MACHINES) : undefined;
  const accel = isQemu && fields.accel ? readEnum(c, fields.accel, ACCELS) : undefined;
  const memoryMiB = (isQemu || isContainer) && fields.memory ? readMemory(c, fields.memory, host) : undefined;
  const vcpus = isQemu && fields.vcpus ? readInteger(c, fields.vcpus, 1, host.cores, " (this host's cores)") : undefined;
  const snapshot = isQemu && fields.snapshot ? readBoolean(c, fields.snapshot) : undefined;
  // A restored guest waits for its workload on a second serial port, which microvm lacks.
  if (snapshot === true && machine === 'microvm' && fields.snapshot) {
    c.report(
      fields.snapshot,
      'snapshot: true only with machine q35',
      'true',
      'snapshot: true needs machine: q35 (the restored guest is told its workload on a second serial port, which microvm has not)',
    );
  }
  const userNamespace = isContainer && fields.userNamespace ? readBoolean(c, fields.userNamespace) : undefined;
  const cpus = isContainer && fields.cpus ? readNumber(c, fields.cpus, MIN_CPUS, host.cores) : undefined;
  if (name === undefined || type === undefined) return undefined;
  if (type === 'qemu') return { name, type, machine, accel, memoryMiB, vcpus, snapshot };
  if (type === 'host') return { name, type };
  return { name, type, userNamespace, memoryMiB, cpus };
}

function refuseKeys(c: Checker, fields: Partial<Record<string, Field>>, keys: readonly string[], type: string): void {
  const kind =
    type === 'qemu'
      ? 'container runtimes (namespaces, runc, crun, runsc)'
      : type === 'host'
        ? 'qemu or container runtimes (the host runtime takes no options)'
        : 'qemu runtimes (a container takes memory and cpus as cgroup limits)';
  for (const key of keys) {
    const field = fields[key];
    if (field === undefined) continue;
    c.report(
      { path: field.path, value: field.key },
      `no ${key} on a ${type} runtime`,
      c.describe(field.value),
      `${key} applies only to ${kind}, not to type ${type}`,
    );
  }
}

/** A size string or MiB; whole MiB, at least MIN_MEMORY_MIB and no more than the host has. */
function readMemory(c: Checker, field: Field, host: HostLimits): number | undefined {
  const value = scalarValue(c, field);
  const mib = typeof value === 'string' || typeof value === 'number' ? parseSizeMiB(value) : undefined;
  if (mib === undefined) {
    c.wrong(field, 'a size like 128M or 1G (or a number of MiB)');
  } else if (!Number.isInteger(mib)) {
    c.wrong(field, 'a whole number of MiB, like 1536M or 1.5G', typeof value === 'string' ? ` (${mib} MiB)` : '');
  } else if (mib < MIN_MEMORY_MIB || mib > host.memTotalMiB) {
    const expected = `a size from ${MIN_MEMORY_MIB}M to ${host.memTotalMiB}M (this host's memory)`;
    c.wrong(field, expected, typeof value === 'string' ? ` (${mib} MiB)` : ' MiB');
  } else {
    return mib;
  }
  return undefined;
}
