/**
 * The `workloads:` list of a performance scenario: built-in names (cpu, memory, syscall) and
 * workloads of the scenario's own. Everything that can be known before a launch is checked here
 * with its position: paths must be absolute, exist, be executable (binaries) or readable files,
 * and stay out of vmbench's results and cache dirs (an image must not swallow results, nor a
 * workload read the images it runs from). Whether a regex matches the output can only be seen at
 * run time: a sample whose output does not match fails with the output's tail as its reason.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join, normalize, relative } from 'node:path';
import { isScalar } from 'yaml';
import type { Checker, Field } from './checker.js';
import { suggestion } from './did-you-mean.js';
import {
  missing,
  oneOf,
  readDuration,
  readEnum,
  readIdentifier,
  readList,
  readMapping,
  readString,
  scalarValue,
  IDENTIFIER_EXPECTED,
} from './fields.js';
import { parseSizeMiB } from './units.js';
import type { PerformanceWorkloadSpec } from './types.js';
import type { CustomMetricSpec } from '../workloads/custom.js';
import { BETTER, ELAPSED_METRIC } from '../workloads/custom.js';
import { BUILTIN_WORKLOAD_NAMES } from '../workloads/builtin.js';
import { WORKLOAD_NAMES } from '../workloads/scripts.js';
import { cacheDirPath } from '../host/cache-dir.js';
import { PROJECT_ROOT } from '../version.js';

/** Directories no workload path may point into, with what they are (for the message). */
export interface ProtectedDir {
  dir: string;
  what: string;
}

export function defaultProtectedDirs(env: NodeJS.ProcessEnv = process.env): ProtectedDir[] {
  return [
    { dir: join(PROJECT_ROOT, 'results'), what: "vmbench's results dir" },
    { dir: cacheDirPath(env), what: "vmbench's cache dir (guest images)" },
  ];
}

const CUSTOM_KEYS = ['name', 'description', 'command', 'binaries', 'files', 'input', 'output', 'timeLimit', 'metrics'] as const;
const METRIC_KEYS = ['name', 'unit', 'better', 'regex'] as const;
const OUTPUTS = ['parse', 'discard'] as const;
const METRIC_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const METRIC_NAME_EXPECTED = 'a metric name of 1 to 40 characters a-z, 0-9 or "_", starting with a letter';
const ITEM_EXPECTED = `a built-in workload (${oneOf(BUILTIN_WORKLOAD_NAMES)}) or a mapping with name and command`;
export const MAX_TIME_LIMIT_MS = 3_600_000;
/** Generated input lives in the instance's /tmp (a 16 MiB tmpfs under runc). */
export const MAX_INPUT_MIB = 8;

export function readWorkloads(c: Checker, field: Field, protectedDirs: ProtectedDir[]): PerformanceWorkloadSpec[] | undefined {
  const items = readList(c, field, `a non-empty list of workloads: ${ITEM_EXPECTED}`);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    c.wrong(field, `a non-empty list of workloads: ${ITEM_EXPECTED}`);
    return undefined;
  }
  const out: (PerformanceWorkloadSpec | undefined)[] = [];
  const seen = new Map<string, string>();
  for (const item of items) {
    const spec = readWorkload(c, item, protectedDirs);
    out.push(spec);
    if (spec === undefined) continue;
    const first = seen.get(spec.name);
    if (first !== undefined)
      c.report(item, 'each workload once', JSON.stringify(spec.name), `duplicate workload ${JSON.stringify(spec.name)} (already ${first})`);
    else seen.set(spec.name, item.path);
  }
  return out.every((s) => s !== undefined) && seen.size === out.length ? out : undefined;
}

function readWorkload(c: Checker, item: Field, protectedDirs: ProtectedDir[]): PerformanceWorkloadSpec | undefined {
  const value = scalarValue(c, item);
  if (typeof value === 'string') {
    if (BUILTIN_WORKLOAD_NAMES.includes(value)) return { origin: 'builtin', name: value };
    const lifecycle = (WORKLOAD_NAMES as string[]).includes(value)
      ? ` (${value} is a lifecycle workload: use workload: ${value})`
      : suggestion(value, BUILTIN_WORKLOAD_NAMES);
    c.wrong(item, ITEM_EXPECTED, lifecycle);
    return undefined;
  }
  const f = readMapping(c, item, CUSTOM_KEYS, ITEM_EXPECTED);
  if (f === undefined) return undefined;
  const name = f.name ? readWorkloadName(c, f.name) : missing(c, item, 'name', IDENTIFIER_EXPECTED);
  const description = f.description ? readString(c, f.description) : '';
  const command = f.command
    ? readCommand(c, f.command, protectedDirs)
    : missing(c, item, 'command', 'a non-empty list: the program (an absolute path) and its arguments');
  const binaries = f.binaries ? readPaths(c, f.binaries, 'binary', protectedDirs) : [];
  const files = f.files ? readPaths(c, f.files, 'file', protectedDirs) : [];
  const inputBytes = f.input ? readInput(c, f.input) : 0;
  const output = f.output ? readEnum(c, f.output, OUTPUTS) : 'parse';
  const timeLimitMs = f.timeLimit ? readDuration(c, f.timeLimit, MAX_TIME_LIMIT_MS, '1h') : 60_000;
  const metrics = f.metrics ? readMetrics(c, f.metrics) : [];
  if (
    name === undefined ||
    description === undefined ||
    command === undefined ||
    binaries === undefined ||
    files === undefined ||
    inputBytes === undefined ||
    output === undefined ||
    timeLimitMs === undefined ||
    metrics === undefined
  )
    return undefined;
  return { origin: 'custom', name, description, command, binaries, files, inputBytes, output, timeLimitMs, metrics };
}

function readWorkloadName(c: Checker, field: Field): string | undefined {
  const name = readIdentifier(c, field);
  if (name === undefined) return undefined;
  if (BUILTIN_WORKLOAD_NAMES.includes(name) || (WORKLOAD_NAMES as string[]).includes(name)) {
    c.report(
      field,
      'a name that is not a built-in workload',
      JSON.stringify(name),
      `workload name ${JSON.stringify(name)} is taken by a built-in workload; choose another`,
    );
    return undefined;
  }
  return name;
}

function readCommand(c: Checker, field: Field, protectedDirs: ProtectedDir[]): string[] | undefined {
  const expected = 'a non-empty list: the program (an absolute path) and its arguments';
  const items = readList(c, field, expected);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    c.wrong(field, expected);
    return undefined;
  }
  const [program, ...args] = items;
  const path = readPath(c, program!, 'binary', protectedDirs);
  const values = args.map((a) => readArgument(c, a));
  return path !== undefined && values.every((v) => v !== undefined) ? [path, ...values] : undefined;
}

/** Arguments are strings; other scalars are taken as written (`-9`, `100`, `true`). */
function readArgument(c: Checker, field: Field): string | undefined {
  const node = c.resolve(field.value);
  if (isScalar(node) && ['string', 'number', 'boolean'].includes(typeof node.value)) {
    return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  }
  c.wrong(field, 'an argument (a string)');
  return undefined;
}

function readPaths(c: Checker, field: Field, kind: 'binary' | 'file', protectedDirs: ProtectedDir[]): string[] | undefined {
  const items = readList(c, field, `a list of absolute paths of host ${kind === 'binary' ? 'binaries' : 'files'}`);
  if (items === undefined) return undefined;
  const paths = items.map((item) => readPath(c, item, kind, protectedDirs));
  return paths.every((p) => p !== undefined) ? paths : undefined;
}

/** An absolute host path that exists, of the right kind, outside vmbench's own dirs. */
function readPath(c: Checker, field: Field, kind: 'binary' | 'file', protectedDirs: ProtectedDir[]): string | undefined {
  const value = scalarValue(c, field);
  const what = kind === 'binary' ? 'an executable host file' : 'a readable host file';
  if (typeof value !== 'string' || value === '') {
    c.wrong(field, `an absolute path of ${what}`);
    return undefined;
  }
  if (!isAbsolute(value)) {
    c.wrong(field, `an absolute path of ${what}`, ' (a relative path would depend on the directory vmbench runs in)');
    return undefined;
  }
  const path = normalize(value);
  const inside = protectedDirs.find(({ dir }) => isWithin(path, dir));
  if (inside) {
    c.wrong(field, `a path outside ${inside.what}`, ` (it is inside ${inside.dir})`);
    return undefined;
  }
  let problem: string | null = null;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) problem = 'it is not a regular file';
    else accessSync(path, kind === 'binary' ? constants.X_OK : constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problem =
      code === 'ENOENT'
        ? 'it does not exist on this host'
        : code === 'EACCES'
          ? kind === 'binary'
            ? 'it is not executable'
            : 'it is not readable'
          : (error as Error).message;
  }
  if (problem) {
    c.wrong(field, what, ` (${problem})`);
    return undefined;
  }
  return path;
}

function isWithin(path: string, dir: string): boolean {
  const rel = relative(normalize(dir), path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function readInput(c: Checker, field: Field): number | undefined {
  const value = scalarValue(c, field);
  const mib = typeof value === 'string' || typeof value === 'number' ? parseSizeMiB(value) : undefined;
  if (mib === undefined || !(mib > 0) || mib > MAX_INPUT_MIB) {
    c.wrong(field, `a size greater than 0 and at most ${MAX_INPUT_MIB}M, like 4M (generated as /tmp/input)`);
    return undefined;
  }
  return Math.round(mib * 1024 * 1024);
}

function readMetrics(c: Checker, field: Field): CustomMetricSpec[] | undefined {
  const items = readList(c, field, 'a list of metrics: {name, unit, better, regex}');
  if (items === undefined) return undefined;
  const metrics: (CustomMetricSpec | undefined)[] = [];
  const names = new Set<string>([ELAPSED_METRIC.name]);
  for (const item of items) {
    const f = readMapping(c, item, METRIC_KEYS, 'a metric mapping: {name, unit, better, regex}');
    if (f === undefined) {
      metrics.push(undefined);
      continue;
    }
    const name = f.name ? readMetricName(c, f.name, names) : missing(c, item, 'name', METRIC_NAME_EXPECTED);
    const unit = f.unit ? readString(c, f.unit) : missing(c, item, 'unit', 'a unit, like "MB/s" or "ms"');
    const better = f.better ? readEnum(c, f.better, BETTER) : missing(c, item, 'better', oneOf(BETTER));
    const regex = f.regex ? readRegex(c, f.regex) : null;
    metrics.push(
      name === undefined || unit === undefined || better === undefined || regex === undefined ? undefined : { name, unit, better, regex },
    );
  }
  return metrics.every((m) => m !== undefined) ? metrics : undefined;
}

function readMetricName(c: Checker, field: Field, names: Set<string>): string | undefined {
  const value = scalarValue(c, field);
  if (typeof value !== 'string' || !METRIC_NAME.test(value)) {
    c.wrong(field, METRIC_NAME_EXPECTED);
    return undefined;
  }
  if (names.has(value)) {
    const why =
      value === ELAPSED_METRIC.name ? ' (every custom workload reports elapsed_s itself)' : ' (already a metric of this workload)';
    c.report(field, 'a metric name used once', JSON.stringify(value), `duplicate metric name ${JSON.stringify(value)}${why}`);
    return undefined;
  }
  names.add(value);
  return value;
}

/** A JavaScript regular expression with a capture group: the group's text is the value. */
function readRegex(c: Checker, field: Field): string | undefined {
  const source = readString(c, field);
  if (source === undefined) return undefined;
  let groups: number;
  try {
    groups = new RegExp(`${source}|`).exec('')!.length - 1;
  } catch (error) {
    c.wrong(field, 'a valid regular expression', ` (${(error as Error).message})`);
    return undefined;
  }
  if (groups < 1) {
    c.wrong(field, 'a regular expression with a capture group around the number, like "([0-9.]+) MB/s"');
    return undefined;
  }
  return source;
}
