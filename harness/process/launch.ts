/**
 * Starting an instance's root process, in its own session and process group: stop() signals the
 * whole group, since a process tree cannot be killed through its root alone.
 *
 * Two ways, one interface. The native launcher (native-launcher.ts) spawns and timestamps in a
 * small C process, so no Node latency sits inside a timed window. Where it is not built, Node's
 * child_process.spawn does the same, timestamped in the data handler (rather than execa: a
 * density run holds hundreds of children, and an execa subprocess costs ~100 KiB of harness
 * memory against ~13 KiB for a plain ChildProcess: 500 idle children +50 MiB vs +6.5 MiB RSS).
 */
import { spawn } from 'node:child_process';
import { LAUNCHER_PATH, NativeLauncher, launcherProblem } from './native-launcher.js';
import { readProcStat, USER_HZ } from '../host/proc-table.js';

export interface LaunchSpec {
  file: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Force one launch path (vmbench calibrate compares them); default: launcherInfo(). */
  via?: LauncherKind;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (ENOENT, EACCES …). */
  spawnError: Error | null;
}

/** A launched root process: its pid and launch time are known once the launcher reports them. */
export interface LaunchHandle {
  /** Undefined until started (native) or when the spawn failed. */
  readonly pid: number | undefined;
  /** Host CLOCK_MONOTONIC ns just before the spawn (process.hrtime's clock). */
  readonly launchNs: bigint;
  /** Resolves once the root is reaped (after its last output), or when it could not start. */
  readonly exited: Promise<ProcessExit>;
  /** The root pid once the spawn is done; null when it failed. */
  readonly whenStarted: Promise<number | null>;
  /** Told the root pid once it exists (at once, or when the launcher reports it). */
  onStarted(callback: (pid: number) => void): void;
  /** Output with the host monotonic time its read returned. */
  onStdout(callback: (chunk: Buffer, atNs: bigint) => void): void;
  onStderr(callback: (chunk: Buffer) => void): void;
}

export type LauncherKind = 'native' | 'node';

export interface LauncherInfo {
  kind: LauncherKind;
  /** Why the native launcher is not used, when it is not. */
  reason: string | null;
}

let native: NativeLauncher | null = null;
/** How many native launchers this process has started: a replaced one took its CPU time with it. */
let generation = 0;
let chosen: LauncherInfo | null = null;

/** Which launcher this process uses: native unless missing or VMBENCH_LAUNCHER=node. */
export function launcherInfo(): LauncherInfo {
  if (chosen) return chosen;
  const problem = process.env.VMBENCH_LAUNCHER === 'node' ? 'VMBENCH_LAUNCHER=node' : launcherProblem();
  chosen = problem === null ? { kind: 'native', reason: null } : { kind: 'node', reason: problem };
  return chosen;
}

export function launch(spec: LaunchSpec): LaunchHandle {
  const via = spec.via === 'node' ? 'node' : launcherInfo().kind;
  return via === 'native' ? nativeLauncher().launch(spec) : launchWithNode(spec);
}

/** The launcher, started on first use; a dead one (killed, crashed) is replaced, so a run goes on. */
function nativeLauncher(): NativeLauncher {
  if (native === null || native.dead !== null) {
    native = new NativeLauncher(LAUNCHER_PATH);
    generation++;
  }
  return native;
}

/** Which native launcher runs now (a count of those started) and its CPU time so far (null: none runs). */
export interface LauncherCpuMark {
  generation: number;
  cpuMs: number | null;
}

export function launcherCpuMark(): LauncherCpuMark {
  const pid = currentLauncherPid();
  const stat = pid === null ? null : readProcStat(pid);
  return { generation, cpuMs: stat === null ? null : (stat.cpuTicks * 1000) / USER_HZ };
}

/**
 * The native launcher's CPU time (user + system, 10 ms ticks) since `mark`: all of it when the
 * launcher was started after the mark; null when none runs now, or when a launcher died and was
 * replaced in between (the dead one's time went with it).
 */
export function launcherCpuSince(mark: LauncherCpuMark): number | null {
  const now = launcherCpuMark();
  if (now.cpuMs === null) return null;
  if (now.generation === mark.generation) return mark.cpuMs === null ? null : now.cpuMs - mark.cpuMs;
  return now.generation === mark.generation + 1 && mark.cpuMs === null ? now.cpuMs : null;
}

/** The native launcher's CPU time over this whole process (null: none runs, or one was replaced). */
export function launcherCpuSinceStart(): number | null {
  return launcherCpuSince({ generation: 0, cpuMs: null });
}

/** Starts the native launcher now (if used) and returns its pid, for the run's journal. */
export function startLauncher(): number | null {
  return launcherInfo().kind === 'native' ? (nativeLauncher().pid ?? null) : null;
}

/** The running native launcher's pid, without starting one. */
export function currentLauncherPid(): number | null {
  return native !== null && native.dead === null ? (native.pid ?? null) : null;
}

/**
 * No more launches: the native launcher exits after its last instance, and is awaited so the
 * harness reaps it (exiting first would leave it a zombie of PID 1). Bounded.
 */
export async function closeLauncher(timeoutMs = 5_000): Promise<void> {
  const closing = native;
  native = null;
  if (closing) await closing.close(timeoutMs);
}

export function launchWithNode(spec: LaunchSpec): LaunchHandle {
  const launchNs = process.hrtime.bigint();
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
  return {
    pid: child.pid,
    launchNs,
    exited,
    whenStarted: Promise.resolve(child.pid ?? null),
    onStarted: (callback) => {
      if (child.pid !== undefined) callback(child.pid);
    },
    onStdout: (callback) => child.stdout.on('data', (chunk: Buffer) => callback(chunk, process.hrtime.bigint())),
    onStderr: (callback) => child.stderr.on('data', callback),
  };
}
