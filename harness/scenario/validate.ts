/**
 * Checks a parsed scenario document against the format of scenarios/README.md and returns it as
 * written (omitted keys stay undefined: defaults.ts fills them). Every problem is reported to the
 * checker; nothing is returned when there is any.
 */
import type { Checker, Field } from './checker.js';
import { missing, oneOf, readEnum, readIdentifier, readInteger, readList, readMapping, readString, scalarValue, IDENTIFIER_EXPECTED } from './fields.js';
import type { MetricName, SampleOrder, WorkloadName } from './types.js';
import { parseDurationMs } from './units.js';
import { readRuntimes, type HostLimits, type RuntimeInput } from './validate-runtime.js';

export type { HostLimits, RuntimeInput } from './validate-runtime.js';

export interface ScenarioInput {
  name: string;
  description?: string;
  workload: WorkloadName;
  metrics?: MetricName[];
  iterations?: number;
  warmup?: number;
  order?: SampleOrder;
  timeoutMs?: number;
  runtimes: RuntimeInput[];
}

const SCENARIO_KEYS = ['name', 'description', 'workload', 'metrics', 'iterations', 'warmup', 'order', 'timeout', 'runtimes'] as const;
const WORKLOADS = ['hello', 'idle'] as const satisfies readonly WorkloadName[];
const METRICS = ['startup', 'teardown'] as const satisfies readonly MetricName[];
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
  const input = {
    name: f.name ? readIdentifier(c, f.name) : missing(c, top, 'name', IDENTIFIER_EXPECTED),
    description: f.description && readString(c, f.description),
    workload: f.workload ? readEnum(c, f.workload, WORKLOADS) : missing(c, top, 'workload', oneOf(WORKLOADS)),
    metrics: f.metrics && readMetrics(c, f.metrics),
    iterations: f.iterations && readInteger(c, f.iterations, 1, MAX_ITERATIONS),
    warmup: f.warmup && readInteger(c, f.warmup, 0, MAX_WARMUP),
    order: f.order && readEnum(c, f.order, ORDERS),
    timeoutMs: f.timeout && readTimeout(c, f.timeout),
    runtimes: f.runtimes ? readRuntimes(c, f.runtimes, host) : missing(c, top, 'runtimes', 'a non-empty list of runtimes'),
  };
  const { name, workload, runtimes } = input;
  if (c.issues.length > 0 || name === undefined || workload === undefined || runtimes === undefined) return undefined;
  return { ...input, name, workload, runtimes };
}

/** Non-empty and without repeats: a metric listed twice would be summarised twice. */
function readMetrics(c: Checker, field: Field): MetricName[] | undefined {
  const expected = `a non-empty list like [${METRICS.join(', ')}]`;
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
    }
    metrics.push(metric);
  }
  return items.length === metrics.length ? [...new Set(metrics)] : undefined;
}

function readTimeout(c: Checker, field: Field): number | undefined {
  const value = scalarValue(c, field);
  const ms = typeof value === 'string' || typeof value === 'number' ? parseDurationMs(value) : undefined;
  if (ms === undefined) {
    c.wrong(field, 'a duration like 500ms, 60s or 2m (or a number of seconds)');
  } else if (ms <= 0 || ms > MAX_TIMEOUT_MS) {
    c.wrong(field, 'a duration greater than 0 and at most 1h');
  } else {
    return ms;
  }
  return undefined;
}
