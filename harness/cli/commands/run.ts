/**
 * `vmbench run`: the flags, one call of the run pipeline (harness/run/run-pipeline.ts), the
 * summary printed, and the outcome mapped to an exit code.
 */
import { totalmem, cpus } from 'node:os';
import { join } from 'node:path';
import { loadScenarios } from '../../scenario/load.js';
import { runPipeline } from '../../run/run-pipeline.js';
import type { RunOutcome } from '../../run/finish-run.js';
import { RunRefused } from '../../run/run-refused.js';
import { formatSummary } from '../../terminal/summary-printer.js';
import { formatLimits } from '../../terminal/limits-printer.js';
import { formatProvisioning } from '../../terminal/provisioning-printer.js';
import { EXIT, UserError } from '../exit-codes.js';
import { checkKernelFlag, checkOutFlag } from '../cli-options.js';
import { applyOverrides, type RunFlags } from '../run-overrides.js';
import { RUN_VIEWS } from '../report-views.js';
import { DEFAULT_SUITE, RESULTS_DIR, SCENARIOS_DIR } from '../paths.js';

export type { RunFlags } from '../run-overrides.js';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export async function runCommand(args: string[], flags: RunFlags, argv: string[]): Promise<number> {
  const hostLimits = { memTotalMiB: Math.floor(totalmem() / 1024 / 1024), cores: cpus().length };
  const scenarios = applyOverrides(loadScenarios(args.length ? args : DEFAULT_SUITE, SCENARIOS_DIR, hostLimits), flags);
  // Every path flag is checked before the host is: the KVM probe already launches a VM.
  const outRoot = checkOutFlag(flags.out) ?? RESULTS_DIR;
  checkKernelFlag(flags.kernel);
  let outcome: RunOutcome;
  try {
    outcome = await runPipeline({ scenarios, outRoot, argv, kernel: flags.kernel, views: RUN_VIEWS, log });
  } catch (error) {
    if (error instanceof RunRefused) throw new UserError(error.message, EXIT.environment);
    throw error;
  }
  const { runDir, summary, env } = outcome;
  if (flags.json === true) process.stdout.write(`${JSON.stringify({ runDir, summary }, null, 2)}\n`);
  else
    process.stdout.write(
      `${formatSummary(summary, env)}${formatLimits(outcome.limits)}${formatProvisioning(outcome.provisioning)}\n\nResults and report: ${join(runDir, 'report.html')}\n`,
    );
  return exitCode(outcome);
}

function exitCode(outcome: RunOutcome): number {
  if (outcome.writeProblem) {
    // A full disk at the end must not hide what was measured: printed above, then what is missing.
    process.stderr.write(
      `vmbench: could not write the results: ${outcome.writeProblem}. The samples measured are in ${outcome.runDir}/samples.jsonl as far as it could be written.\n`,
    );
    return EXIT.environment;
  }
  if (outcome.status === 'interrupted') return EXIT.interrupted;
  return outcome.failures > 0 || outcome.logProblem ? EXIT.sampleFailures : EXIT.ok;
}
