/**
 * Starting an instance's root process. Every instance gets its own process group (detached),
 * because execa 9 cannot kill a process tree: stop() signals the whole group instead.
 */
import { execa, type ResultPromise } from 'execa';

export interface LaunchSpec {
  file: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export type LaunchedProcess = ResultPromise<{
  detached: true; stdin: 'ignore'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false;
}>;

export function launch(spec: LaunchSpec): LaunchedProcess {
  return execa(spec.file, spec.args, {
    detached: true,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    // The harness tears instances down itself (SIGKILL of the group); execa's own cleanup would
    // only SIGTERM the direct child, which a namespace init ignores.
    cleanup: false,
    env: spec.env,
    extendEnv: spec.env === undefined,
    cwd: spec.cwd,
  });
}

/** SIGKILL a whole process group; a group that is already gone is not an error. */
export function killGroup(pgid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
