/**
 * The end of a run: the harness's own figures over the whole run, the summary, run.json's final
 * status, and every result file (data, then the views, run.json last). A write that fails does
 * not hide what was measured: the outcome carries the summary and the problem.
 */
import { totalmem } from 'node:os';
import type { EnvInfo, HarnessCpu, LimitSample, ProvisionRecord, RunMeta, Summary } from '../results/format.js';
import { writeResultFiles, type ResultView } from '../results/write-results.js';
import { summarize } from '../stats/summarize.js';
import { withDensity } from '../stats/summarize-density.js';
import { timedWindows } from '../measure/harness-overhead.js';
import { runWarning } from '../stats/warning.js';
import { launcherCpuSinceStart } from '../process/launch.js';
import type { RecordSinks } from './record-sinks.js';

export interface RunOutcome {
  runDir: string;
  status: 'complete' | 'interrupted';
  summary: Summary;
  env: EnvInfo;
  limits: LimitSample[];
  provisioning: ProvisionRecord[];
  /** Failed or timed-out measurements, and run-level errors (RecordSinks.errors). */
  failures: number;
  /** A sample log that could not be written completely; null when all was written. */
  logProblem: string | null;
  /** The result files could not be written; null when they were. */
  writeProblem: string | null;
}

/** CPU and wall time both counted from the process's start (performance.now() is since timeOrigin). */
function wholeRunCpu(): HarnessCpu {
  const { user, system } = process.cpuUsage();
  return { nodeMs: (user + system) / 1000, launcherMs: launcherCpuSinceStart(), wallMs: performance.now() };
}

export async function finishRun(
  runDir: string,
  meta: RunMeta,
  env: EnvInfo,
  sinks: RecordSinks,
  interrupted: boolean,
  views: readonly ResultView[],
): Promise<RunOutcome> {
  env.harness.eventLoopDelayP99Ms = timedWindows.p99Ms();
  env.harness.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  env.harness.cpu = wholeRunCpu();
  const { samples, density, limits, provisioning, logProblem } = sinks;

  const summary = withDensity(summarize(meta.runId, samples, !interrupted), density, totalmem());
  if (logProblem) summary.warnings.push(runWarning('log-incomplete', `samples.jsonl is incomplete: ${logProblem}`));
  summary.warnings.push(...sinks.errors);
  const measured = samples.filter((s) => !s.warmup);
  meta.finishedAt = new Date().toISOString();
  meta.status = interrupted ? 'interrupted' : 'complete';
  meta.samples = samples.length;
  meta.failures =
    measured.filter((s) => s.outcome !== 'ok').length +
    limits.filter((l) => l.outcome !== 'ok').length +
    provisioning.filter((p) => p.type === 'provision-sample' && p.outcome !== 'ok').length +
    sinks.errors.length;
  let writeProblem: string | null = null;
  try {
    await writeResultFiles(runDir, { meta, env, samples, density, limits, provisioning, summary }, views);
  } catch (error) {
    writeProblem = (error as Error).message;
  }
  return { runDir, status: meta.status, summary, env, limits, provisioning, failures: meta.failures, logProblem, writeProblem };
}
