/**
 * `vmbench run`: validate every scenario, check which runtimes this host can run, measure, and
 * write results incrementally (samples as they come, summary/CSV/report atomically at the end).
 */
import { rmSync } from 'node:fs';
import { totalmem, cpus } from 'node:os';
import { join } from 'node:path';
import type { Scenario, RuntimeSpec } from '../../scenario/types.js';
import type { DensityRecord, EnvInfo, LimitSample, ProvisionRecord, RunMeta, StartupSample } from '../../results/format.js';
import { RESULTS_FORMAT_VERSION } from '../../results/format.js';
import { loadScenarios } from '../../scenario/load.js';
import { isError, type HostContext } from '../../host/host-context.js';
import { prepareHost } from '../../runtimes/prepare-host.js';
import { resourceKinds } from '../../runtimes/registry.js';
import { availability } from '../../runtimes/availability.js';
import { createRuntime } from '../../runtimes/create-runtime.js';
import { scenarioImage } from '../../workloads/scenario-image.js';
import type { Instance } from '../../runtimes/runtime.js';
import { InstanceTracker } from '../../lifecycle/instance-tracker.js';
import { createWorkDir } from '../../lifecycle/work-dir.js';
import { journalDir } from '../../lifecycle/state-dir.js';
import { findLeftOvers } from '../../lifecycle/cleanup.js';
import { installInterruptHandlers } from '../../lifecycle/interrupts.js';
import { runScenarios, type ScenarioPlan } from '../../runner/run-scenarios.js';
import { collectEnv } from '../../host/env-info.js';
import { measureHarnessOverhead, timedWindows } from '../../measure/harness-overhead.js';
import { startLauncher } from '../../process/launch.js';
import { newRunId, createRunDir } from '../../results/run-dir.js';
import { SampleLog, DENSITY_FILE, LIMITS_FILE, PROVISIONING_FILE } from '../../results/sample-log.js';
import { runProvisioning } from '../../provisioning/run-provisioning.js';
import { cowprobePath, timedExecPath } from '../../provisioning/helper-paths.js';
import { findExecutable } from '../../host/find-executable.js';
import { runLimits } from '../../limits/run-limits.js';
import { runDensity } from '../../density/run-density.js';
import { withDensity } from '../../stats/summarize-density.js';
import { createDensityProgress } from '../../terminal/density-progress.js';
import { writeResultFiles } from '../../results/write-results.js';
import { RUN_VIEWS } from '../report-views.js';
import { summarize } from '../../stats/summarize.js';
import { createProgress } from '../../terminal/progress.js';
import { formatSummary } from '../../terminal/summary-printer.js';
import { formatLimits } from '../../terminal/limits-printer.js';
import { formatProvisioning } from '../../terminal/provisioning-printer.js';
import { EXIT, UserError } from '../exit-codes.js';
import { checkKernelFlag, checkOutFlag, parseIntFlag, parseListFlag, parsePercentFlag } from '../cli-options.js';
import { adaptiveWithDefaults } from '../../scenario/defaults.js';
import { MAX_ITERATIONS, MAX_UNTIL_CI, MIN_UNTIL_CI } from '../../scenario/validate.js';
import { DEFAULT_SUITE, RESULTS_DIR, SCENARIOS_DIR } from '../paths.js';

export interface RunFlags {
  iterations?: string;
  warmup?: string;
  runtimes?: string;
  out?: string;
  json?: boolean;
  kernel?: string;
  untilCi?: string;
  maxIterations?: string;
}

const log = (line: string): void => { process.stderr.write(`${line}\n`); };

function applyOverrides(scenarios: Scenario[], flags: RunFlags): Scenario[] {
  const iterations = parseIntFlag('--iterations', flags.iterations, 1, 10_000);
  const warmup = parseIntFlag('--warmup', flags.warmup, 0, 1000);
  const only = parseListFlag('--runtimes', flags.runtimes);
  if (only) {
    const known = new Set(scenarios.flatMap((s) => s.runtimes.map((r) => r.name)));
    const unknown = only.filter((n) => !known.has(n));
    if (unknown.length) {
      throw new UserError(`--runtimes: unknown runtime ${unknown.map((u) => `"${u}"`).join(', ')}; the scenarios name: ${[...known].join(', ')}`);
    }
  }
  const untilCi = parsePercentFlag('--until-ci', flags.untilCi, MIN_UNTIL_CI, MAX_UNTIL_CI);
  const maxIterations = parseIntFlag('--max-iterations', flags.maxIterations, 1, MAX_ITERATIONS);
  if (maxIterations !== undefined && untilCi === undefined && !scenarios.some((s) => s.adaptive)) {
    throw new UserError(`--max-iterations: bounds adaptive sampling, expected --until-ci too (or a scenario with untilCi), found "${flags.maxIterations}" alone`);
  }
  return scenarios.map((s) => {
    const n = iterations ?? s.iterations;
    // A density run measures each runtime once, a limits run repeats fixed probes: nothing to sample adaptively.
    const adaptive = s.density !== null || s.limits ? null
      : adaptiveWithDefaults(untilCi ?? s.adaptive?.untilCi, maxIterations ?? (untilCi === undefined ? s.adaptive?.maxIterations : undefined), n);
    if (adaptive !== null && adaptive.maxIterations < n) {
      throw new UserError(`--max-iterations: expected at least the ${n} iterations of scenario ${s.name} (the minimum under untilCi), found ${adaptive.maxIterations}`);
    }
    return { ...s, iterations: n, warmup: warmup ?? s.warmup, adaptive, runtimes: only ? s.runtimes.filter((r) => only.includes(r.name)) : s.runtimes };
  }).filter((s) => s.runtimes.length > 0);
}

export async function runCommand(args: string[], flags: RunFlags, argv: string[]): Promise<number> {
  const hostLimits = { memTotalMiB: Math.floor(totalmem() / 1024 / 1024), cores: cpus().length };
  const scenarios = applyOverrides(loadScenarios(args.length ? args : DEFAULT_SUITE, SCENARIOS_DIR, hostLimits), flags);
  // Every path flag is checked before the host is: the KVM probe already launches a VM.
  const outRoot = checkOutFlag(flags.out) ?? RESULTS_DIR;
  checkKernelFlag(flags.kernel);
  const specs = scenarios.flatMap((s) => s.runtimes);

  for (const left of findLeftOvers(journalDir())) {
    log(`warning: run ${left.runId} left ${left.instances.length} instance(s) behind (it was killed). Run 'vmbench cleanup' to remove them.`);
  }
  log('Checking the host (tools, guest image, the backends\' probes)…');
  const host = await prepareHost({ kernel: flags.kernel, specs, probe: true, log });
  const skipped: RunMeta['skipped'] = [];
  const usable = (s: Scenario, r: RuntimeSpec, image: HostContext['image']): boolean => {
    const a = availability(r, { ...host, image });
    if (!a.usable) {
      skipped.push({ scenario: s.name, runtime: r.name, reason: a.reason });
      log(`skipping ${r.name} in ${s.name}: ${a.reason}`);
    }
    return a.usable;
  };
  // A performance scenario's own image (its tools with their libraries); a workload whose tool is
  // missing is skipped with the reason, for every runtime, like a runtime this host cannot run.
  const runnable = scenarios.map((s) => {
    const image = scenarioImage(s, host);
    for (const w of image.skipped) {
      skipped.push({ scenario: s.name, runtime: '*', workload: w.workload, reason: w.reason });
      log(`skipping workload ${w.workload} in ${s.name}: ${w.reason}`);
    }
    const specs = image.workloads === null || image.workloads.length > 0 ? s.runtimes.filter((r) => usable(s, r, image.image)) : [];
    // The first image decides which runtimes are usable; another that failed to build skips its workloads.
    for (const part of image.parts.slice(1).filter((x) => isError(x.image))) {
      for (const w of part.workloads) {
        const reason = isError(part.image) ? part.image.error : '';
        skipped.push({ scenario: s.name, runtime: '*', workload: w.name, reason });
        log(`skipping workload ${w.name} in ${s.name}: ${reason}`);
      }
    }
    return { scenario: s, specs, image: image.image, parts: image.parts };
  }).filter((p) => p.specs.length > 0);
  if (runnable.length === 0) throw new UserError('no runtime of the chosen scenarios can run on this host (see above, or run vmbench doctor)', EXIT.environment);

  const runId = newRunId();
  let runDir: string;
  try {
    runDir = await createRunDir(outRoot, runId);
  } catch (error) {
    throw new UserError(`${(error as Error).message} (nothing was launched)`, EXIT.environment);
  }
  const tracker = new InstanceTracker(journalDir(), runId);
  const workDir = createWorkDir();
  const workTrack = tracker.begin('workdir', 'harness');
  workTrack.resource('dir', workDir);
  // The native launcher is every instance's parent: journaled so cleanup waits for it too.
  const launcherPid = startLauncher();
  if (launcherPid !== null) workTrack.process(launcherPid);
  // From here on something exists to clean up: signals are handled before anything else runs.
  const controller = new AbortController();
  const live = new Set<Instance>();
  const uninstall = installInterruptHandlers({ controller, live, journalPath: tracker.path, resourceKinds: resourceKinds(), log });
  const runEnd: (() => void)[] = [];
  // One object for the whole run: backends key run-wide state (crun's mount namespace) on it.
  const runResources = { tracker, workDir, atRunEnd: (release: () => void): void => { runEnd.push(release); } };
  const releaseRun = (): void => {
    for (const release of runEnd.splice(0).reverse()) release();
    rmSync(workDir, { recursive: true, force: true });
    workTrack.end();
    tracker.close();
  };
  let plans: ScenarioPlan[];
  let meta: RunMeta;
  let env: EnvInfo;
  let sampleLog: SampleLog;
  try {
    // One plan per image: each runs its workloads under every runtime, made for that image.
    plans = runnable.flatMap((p) => p.parts.filter((part) => !isError(part.image)).map((part) => ({
      scenario: p.scenario,
      runtimes: p.specs.map((spec) => createRuntime(spec, { ...host, image: part.image }, runResources)),
      workloads: part.workloads,
    })));
    const overhead = await measureHarnessOverhead(isError(host.busybox) ? null : host.busybox.path);
    meta = {
      formatVersion: RESULTS_FORMAT_VERSION, runId, startedAt: new Date().toISOString(), finishedAt: null,
      status: 'running', argv, samples: 0, failures: 0,
      // A performance scenario runs its own image (its tools added): record which.
      scenarios: runnable.map((p) => ({ ...p.scenario, runtimes: p.specs, ...(p.scenario.workloads.length > 0 ? {
        guestImage: isError(p.image) ? null : { key: p.image.key, dir: p.image.dir },
        guestImages: p.parts.map((part) => ({ workloads: part.workloads.map((w) => w.name), ...(isError(part.image) ? { error: part.image.error } : { key: part.image.key, dir: part.image.dir }) })),
      } : {}) })),
      skipped,
    };
    env = await collectEnv(host, { ...overhead, eventLoopDelayP99Ms: null, peakRssBytes: null });
    sampleLog = new SampleLog(runDir);
    await writeResultFiles(runDir, { meta, env });
  } catch (error) {
    releaseRun();
    uninstall();
    throw new UserError(`could not start the run: ${(error as Error).message} (nothing was launched)`, EXIT.environment);
  }
  log(`Results: ${runDir}`);

  let samples: StartupSample[] = [];
  const density: DensityRecord[] = [];
  const limits: LimitSample[] = [];
  const provisioning: ProvisionRecord[] = [];
  const provisioningErrors: string[] = [];
  let provisioningLog: SampleLog | null = null;
  let densityLog: SampleLog | null = null;
  let limitsLog: SampleLog | null = null;
  let interrupted = false;
  let logProblem: string | null = null;
  const append = (log: SampleLog, record: StartupSample | DensityRecord | LimitSample | ProvisionRecord): void => {
    try {
      log.append(record);
    } catch (error) {
      // A full disk must not lose the run: keep measuring in memory, say so at the end.
      logProblem ??= (error as Error).message;
    }
  };
  try {
    const result = await runScenarios({
      runId, plans: plans.filter((p) => p.scenario.density === null && !p.scenario.limits && !p.scenario.provisioning), live, signal: controller.signal,
      onEvent: createProgress(), sink: (sample) => append(sampleLog, sample),
    });
    samples = result.samples;
    interrupted = result.interrupted;
    let seq = samples.length;
    for (const plan of plans) {
      const scenario = plan.scenario;
      if (!scenario.limits) continue;
      limitsLog ??= new SampleLog(runDir, LIMITS_FILE);
      const lLog = limitsLog;
      for (const runtime of plan.runtimes) {
        if (controller.signal.aborted) break;
        log(`Limits ${scenario.name}: ${runtime.name} (memory hog, then CPU loop, ${scenario.iterations}× each)`);
        const { seq: next } = await runLimits({
          runId, scenario: { ...scenario, limits: scenario.limits }, runtime, cgroupMode: host.cgroupMode, seq, live,
          signal: controller.signal, sink: (record) => { limits.push(record); append(lLog, record); },
        });
        seq = next;
      }
    }
    for (const plan of plans) {
      const scenario = plan.scenario;
      if (!scenario.provisioning || controller.signal.aborted) continue;
      provisioningLog ??= new SampleLog(runDir, PROVISIONING_FILE);
      const pLog = provisioningLog;
      const image = runnable.find((p) => p.scenario === scenario)?.image;
      const containerSpec = plan.runtimes.find((r) => r.kind === 'container')?.spec;
      log(`Provisioning ${scenario.name}: ${scenario.provisioning.methods.join(', ')}; ${scenario.provisioning.instances} instances each (${scenario.provisioning.fullCopies} full copies)`);
      try {
        const { seq: next, problems } = await runProvisioning({
          runId, scenario: { ...scenario, provisioning: scenario.provisioning }, workDir, tracker,
          imageRootDir: image && !isError(image) ? image.rootDir : host.image && !isError(host.image) ? host.image.rootDir : '',
          containerOn: containerSpec && image && !isError(image) ? (rootDir) => createRuntime(containerSpec, { ...host, image: { ...image, rootDir } }, runResources) : null,
          vm: plan.runtimes.find((r) => r.kind === 'vm') ?? null,
          tool: (name) => findExecutable(name), cowprobe: cowprobePath(), timer: timedExecPath(), seq, live, signal: controller.signal, log,
          sink: (record) => { provisioning.push(record); append(pLog, record); },
        });
        seq = next;
        provisioningErrors.push(...problems.map((p) => `provisioning teardown: ${p}`));
      } catch (error) {
        provisioningErrors.push(`provisioning ${scenario.name} failed: ${(error as Error).message}`);
        log(`  provisioning ${scenario.name} failed: ${(error as Error).message}`);
      }
    }
    for (const plan of plans) {
      const scenario = plan.scenario;
      if (scenario.density === null) continue;
      densityLog ??= new SampleLog(runDir, DENSITY_FILE);
      const dLog = densityLog;
      for (const runtime of plan.runtimes) {
        if (controller.signal.aborted) break;
        const progress = createDensityProgress(scenario.name, runtime.name);
        const { seq: next, end } = await runDensity({
          runId, scenario: { ...scenario, density: scenario.density }, runtime, cgroupMode: host.cgroupMode, seq, live,
          signal: controller.signal, onStep: progress,
          sink: (record) => { density.push(record); append(dLog, record); },
        });
        seq = next;
        log(`  ${runtime.name}: ${end.instances} instances; stopped: ${end.stopDetail}; teardown ${(end.teardownMs / 1000).toFixed(2)} s`);
      }
    }
    interrupted ||= controller.signal.aborted;
  } finally {
    await Promise.all([...live].map((i) => i.stop()));
    sampleLog.close();
    densityLog?.close();
    limitsLog?.close();
    provisioningLog?.close();
    releaseRun();
  }
  // Handlers stay until the results are written: a second Ctrl-C meanwhile still exits cleanly.
  try {
    return await finishRun({ runId, runDir, meta, env, samples, density, limits, provisioning, provisioningErrors, interrupted, logProblem, json: flags.json === true });
  } finally {
    uninstall();
  }
}

interface FinishInput {
  runId: string;
  runDir: string;
  meta: RunMeta;
  env: EnvInfo;
  samples: StartupSample[];
  density: DensityRecord[];
  limits: LimitSample[];
  provisioning: ProvisionRecord[];
  /** A provisioning run that failed as a whole, or whose teardown left something: a failure of the run. */
  provisioningErrors: string[];
  interrupted: boolean;
  logProblem: string | null;
  json: boolean;
}

/** Summarize, write every result file, print the summary, and choose the exit code. */
async function finishRun({ runId, runDir, meta, env, samples, density, limits, provisioning, provisioningErrors, interrupted, logProblem, json }: FinishInput): Promise<number> {
  env.harness.eventLoopDelayP99Ms = timedWindows.p99Ms();
  env.harness.peakRssBytes = process.resourceUsage().maxRSS * 1024;

  const summary = withDensity(summarize(runId, samples, !interrupted), density, totalmem());
  if (logProblem) summary.warnings.push(`samples.jsonl is incomplete: ${logProblem}`);
  summary.warnings.push(...provisioningErrors);
  const measured = samples.filter((s) => !s.warmup);
  meta.finishedAt = new Date().toISOString();
  meta.status = interrupted ? 'interrupted' : 'complete';
  meta.samples = samples.length;
  meta.failures = measured.filter((s) => s.outcome !== 'ok').length + limits.filter((l) => l.outcome !== 'ok').length
    + provisioning.filter((p) => p.type === 'provision-sample' && p.outcome !== 'ok').length + provisioningErrors.length;
  let writeProblem: string | null = null;
  try {
    await writeResultFiles(runDir, { meta, env, samples, density, limits, provisioning, summary }, RUN_VIEWS);
  } catch (error) {
    // A full disk at the end must not hide what was measured: print it, then say what is missing.
    writeProblem = (error as Error).message;
  }

  if (json) process.stdout.write(`${JSON.stringify({ runDir, summary }, null, 2)}\n`);
  else process.stdout.write(`${formatSummary(summary, env)}${formatLimits(limits)}${formatProvisioning(provisioning)}\n\nResults and report: ${join(runDir, 'report.html')}\n`);
  if (writeProblem) {
    process.stderr.write(`vmbench: could not write the results: ${writeProblem}. The samples measured are in ${runDir}/samples.jsonl as far as it could be written.\n`);
    return EXIT.environment;
  }
  if (interrupted) return EXIT.interrupted;
  return meta.failures > 0 || logProblem ? EXIT.sampleFailures : EXIT.ok;
}
