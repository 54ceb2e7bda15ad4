/**
 * Starting an instance's root process, in its own process group (detached): stop() signals the
 * whole group, since a process tree cannot be killed through its root alone.
 *
 * node:child_process rather than execa here (execa runs every short command elsewhere): a
 * density run holds hundreds of these at once, and an execa subprocess costs ~100 KiB of harness
 * memory against ~13 KiB for a plain ChildProcess (500 idle children: +50 MiB vs +6.5 MiB RSS,
 * measured on the build machine). The harness must stay small while it drives them.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface LaunchSpec {
  file: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export type LaunchedProcess = ChildProcessByStdio<null, Readable, Readable>;

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (ENOENT, EACCES …). */
  spawnError: Error | null;
}

export function launch(spec: LaunchSpec): { child: LaunchedProcess; exited: Promise<ProcessExit> } {
  const child = spawn(spec.file, spec.args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: spec.env ?? process.env,
    cwd: spec.cwd,
  });
  const exited = new Promise<ProcessExit>((resolve) => {
    // 'close' also waits for the pipes, so the last stderr bytes (a failure's reason) are in;
    // but a stray process holding a pipe must not stall teardown: give it 200 ms after 'exit'.
    child.once('close', (code, signal) => resolve({ code, signal, spawnError: null }));
    child.once('exit', (code, signal) => setTimeout(() => resolve({ code, signal, spawnError: null }), 200).unref());
    child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
  });
  return { child, exited };
}
