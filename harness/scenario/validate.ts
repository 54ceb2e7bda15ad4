/**
 * Checks a parsed scenario document against the format of scenarios/README.md and returns it as
 * written (omitted keys stay undefined: defaults.ts fills them). Every problem is reported to the
 * checker; nothing is returned when there is any.
 */
import type { Checker, Field } from './checker.js';
import {
  missing,
  oneOf,
  readDuration,
  readEnum,
  readIdentifier,
  readInteger,
  readList,
  readMapping,
  readPercent,
  readString,
  IDENTIFIER_EXPECTED,
} from './fields.js';
import { SCENARIO_DEFAULTS } from './defaults.js';
import type { MetricName, PerformanceWorkloadSpec, SampleOrder, StopMode, WorkloadName } from './types.js';
import { readDensity, type DensityInput } from './validate-density.js';
import { readLimits, type LimitsInput } from './validate-limits.js';
import { readProvisioning, type ProvisioningInput } from './validate-provisioning.js';
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
  /** Adaptive sampling: a fraction (0.03 = 3 %) and the most samples per runtime. */
  untilCi?: number;
  maxIterations?: number;
  warmup?: number;
  order?: SampleOrder;
  stop?: StopMode;
  timeoutMs?: number;
  runtimes: RuntimeInput[];
  density?: DensityInput;
  limits?: LimitsInput;
  provisioning?: ProvisioningInput;
}

const SCENARIO_KEYS = [
  'name',
  'description',
  'workload',
  'workloads',
  'metrics',
  'iterations',
  'untilCi',
  'maxIterations',
  'warmup',
  'order',
  'stop',
  'timeout',
  'runtimes',
  'density',
  'limits',
  'provisioning',
] as const;
const STOPS = ['graceful', 'kill'] as const satisfies readonly StopMode[];
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
/** untilCi: from 0.1 % (tighter would take thousands of samples) to 50 %. */
export const MIN_UNTIL_CI = 0.001;
export const MAX_UNTIL_CI = 0.5;

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
      if (other)
        c.report(
          { path: other.path, value: other.key },
          `no ${key} in a limits scenario`,
          key,
          `a limits scenario runs its own memory hog and CPU loop: remove ${key}`,
        );
    }
  }
  // A provisioning scenario clones root file systems and starts one instance from a clone with its own workload.
  const isProvisioning = f.provisioning !== undefined;
  if (isProvisioning) {
    for (const key of [
      'workload',
      'workloads',
      'density',
      'limits',
      'iterations',
      'warmup',
      'order',
      'untilCi',
      'maxIterations',
      'stop',
    ] as const) {
      const other = f[key];
      if (other)
        c.report(
          { path: other.path, value: other.key },
          `no ${key} in a provisioning scenario`,
          key,
          `a provisioning scenario makes provisioning.instances clones per method and starts one instance from a clone with its own workload: remove ${key}`,
        );
    }
  }
  if (f.workload && f.workloads) {
    c.report(
      { path: f.workloads.path, value: f.workloads.key },
      'workload or workloads, not both',
      'both',
      'a scenario has either workload (a lifecycle workload) or workloads (performance workloads), not both',
    );
  }
  if (isPerformance && isDensity) {
    c.report(
      { path: f.density!.path, value: f.density!.key },
      'no density block in a performance scenario',
      'a density block',
      'a density block needs workload: idle, not performance workloads',
    );
  }
  const input = {
    name: f.name ? readIdentifier(c, f.name) : missing(c, top, 'name', IDENTIFIER_EXPECTED),
    description: f.description && readString(c, f.description),
    workload: f.workload
      ? readWorkload(c, f.workload, isDensity)
      : isPerformance || isLimits || isProvisioning
        ? undefined
        : missing(c, top, 'workload', `${oneOf(WORKLOADS)} (or workloads: a list of performance workloads)`),
    workloads: f.workloads && readWorkloads(c, f.workloads, host.protectedDirs ?? defaultProtectedDirs()),
    metrics: f.metrics && readMetrics(c, f.metrics, isDensity),
    iterations: f.iterations && readInteger(c, f.iterations, 1, MAX_ITERATIONS),
    untilCi: f.untilCi && readPercent(c, f.untilCi, MIN_UNTIL_CI, MAX_UNTIL_CI),
    maxIterations: f.maxIterations && readInteger(c, f.maxIterations, 1, MAX_ITERATIONS),
    warmup: f.warmup && readInteger(c, f.warmup, 0, MAX_WARMUP),
    order: f.order && readEnum(c, f.order, ORDERS),
    stop: f.stop && readEnum(c, f.stop, STOPS),
    timeoutMs: f.timeout && readDuration(c, f.timeout, MAX_TIMEOUT_MS, '1h'),
    runtimes: f.runtimes ? readRuntimes(c, f.runtimes, host) : missing(c, top, 'runtimes', 'a non-empty list of runtimes'),
  };
  const density = f.density && readDensity(c, f.density, input.runtimes?.map(runtimeName), host);
  const limits = f.limits && readLimits(c, f.limits, host);
  const provisioning = f.provisioning && readProvisioning(c, f.provisioning);
  if (!isProvisioning) checkAdaptive(c, f, input, isDensity, f.limits !== undefined);
  if (!isPerformance && f.runtimes) refuseHostRuntime(c, f.runtimes);
  const { name, workload, workloads, runtimes } = input;
  if (
    c.issues.length > 0 ||
    name === undefined ||
    (workload === undefined && workloads === undefined && limits === undefined && provisioning === undefined) ||
    runtimes === undefined
  )
    return undefined;
  return { ...input, name, workload, workloads, runtimes, density, limits, provisioning };
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
    const isHost =
      (isScalar(item) && item.value === 'host') ||
      (isMap(item) && item.items.some((p) => isScalar(p.key) && p.key.value === 'type' && isScalar(p.value) && p.value.value === 'host'));
    if (isHost) {
      c.report(
        { path: `runtimes[${i}]`, value: node },
        'a VM or container runtime (host runs performance workloads only)',
        'host',
        'the host runtime runs performance workloads only (workloads: [cpu, memory, syscall, …]), not lifecycle workloads',
      );
    }
  });
}

/**
 * maxIterations bounds untilCi's sampling, so alone it would mean nothing; below iterations (the
 * minimum) it cannot be met. A density run measures each runtime once: no samples to repeat.
 */
function checkAdaptive(
  c: Checker,
  f: Partial<Record<(typeof SCENARIO_KEYS)[number], Field>>,
  input: { iterations?: number; untilCi?: number; maxIterations?: number },
  isDensity: boolean,
  isLimits: boolean,
): void {
  // A density run measures each runtime once, from 1 instance up: these keys would do nothing.
  for (const key of ['untilCi', 'maxIterations', 'iterations', 'warmup', 'order'] as const) {
    const field = f[key];
    if (field && isDensity) {
      c.report(
        { path: field.path, value: field.key },
        `no ${key} in a density scenario`,
        key,
        `${key} means nothing to a density run (each runtime is measured once, from 1 instance up); leave it out`,
      );
    }
  }
  // A limits run repeats fixed probes (a hog, a loop): there is no interval to wait for.
  for (const key of ['untilCi', 'maxIterations'] as const) {
    const field = f[key];
    if (field && isLimits)
      c.report(
        { path: field.path, value: field.key },
        `no ${key} in a limits scenario`,
        key,
        `${key} means nothing to a limits run (it runs its probes iterations times); leave it out`,
      );
  }
  if (f.maxIterations && !f.untilCi && !isDensity && !isLimits) {
    c.report(
      { path: f.maxIterations.path, value: f.maxIterations.key },
      'maxIterations together with untilCi',
      'maxIterations alone',
      'maxIterations bounds adaptive sampling: add untilCi (e.g. untilCi: 3%), or use iterations for a fixed count',
    );
  }
  const min = input.iterations ?? SCENARIO_DEFAULTS.iterations;
  if (f.maxIterations && input.maxIterations !== undefined && input.maxIterations < min) {
    c.wrong(f.maxIterations, `an integer from iterations (${min}) to ${MAX_ITERATIONS}: iterations is the minimum under untilCi`);
  }
}

function readWorkload(c: Checker, field: Field, isDensity: boolean): WorkloadName | undefined {
  const workload = readEnum(c, field, WORKLOADS);
  if (workload === undefined || !isDensity || workload === DENSITY_WORKLOAD) return workload;
  c.wrong(field, `${DENSITY_WORKLOAD} in a density scenario (its instances must stay up until all are measured)`);
  return undefined;
}

/**
 * Non-empty and without repeats: a metric listed twice would be summarised twice. Each listed
 * metric must change what is measured, so only teardown is a switch: startup is how a launch is
 * known to have worked (always timed, so it must be listed); memory and density come from a
 * density run only, which measures both, and records every launch's startup and the teardown of
 * all of them whatever is listed (so startup and teardown are not listed there).
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
      c.report(
        item,
        'a metric with a density: block',
        found,
        `metric ${found} is measured by a density run: add a density: block (see scenarios/README.md)`,
      );
    } else if (isDensity && !isDensityMetric(metric)) {
      const found = JSON.stringify(metric);
      c.report(
        item,
        `${oneOf(DENSITY_METRICS)} in a density scenario`,
        found,
        `a density run records every launch's startup and the teardown of all its instances whatever metrics says: list only ${DENSITY_METRICS.join(' and ')}`,
      );
    }
    metrics.push(metric);
  }
  if (!isDensity && items.length === metrics.length && !metrics.includes('startup')) {
    c.report(
      field,
      'metrics including startup',
      c.describe(field.value),
      'startup is always measured (a launch is timed to its ready marker before anything else): add startup to metrics; leave teardown out to skip timing the teardown',
    );
  }
  const lacking = DENSITY_METRICS.filter((m) => !metrics.includes(m));
  if (isDensity && items.length === metrics.length && lacking.length > 0) {
    const list = `[${DENSITY_METRICS.join(', ')}]`;
    c.report(
      field,
      `metrics including ${list}`,
      c.describe(field.value),
      `a density scenario measures ${list}: add ${lacking.join(' and ')} to metrics (or leave metrics out)`,
    );
  }
  return items.length === metrics.length ? [...new Set(metrics)] : undefined;
}

function isDensityMetric(metric: MetricName): boolean {
  return (DENSITY_METRICS as readonly MetricName[]).includes(metric);
}

function runtimeName(runtime: RuntimeInput): string {
  return 'preset' in runtime ? runtime.preset : runtime.name;
}
