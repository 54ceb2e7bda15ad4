/**
 * Checks a parsed scenario document against the format of scenarios/README.md and returns it as
 * written (omitted keys stay undefined: defaults.ts fills them). Every problem is reported to the
 * checker; nothing is returned when there is any.
 */
import type { Checker, Field } from './checker.js';
import { missing, oneOf, readDuration, readEnum, readIdentifier, readInteger, readList, readMapping, readString, IDENTIFIER_EXPECTED } from './fields.js';
import type { MetricName, PerformanceWorkloadSpec, SampleOrder, WorkloadName } from './types.js';
import { readDensity, type DensityInput } from './validate-density.js';
import { readLimits, type LimitsInput } from './validate-limits.js';
import { readRuntimes, type HostLimits, type RuntimeInput } from './validate-runtime.js';
import { defaultProtectedDirs, readWorkloads } from './validate-workloads.js';
import { isMap, isScalar } from 'yaml';

export type { DensityInput } from './validate-density.js';
export type { HostLimits, RuntimeInput } from './validate-runtime.js';

export interface ScenarioInput {
  name: string;
  description?: string;
  /** Exactly one of workload (lifecycle) and workloads (performance). */
  workload?: WorkloadName;
  workloads?: PerformanceWorkloadSpec[];
  metrics?: MetricName[];
  iterations?: number;
  warmup?: number;
  order?: SampleOrder;
  timeoutMs?: number;
  runtimes: RuntimeInput[];
  density?: DensityInput;
  limits?: LimitsInput;
}

const SCENARIO_KEYS = ['name', 'description', 'workload', 'workloads', 'metrics', 'iterations', 'warmup', 'order', 'timeout', 'runtimes', 'density', 'limits'] as const;
const WORKLOADS = ['hello', 'idle', 'probe'] as const satisfies readonly WorkloadName[];
const METRICS = ['startup', 'teardown', 'memory', 'density'] as const satisfies readonly MetricName[];
/** Measured only by a density run, so they need a density block and it needs them. */
const DENSITY_METRICS = ['memory', 'density'] as const satisfies readonly MetricName[];
/** What a density run keeps running: hello exits as soon as it is ready. */
const DENSITY_WORKLOAD = 'idle' satisfies WorkloadName;
const ORDERS = ['interleaved', 'sequential'] as const satisfies readonly SampleOrder[];
export const MAX_ITERATIONS = 10_000;
export const MAX_WARMUP = 1_000;
export const MAX_TIMEOUT_MS = 3_600_000;

const TOP_EXPECTED = 'a mapping of scenario keys (name, workload, runtimes …)';

/** `root` is the document's top node, null for an empty file. */
export function validateScenario(c: Checker, root: unknown, host: HostLimits): ScenarioInput | undefined {
  const top: Field = { path: '', value: root };
  if (root === null) {
    c.report(top, TOP_EXPECTED, 'an empty file', `expected ${TOP_EXPECTED}, found an empty file`);
    return undefined;
  }
  const f = readMapping(c, top, SCENARIO_KEYS, TOP_EXPECTED);
  if (f === undefined) return undefined;
  // The key's presence decides what workload and metrics must be, even when its value is wrong.
  const isDensity = f.density !== undefined;
  const isPerformance = f.workloads !== undefined;
  // A limits scenario runs its own two workloads (a memory hog, a CPU loop): it names none.
  const isLimits = f.limits !== undefined;
  if (isLimits) {
    for (const key of ['workload', 'workloads', 'density'] as const) {
      const other = f[key];
      if (other) c.report({ path: other.path, value: other.key }, `no ${key} in a limits scenario`, key, `a limits scenario runs its own memory hog and CPU loop: remove ${key}`);
    }
  }
  if (f.workload && f.workloads) {
    c.report({ path: f.workloads.path, value: f.workloads.key }, 'workload or workloads, not both', 'both', 'a scenario has either workload (a lifecycle workload) or workloads (performance workloads), not both');
  }
  if (isPerformance && isDensity) {
    c.report({ path: f.density!.path, value: f.density!.key }, 'no density block in a performance scenario', 'a density block', 'a density block needs workload: idle, not performance workloads');
  }
  const input = {
    name: f.name ? readIdentifier(c, f.name) : missing(c, top, 'name', IDENTIFIER_EXPECTED),
    description: f.description && readString(c, f.description),
    workload: f.workload ? readWorkload(c, f.workload, isDensity)
      : isPerformance || isLimits ? undefined : missing(c, top, 'workload', `${oneOf(WORKLOADS)} (or workloads: a list of performance workloads)`),
    workloads: f.workloads && readWorkloads(c, f.workloads, host.protectedDirs ?? defaultProtectedDirs()),
    metrics: f.metrics && readMetrics(c, f.metrics, isDensity),
    iterations: f.iterations && readInteger(c, f.iterations, 1, MAX_ITERATIONS),
    warmup: f.warmup && readInteger(c, f.warmup, 0, MAX_WARMUP),
    order: f.order && readEnum(c, f.order, ORDERS),
    timeoutMs: f.timeout && readDuration(c, f.timeout, MAX_TIMEOUT_MS, '1h'),
    runtimes: f.runtimes ? readRuntimes(c, f.runtimes, host) : missing(c, top, 'runtimes', 'a non-empty list of runtimes'),
  };
  const density = f.density && readDensity(c, f.density, input.runtimes?.map(runtimeName), host);
  const limits = f.limits && readLimits(c, f.limits, host);
  if (!isPerformance && f.runtimes) refuseHostRuntime(c, f.runtimes);
  const { name, workload, workloads, runtimes } = input;
  if (c.issues.length > 0 || name === undefined || (workload === undefined && workloads === undefined && limits === undefined) || runtimes === undefined) return undefined;
  return { ...input, name, workload, workloads, runtimes, density, limits };
}

/**
 * The host runtime has no /proc of its own (nothing is mounted on the host for it) and no
 * isolation to measure: it runs performance workloads only.
 */
function refuseHostRuntime(c: Checker, runtimes: Field): void {
  const list = c.resolve(runtimes.value);
  if (!(list && typeof list === 'object' && 'items' in list && Array.isArray(list.items))) return;
  list.items.forEach((node: unknown, i: number) => {
    const item = c.resolve(node);
    const isHost = (isScalar(item) && item.value === 'host')
      || (isMap(item) && item.items.some((p) => isScalar(p.key) && p.key.value === 'type' && isScalar(p.value) && p.value.value === 'host'));
    if (isHost) {
      c.report({ path: `runtimes[${i}]`, value: node }, 'a VM or container runtime (host runs performance workloads only)', 'host',
        'the host runtime runs performance workloads only (workloads: [cpu, memory, syscall, …]), not lifecycle workloads');
    }
  });
}

function readWorkload(c: Checker, field: Field, isDensity: boolean): WorkloadName | undefined {
  const workload = readEnum(c, field, WORKLOADS);
  if (workload === undefined || !isDensity || workload === DENSITY_WORKLOAD) return workload;
  c.wrong(field, `${DENSITY_WORKLOAD} in a density scenario (its instances must stay up until all are measured)`);
  return undefined;
}

/**
 * Non-empty and without repeats: a metric listed twice would be summarised twice. memory and
 * density come from a density run only, and a density run measures both.
 */
function readMetrics(c: Checker, field: Field, isDensity: boolean): MetricName[] | undefined {
  const expected = 'a non-empty list like [startup, teardown]';
  const items = readList(c, field, expected);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    c.wrong(field, expected);
    return undefined;
  }
  const metrics: MetricName[] = [];
  for (const item of items) {
    const metric = readEnum(c, item, METRICS);
    if (metric === undefined) continue;
    if (metrics.includes(metric)) {
      c.report(item, 'each metric once', JSON.stringify(metric), `duplicate metric ${JSON.stringify(metric)}`);
    } else if (!isDensity && isDensityMetric(metric)) {
      const found = JSON.stringify(metric);
      c.report(item, 'a metric with a density: block', found, `metric ${found} is measured by a density run: add a density: block (see scenarios/README.md)`);
    }
    metrics.push(metric);
  }
  const lacking = DENSITY_METRICS.filter((m) => !metrics.includes(m));
  if (isDensity && items.length === metrics.length && lacking.length > 0) {
    const list = `[${DENSITY_METRICS.join(', ')}]`;
    c.report(field, `metrics including ${list}`, c.describe(field.value), `a density scenario measures ${list}: add ${lacking.join(' and ')} to metrics (or leave metrics out)`);
  }
  return items.length === metrics.length ? [...new Set(metrics)] : undefined;
}

function isDensityMetric(metric: MetricName): boolean {
  return (DENSITY_METRICS as readonly MetricName[]).includes(metric);
}

function runtimeName(runtime: RuntimeInput): string {
  return 'preset' in runtime ? runtime.preset : runtime.name;
}
