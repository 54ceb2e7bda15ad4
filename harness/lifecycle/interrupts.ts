/**
 * Ctrl-C and SIGTERM during a run. First signal: stop launching, tear down the instances that are
 * up, keep every finished sample and write the partial results. Second signal: fast exit, still
 * without leaks: kill everything the run's journal lists, synchronously, then exit 130.
 * An uncaught error does the same fast cleanup before the process dies.
 */
import type { Instance } from '../runtimes/runtime.js';
import { cleanUp, readJournal } from './cleanup.js';
import type { ResourceKind } from './resource-kind.js';
import { isGone, killEach } from '../process/kill-tree.js';
import { currentLauncherPid } from '../process/launch.js';
import { readProcStat } from '../host/proc-table.js';
import { waitUntil } from '../process/wait-until.js';

/** After the fast kill, how long the harness keeps its event loop running to reap its children. */
const REAP_BEFORE_EXIT_MS = 3_000;

export interface InterruptOptions {
  controller: AbortController;
  live: Set<Instance>;
  journalPath: string | null;
  /** The backends' journal resource kinds (runtimes/registry.ts), for the forced cleanup. */
  resourceKinds: ReadonlyMap<string, ResourceKind>;
  log: (line: string) => void;
}

export function installInterruptHandlers(options: InterruptOptions): () => void {
  let signals = 0;
  /**
   * Kills synchronously, then exits once the killed processes are reaped: the roots are this
   * process's children, reaped only by its event loop, so exiting at once would leave them as
   * zombies of a PID 1 that may never reap them.
   */
  const forceCleanupAndExit = (code: number): void => {
    let killed: ReturnType<typeof cleanUp>['killed'] = [];
    if (options.journalPath) {
      try {
        killed = cleanUp(readJournal(options.journalPath), options.resourceKinds, 0).killed;
      } catch {
        // The journal is gone: the run had already cleaned up.
      }
    }
    // The native launcher, its instances gone: killed last, and reaped before exiting.
    const launcher = currentLauncherPid();
    const stat = launcher === null ? null : readProcStat(launcher);
    if (stat) {
      killEach([stat]);
      killed.push(stat);
    }
    void waitUntil(() => killed.every(isGone), REAP_BEFORE_EXIT_MS).then(() => process.exit(code));
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    signals++;
    if (signals === 1) {
      options.log(
        `\n${signal}: stopping ${options.live.size} running instance(s) and saving the samples measured so far (press Ctrl-C again to exit at once).`,
      );
      options.controller.abort();
      for (const instance of options.live) void instance.stop();
      return;
    }
    options.log(`\n${signal} again: killing every instance of this run and exiting now.`);
    forceCleanupAndExit(130);
  };
  const onCrash = (error: unknown): void => {
    options.log(
      `\nvmbench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nTearing down this run's instances.`,
    );
    forceCleanupAndExit(70);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
}
