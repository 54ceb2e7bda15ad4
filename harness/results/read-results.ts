/**
 * Read a results/<run-id>/ directory back, for reports and comparisons. Tolerant where a crash
 * can leave damage (a truncated last sample, no summary.json), strict where guessing would
 * mislead (missing run.json, a newer format version).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { upgradeSummary } from './legacy-summary.js';
import { RESULTS_FORMAT_VERSION, type DensityRecord, type EnvInfo, type LimitSample, type ProvisionRecord, type RunMeta, type StartupSample, type Summary } from './format.js';
import { DENSITY_FILE, LIMITS_FILE, PROVISIONING_FILE, SAMPLES_FILE } from './sample-log.js';

export const RUN_FILE = 'run.json';
export const ENV_FILE = 'env.json';
export const SUMMARY_FILE = 'summary.json';

export interface RunResults {
  meta: RunMeta;
  env: EnvInfo;
  /** Every readable sample of samples.jsonl, warmups included, in file order. */
  samples: StartupSample[];
  /** density.jsonl: steps and ends of density scenarios; empty when none ran. */
  density: DensityRecord[];
  /** limits.jsonl: the samples of limits scenarios (claim C5); empty when none ran. */
  limits: LimitSample[];
  /** provisioning.jsonl: a provisioning scenario's records (claims C7, C8); empty when none ran. */
  provisioning: ProvisionRecord[];
  /** null when summary.json is missing or unreadable (e.g. the run was interrupted). */
  summary: Summary | null;
  /** Plain-English notes on anything skipped or suspicious; empty for a clean run. */
  problems: string[];
}

const NOT_A_RUN = 'a vmbench run directory (results/<run-id>/ containing run.json, env.json and samples.jsonl)';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A results file written by a newer vmbench: reading it with this one could misinterpret it. */
export class UnsupportedFormatVersionError extends Error {
  override readonly name = 'UnsupportedFormatVersionError';
}

/** Throws when the file's format is unknown or newer than this reader: guessing would mislead. */
function checkFormatVersion(path: string, value: Record<string, unknown>): void {
  const v = value['formatVersion'];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new Error(`${path} has no valid formatVersion (found ${JSON.stringify(v)}); expected a vmbench results file`);
  }
  if (v > RESULTS_FORMAT_VERSION) {
    throw new UnsupportedFormatVersionError(
      `${path} uses results format version ${v}, but this vmbench reads format version ${RESULTS_FORMAT_VERSION} at most; update vmbench to read it`,
    );
  }
}

/** Reads a JSON object file; `null` when it does not exist. */
function readJsonObject(path: string, what: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${path} (${what}): ${message(err)}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON (${message(err)}); expected ${what}`, { cause: err });
  }
  if (!isRecord(value)) throw new Error(`${path} does not hold a JSON object; expected ${what}`);
  checkFormatVersion(path, value);
  return value;
}

function requireJsonObject(dir: string, file: string, what: string): Record<string, unknown> {
  const path = join(dir, file);
  const value = readJsonObject(path, what);
  if (value === null) throw new Error(`${path} is missing; expected ${what}. Is ${dir} ${NOT_A_RUN}?`);
  return value;
}

function isStartupSample(v: unknown): v is StartupSample {
  return (
    isRecord(v) &&
    v['type'] === 'startup' &&
    typeof v['seq'] === 'number' &&
    typeof v['scenario'] === 'string' &&
    typeof v['runtime'] === 'string' &&
    (v['outcome'] === 'ok' || v['outcome'] === 'failed' || v['outcome'] === 'timeout')
  );
}

function isDensityRecord(v: unknown): v is DensityRecord {
  return isRecord(v) && (v['type'] === 'density-step' || v['type'] === 'density-end') &&
    typeof v['seq'] === 'number' && typeof v['runtime'] === 'string';
}

function isLimitSample(v: unknown): v is LimitSample {
  return isRecord(v) && v['type'] === 'limit-sample' && typeof v['seq'] === 'number' && typeof v['runtime'] === 'string' &&
    (v['test'] === 'memory' || v['test'] === 'cpu');
}

const PROVISION_TYPES = ['provision-base', 'provision-sample', 'provision-method', 'cow-write'];

function isProvisionRecord(v: unknown): v is ProvisionRecord {
  return isRecord(v) && PROVISION_TYPES.includes(v['type'] as string) && typeof v['seq'] === 'number' && typeof v['scenario'] === 'string';
}

/** samples.jsonl or density.jsonl: one record per line; a missing optional file is no problem. */
function readRecords<T>(path: string, guard: (v: unknown) => v is T, what: string, problems: string[], required: boolean): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (required) problems.push(`${path} is missing: the run recorded no samples.`);
      return [];
    }
    throw new Error(`cannot read ${path} (the ${what}): ${message(err)}`, { cause: err });
  }
  const lines = text.split('\n');
  // A complete file ends with '\n', so the last piece is ''; anything else was cut mid-write.
  const cutShort = lines[lines.length - 1] !== '';
  const samples: T[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const lineNo = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(
        cutShort && i === lines.length - 1
          ? `${path}: the last line (${lineNo}) is incomplete, probably because the run was killed while writing it; that sample was skipped.`
          : `${path}: line ${lineNo} is not valid JSON (damaged by an earlier crash?); it was skipped.`,
      );
      return;
    }
    if (!guard(value)) {
      const type = isRecord(value) ? JSON.stringify(value['type']) : typeof value;
      problems.push(`${path}: line ${lineNo} is not one of the ${what} this vmbench understands (type ${type}); it was skipped.`);
      return;
    }
    samples.push(value);
  });
  return samples;
}

/**
 * Reads run.json, env.json, samples.jsonl and summary.json of one run directory.
 * @throws Error naming the path when the directory, run.json or env.json is missing or
 *   unreadable, or when a file uses a newer results format than this reader supports
 */
export function readResults(dir: string): RunResults {
  try {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory; expected ${NOT_A_RUN}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`results directory ${dir} does not exist; expected ${NOT_A_RUN}`, { cause: err });
    }
    throw err;
  }
  const problems: string[] = [];
  const meta = requireJsonObject(dir, RUN_FILE, 'the run metadata (RunMeta) written when a run starts') as unknown as RunMeta;
  const env = requireJsonObject(dir, ENV_FILE, 'the host description (EnvInfo) written when a run starts') as unknown as EnvInfo;
  if (meta.status === 'running') {
    problems.push(
      `${join(dir, RUN_FILE)} still says the run is running: either it is, or it was killed before it could record its end (SIGKILL, out of memory, power loss); results may be incomplete.`,
    );
  } else if (meta.status === 'interrupted' || meta.status === 'failed') {
    problems.push(`The run ended ${meta.status === 'failed' ? 'with a harness error' : 'early (interrupted)'}; results cover only the samples measured before that.`);
  }
  const samples = readRecords(join(dir, SAMPLES_FILE), isStartupSample, 'startup samples', problems, true);
  const density = readRecords(join(dir, DENSITY_FILE), isDensityRecord, 'density records', problems, false);
  const limits = readRecords(join(dir, LIMITS_FILE), isLimitSample, 'limit samples', problems, false);
  const provisioning = readRecords(join(dir, PROVISIONING_FILE), isProvisionRecord, 'provisioning records', problems, false);

  const summaryPath = join(dir, SUMMARY_FILE);
  let summary: Summary | null = null;
  try {
    summary = readJsonObject(summaryPath, 'the run summary (Summary)') as unknown as Summary | null;
    if (summary === null) problems.push(`${summaryPath} is missing: the run did not get as far as summarizing.`);
    else summary = upgradeSummary(summary, density);
  } catch (err) {
    // A newer format must stop the reader; a damaged summary can be recomputed from samples.
    if (err instanceof UnsupportedFormatVersionError) throw err;
    problems.push(`${message(err)}; the summary was ignored.`);
  }
  return { meta, env, samples, density, limits, provisioning, summary, problems };
}
