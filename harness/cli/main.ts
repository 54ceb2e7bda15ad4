#!/usr/bin/env node
/** The vmbench command: subcommands, help, and the mapping from errors to exit codes. */
import { Command, CommanderError } from 'commander';
import { VMBENCH_VERSION } from '../version.js';
import { ScenarioValidationError, formatIssues } from '../scenario/errors.js';
import { EXIT, UserError } from './exit-codes.js';
import { runCommand } from './commands/run.js';
import { doctorCommand } from './commands/doctor.js';
import { listCommand } from './commands/list.js';
import { reportCommand } from './commands/report.js';
import { compareCommand } from './commands/compare.js';
import { cleanupCommand } from './commands/cleanup.js';
import { calibrateCommand } from './commands/calibrate.js';
import { closeLauncher } from '../process/launch.js';

const program = new Command('vmbench')
  .description(
    'Run the same busybox workload under QEMU VMs and Linux containers; measure startup, teardown and memory; write comparative reports.',
  )
  .version(VMBENCH_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

let exitCode: number = EXIT.ok;

/** The flags a command takes. Commander hands `.action` its parsed options untyped; the shape is
 * the one each command's `.option(...)` lines declare, and each command validates the values. */
type FlagsOf<F extends (...args: never[]) => unknown, I extends number> = Parameters<F>[I];

program
  .command('run')
  .description('Run scenarios (files, or names in scenarios/; none = the default suite) and write results/<run-id>/')
  .argument('[scenario...]', 'scenario files or names')
  .option('-n, --iterations <N>', 'measured launches per runtime (overrides the scenario; the minimum with --until-ci)')
  .option('--until-ci <PCT>', 'adaptive: sample each runtime until the 95% CI of its median is within PCT of it (e.g. 3%)')
  .option('--max-iterations <N>', 'adaptive: at most N measured launches per runtime (default 5 × iterations)')
  .option('-w, --warmup <N>', 'warmup launches per runtime, recorded but not summarized (overrides the scenario)')
  .option('-r, --runtimes <a,b>', 'only these runtimes (names from the scenarios)')
  .option('-o, --out <DIR>', 'results root: the run writes DIR/<run-id>/ (default: results/, so results/<run-id>/)')
  .option('-k, --kernel <FILE>', 'guest kernel for VMs (default: $VMBENCH_KERNEL, else the newest /boot/vmlinuz-*)')
  .option('--json', 'print the summary as JSON on stdout')
  .addHelpText(
    'after',
    '\nExamples:\n  vmbench run                       # the default suite (scenarios/startup.yaml)\n  vmbench run startup -n 20 -r qemu-q35,runc\n\nExit codes: 0 ok, 1 some samples failed, 2 bad input, 3 nothing can run here, 130 interrupted.',
  )
  .action(async (args: string[], flags: FlagsOf<typeof runCommand, 1>) => {
    exitCode = await runCommand(args, flags, process.argv.slice(2));
  });

program
  .command('doctor')
  .description('Check this host: QEMU, guest kernel, KVM (with a probe boot), busybox, cgroups, runc/crun')
  .option('-k, --kernel <FILE>', 'guest kernel to check and probe')
  .option('--fresh', 'ignore the cached KVM probe verdict')
  .option('--json', 'machine-readable output')
  .action(async (flags: FlagsOf<typeof doctorCommand, 0>) => {
    exitCode = await doctorCommand(flags);
  });

program
  .command('list')
  .description('List scenarios, workloads and runtimes, and whether each runtime is usable here')
  .option('-k, --kernel <FILE>', 'guest kernel')
  .option('--json', 'machine-readable output')
  .action(async (flags: FlagsOf<typeof listCommand, 0>) => {
    exitCode = await listCommand(flags);
  });

program
  .command('report')
  .description('Render a report from saved results; several directories give a side-by-side comparison')
  .argument('<results-dir...>', 'results/<run-id> directories')
  .option('-o, --out <FILE>', 'output file (default: <dir>/report.html, or comparison.html)')
  .option('-f, --format <html|markdown>', 'html (default) or markdown (to stdout unless --out)')
  .action(async (dirs: string[], flags: FlagsOf<typeof reportCommand, 1>) => {
    exitCode = await reportCommand(dirs, flags);
  });

program
  .command('compare')
  .description('Compare runs metric by metric: test, Holm correction, minimum effect, verdicts; --fail-on regression for CI')
  .argument('<results-dir...>', 'BASE NEW [NEW…] (each NEW against BASE), or A1 A2 … -- B1 B2 … (two sides of several runs)')
  .option('--alpha <P>', 'significance level of the whole comparison, Holm-corrected (default 0.01)')
  .option('--min-effect <PCT>', 'smallest relative change of a median called a change (default 5%)')
  .option('--baseline <FILE>', 'per-metric thresholds (YAML or JSON: alpha, minEffect, metrics rules)')
  .option(
    '--baseline-from <DIR>',
    "the baseline is the last --last runs in DIR, and each metric's minimum effect their largest run-to-run deviation",
  )
  .option('--last <N>', 'with --baseline-from: how many of the newest complete runs (default 5)')
  .option('--fail-on <regression|change>', 'exit 1 when a metric regressed (or changed either way)')
  .option('--json', 'the comparison as JSON on stdout')
  .option('--markdown', 'the comparison as Markdown on stdout')
  .option('--html <FILE>', 'also write the HTML comparison report (verdicts, forest plot) to FILE')
  .addHelpText(
    'after',
    '\nExamples:\n  vmbench compare results/A results/B\n  vmbench compare --fail-on regression --baseline ci-thresholds.yaml results/A1 results/A2 results/A3 -- results/B1 results/B2 results/B3\n\nExit codes: 0 no regression (or no --fail-on), 1 --fail-on matched, 2 bad input (a directory, a flag, the thresholds file).',
  )
  .action(async (dirs: string[], flags: FlagsOf<typeof compareCommand, 1>) => {
    exitCode = await compareCommand(dirs, flags, process.argv.slice(2));
  });

program
  .command('calibrate')
  .description("Time the harness's own launch path against a lean C launcher (and hyperfine) on this host")
  .option('-n, --iterations <N>', 'launches per path (default 30)')
  .option('--json', 'machine-readable output')
  .action(async (flags: FlagsOf<typeof calibrateCommand, 0>) => {
    exitCode = await calibrateCommand(flags);
  });

program
  .command('cleanup')
  .description('Remove VMs, containers, cgroups and temp dirs that a killed run left behind')
  .option('--json', 'machine-readable output')
  .action((flags: FlagsOf<typeof cleanupCommand, 0>) => {
    exitCode = cleanupCommand(flags);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else if (error instanceof ScenarioValidationError) {
    process.stderr.write(`vmbench: invalid scenario (nothing was launched):\n${formatIssues(error.issues)}\n`);
    exitCode = EXIT.badInput;
  } else if (error instanceof UserError) {
    process.stderr.write(`vmbench: ${error.message}\n`);
    exitCode = error.exitCode;
  } else {
    process.stderr.write(`vmbench: internal error (please report): ${error instanceof Error ? error.stack : String(error)}\n`);
    exitCode = 70;
  }
} finally {
  await closeLauncher(); // it exits after its last instance; reaped here, not left to PID 1
}
process.exitCode = exitCode;
