/**
 * One run, start to end: plan (scenarios × runtimes, already validated) → host check (which can
 * run here, and why not) → open the run (journal, work dir, launcher, signal handlers) → the
 * executors in order (startup, limits, provisioning, density), every record to the sinks as it
 * comes → finish (summary, result files, views). Knows no flags and no exit codes: the CLI does.
 */
import type { Scenario } from '../scenario/types.js';
import type { EnvInfo, RunMeta } from '../results/format.js';
import { RESULTS_FORMAT_VERSION } from '../results/format.js';
import { isError } from '../host/host-context.js';
import { findLeftOvers } from '../lifecycle/cleanup.js';
import { newRunId, createRunDir } from '../results/run-dir.js';
import { writeResultFiles, type ResultView } from '../results/write-results.js';
import { checkHost, type RunnableScenario } from './host-check.js';
import { openRun } from './run-resources.js';
import { RecordSinks } from './record-sinks.js';
import { RunRefused } from './run-refused.js';
import { finishRun, type RunOutcome } from './finish-run.js';
import type { ExecContext, Executor, RunPlan } from './executor.js';
import { startupExecutor } from './executors/startup.js';
import { limitsExecutor } from './executors/limits.js';
import { provisioningExecutor } from './executors/provisioning.js';
import { densityExecutor } from './executors/density.js';
import { REAL_SEAMS, type RunSeams } from './seams.js';

/** In the order they run: the short startup samples first, density (the host's memory filled) last. */
export const EXECUTORS: readonly Executor[] = [startupExecutor, limitsExecutor, provisioningExecutor, densityExecutor];

export interface RunOptions {
  scenarios: Scenario[];
  /** The results root: the run writes outRoot/<run-id>/. */
  outRoot: string;
  /** The command line, recorded in run.json. */
  argv: string[];
  kernel?: string;
  /** Files rendered from the finished run (report.html, summary.md): given by the CLI. */
  views: readonly ResultView[];
  log: (line: string) => void;
  seams?: Partial<RunSeams>;
}

/** @throws RunRefused when nothing can run or the run's directory and first files cannot be made (nothing was launched) */
export async function runPipeline(options: RunOptions): Promise<RunOutcome> {
  const seams: RunSeams = { ...REAL_SEAMS, ...options.seams };
  const { log } = options;
  for (const left of findLeftOvers(seams.journalDir())) {
    log(
      `warning: run ${left.runId} left ${left.instances.length} instance(s) behind (it was killed). Run 'vmbench cleanup' to remove them.`,
    );
  }
  log("Checking the host (tools, guest image, the backends' probes)…");
  const host = await seams.prepareHost({ kernel: options.kernel, specs: options.scenarios.flatMap((s) => s.runtimes), log });
  const { runnable, skipped } = checkHost(options.scenarios, host, seams, log);
  if (runnable.length === 0)
    throw new RunRefused('no runtime of the chosen scenarios can run on this host (see above, or run vmbench doctor)');

  const runId = newRunId();
  let runDir: string;
  try {
    runDir = await createRunDir(options.outRoot, runId);
  } catch (error) {
    throw new RunRefused(`${(error as Error).message} (nothing was launched)`);
  }
  const run = openRun(runId, seams, log);
  let plans: RunPlan[];
  let meta: RunMeta;
  let env: EnvInfo;
  let sinks: RecordSinks;
  try {
    // One plan per image: each runs its workloads under every runtime, made for that image.
    plans = runnable.flatMap((p) =>
      p.parts
        .filter((part) => !isError(part.image))
        .map((part) => ({
          scenario: p.scenario,
          runnable: p,
          workloads: part.workloads,
          runtimes: p.specs.map((spec) => seams.createRuntime(spec, { ...host, image: part.image }, run.resources)),
        })),
    );
    const overhead = await seams.measureOverhead(isError(host.busybox) ? null : host.busybox.path);
    meta = startMeta(runId, options.argv, runnable, skipped);
    env = await seams.collectEnv(host, { ...overhead, eventLoopDelayP99Ms: null, peakRssBytes: null, cpu: null });
    sinks = new RecordSinks(runDir);
    await writeResultFiles(runDir, { meta, env });
  } catch (error) {
    run.release();
    run.uninstall();
    throw new RunRefused(`could not start the run: ${(error as Error).message} (nothing was launched)`);
  }
  log(`Results: ${runDir}`);

  const ctx: ExecContext = { runId, host, resources: run.resources, live: run.live, signal: run.signal, sinks, seq: 0, seams, log };
  try {
    for (const executor of EXECUTORS) {
      const mine = plans.filter((p) => executor.accepts(p));
      if (mine.length > 0) await executor.run(mine, ctx);
    }
  } finally {
    await Promise.all([...run.live].map((i) => i.stop()));
    sinks.close();
    run.release();
  }
  // Handlers stay until the results are written: a second Ctrl-C meanwhile still exits cleanly.
  try {
    return await finishRun(runDir, meta, env, sinks, run.signal.aborted, options.views);
  } finally {
    run.uninstall();
  }
}

function startMeta(runId: string, argv: string[], runnable: RunnableScenario[], skipped: RunMeta['skipped']): RunMeta {
  return {
    formatVersion: RESULTS_FORMAT_VERSION,
    runId,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    status: 'running',
    argv,
    samples: 0,
    failures: 0,
    // A performance scenario runs its own image (its tools added): record which.
    scenarios: runnable.map((p) => ({
      ...p.scenario,
      runtimes: p.specs,
      ...(p.scenario.workloads.length > 0
        ? {
            guestImage: isError(p.image) ? null : { key: p.image.key, dir: p.image.dir },
            guestImages: p.parts.map((part) => ({
              workloads: part.workloads.map((w) => w.name),
              ...(isError(part.image) ? { error: part.image.error } : { key: part.image.key, dir: part.image.dir }),
            })),
          }
        : {}),
    })),
    skipped,
  };
}
