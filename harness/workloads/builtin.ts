/**
 * The built-in performance workloads, all driven by Debian's sysbench 1.0 (the same binary and
 * library closure in every runtime). Work is fixed (a number of events, not a duration) and
 * small, because VMs may run under TCG, where CPU-bound work runs 10-30x slower than native:
 *   cpu      sysbench cpu, primes up to 10000: 1000 events with 1 thread, then 1000 per thread
 *            with N = the instance's CPUs (nproc: a VM's vCPUs, the host's cores otherwise).
 *            ~0.3 s on the reference host, ~1.2 s in a q35 TCG guest.
 *   memory   sysbench memory, sequential, a 32 MiB block (larger than the caches, small enough for
 *            a 128 MiB guest), 2 GiB read, then 2 GiB written: ~0.15 s native, ~0.5 s under TCG.
 *   syscall  getppid() through LuaJIT's FFI inside sysbench (a real syscall each time: glibc does
 *            not cache it), 1000 events of 1000 calls; ns per call = total time / calls.
 *            ~70 ms native, ~0.6 s under TCG.
 */
import type { MetricDef, PerformanceWorkload } from './definition.js';
import { performanceScript, step } from './performance-script.js';
import { eventsPerSecond, mibPerSecond, totalEvents, totalTimeS } from './sysbench-output.js';
import { readSteps } from './read-steps.js';
import { disk } from './disk.js';
import { network } from './network.js';

export const CPU_EVENTS = 1000;
export const CPU_MAX_PRIME = 10_000;
export const MEMORY_BLOCK = '32M';
export const MEMORY_TOTAL = '2G';
export const SYSCALL_EVENTS = 1000;
export const SYSCALL_CALLS_PER_EVENT = 1000;

const SYSBENCH = 'sysbench';
const TIME_LIMIT_MS = 180_000;

const cpuMetrics = {
  one: { name: 'events_per_s_1t', unit: 'events/s', better: 'higher' },
  oneWall: { name: 'wall_s_1t', unit: 's', better: 'lower' },
  all: { name: 'events_per_s_nt', unit: 'events/s', better: 'higher' },
  allWall: { name: 'wall_s_nt', unit: 's', better: 'lower' },
} as const satisfies Record<string, MetricDef>;

const cpuCommand = (threads: string, events: string): string =>
  `${SYSBENCH} cpu --threads=${threads} --events=${events} --time=0 --cpu-max-prime=${CPU_MAX_PRIME} run`;

const cpu: PerformanceWorkload = {
  name: 'cpu',
  description: `sysbench cpu (primes to ${CPU_MAX_PRIME}), ${CPU_EVENTS} events on 1 thread, then ${CPU_EVENTS} per thread on every CPU`,
  origin: 'builtin',
  script: performanceScript({
    name: 'cpu',
    description: 'sysbench cpu, fixed events, 1 thread then one per CPU',
    body: [
      'n=$(nproc)',
      ...step('one', { threads: '1' }, cpuCommand('1', String(CPU_EVENTS))),
      ...step('all', { threads: '$n' }, cpuCommand('$n', `$((${CPU_EVENTS} * n))`)),
    ],
  }),
  scriptFiles: {},
  binaries: [SYSBENCH],
  files: [],
  bundled: [],
  devices: [],
  timeLimitMs: TIME_LIMIT_MS,
  metrics: Object.values(cpuMetrics),
  parse: (output) =>
    readSteps(output, [
      { metric: cpuMetrics.one, step: 'one', read: eventsPerSecond },
      { metric: cpuMetrics.oneWall, step: 'one', read: totalTimeS },
      { metric: cpuMetrics.all, step: 'all', read: eventsPerSecond },
      { metric: cpuMetrics.allWall, step: 'all', read: totalTimeS },
    ]),
};

const memoryMetrics = {
  read: { name: 'read_mib_s', unit: 'MiB/s', better: 'higher' },
  write: { name: 'write_mib_s', unit: 'MiB/s', better: 'higher' },
} as const satisfies Record<string, MetricDef>;

const memoryCommand = (op: 'read' | 'write'): string =>
  `${SYSBENCH} memory --threads=1 --memory-block-size=${MEMORY_BLOCK} --memory-total-size=${MEMORY_TOTAL} --memory-oper=${op} --memory-access-mode=seq --time=0 run`;

const memory: PerformanceWorkload = {
  name: 'memory',
  description: `sysbench memory, sequential, ${MEMORY_BLOCK} block, ${MEMORY_TOTAL} read then written (1 thread)`,
  origin: 'builtin',
  script: performanceScript({
    name: 'memory',
    description: 'sysbench memory, sequential read then write bandwidth',
    body: [...step('read', {}, memoryCommand('read')), ...step('write', {}, memoryCommand('write'))],
  }),
  scriptFiles: {},
  binaries: [SYSBENCH],
  files: [],
  bundled: [],
  devices: [],
  timeLimitMs: TIME_LIMIT_MS,
  metrics: Object.values(memoryMetrics),
  parse: (output) =>
    readSteps(output, [
      { metric: memoryMetrics.read, step: 'read', read: mibPerSecond },
      { metric: memoryMetrics.write, step: 'write', read: mibPerSecond },
    ]),
};

/** sysbench runs this as its test; event() is one batch of calls. */
export const SYSCALL_LUA = `-- vmbench workload "syscall": getppid() through LuaJIT's FFI, a real syscall per call.
local ffi = require("ffi")
ffi.cdef[[int getppid(void);]]
local calls = tonumber(os.getenv("VMBENCH_CALLS")) or ${SYSCALL_CALLS_PER_EVENT}
function event()
  for _ = 1, calls do ffi.C.getppid() end
end
`;

const syscallMetric: MetricDef = { name: 'ns_per_call', unit: 'ns', better: 'lower' };

/** total time / (events × calls per event), ns. */
function nsPerCall(text: string, fields: Record<string, string>): number | null {
  const seconds = totalTimeS(text);
  const events = totalEvents(text);
  const calls = Number(fields.calls);
  if (seconds === null || events === null || events === 0 || !(calls > 0)) return null;
  return (seconds * 1e9) / (events * calls);
}

const syscall: PerformanceWorkload = {
  name: 'syscall',
  description: `getppid() in a tight loop (LuaJIT FFI in sysbench), ${SYSCALL_EVENTS} × ${SYSCALL_CALLS_PER_EVENT} calls, 1 thread`,
  origin: 'builtin',
  script: performanceScript({
    name: 'syscall',
    description: 'ns per getppid() call',
    body: step(
      'getppid',
      { calls: String(SYSCALL_CALLS_PER_EVENT) },
      `VMBENCH_CALLS=${SYSCALL_CALLS_PER_EVENT} ${SYSBENCH} /workloads/syscall.lua --threads=1 --events=${SYSCALL_EVENTS} --time=0 run`,
    ),
  }),
  scriptFiles: { 'syscall.lua': SYSCALL_LUA },
  binaries: [SYSBENCH],
  files: [],
  bundled: [],
  devices: [],
  timeLimitMs: TIME_LIMIT_MS,
  metrics: [syscallMetric],
  parse: (output) => readSteps(output, [{ metric: syscallMetric, step: 'getppid', read: nsPerCall }]),
};

export const BUILTIN_WORKLOADS: Record<string, PerformanceWorkload> = { cpu, memory, syscall, disk, network };
export const BUILTIN_WORKLOAD_NAMES = Object.keys(BUILTIN_WORKLOADS);
