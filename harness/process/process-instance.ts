/**
 * An instance whose life is one host process tree (QEMU, unshare, runc run): launch, watch the
 * console for markers, time out, and tear down. Backends differ only in argv, how phases are
 * derived from the markers, and what resources they release afterwards (hooks).
 */
import type { Instance, InstanceWatcher, ReadyResult, StopResult } from '../runtimes/runtime.js';
import type { Phase } from '../results/format.js';
import { launch, killGroup, type LaunchSpec, type LaunchedProcess, type ProcessExit } from './launch.js';
import { MarkerScanner, type MarkerLine } from './marker-scanner.js';
import { descendantPids, isStillRunning, readProcStat, type ProcStat } from '../host/proc-table.js';
import { waitUntil } from './wait-until.js';

export interface PhaseInput {
  launchNs: bigint;
  init: MarkerLine | null;
  ready: MarkerLine;
}

export interface ProcessInstanceHooks {
  /** Turn the markers into named phases that sum to the startup time. */
  phases(input: PhaseInput): { phases: Phase[]; guestUptimeAtReadyS: number | null };
  /** Release what outlives the processes (runtime state, cgroups, bundle dirs). Must not throw. */
  release?(): Promise<string | null>;
  /** Told the root pid as soon as it exists (crash-safe bookkeeping). */
  onLaunched?(pid: number): void;
  /** The cgroup the runtime creates for the instance, if any. */
  cgroupName?: string;
  /** Sees all console output and the exit (a performance workload's results). */
  watch?: InstanceWatcher;
}

/** How long teardown waits for killed processes to vanish before calling it a problem. */
const GONE_TIMEOUT_MS = 10_000;

export const nsToMs = (ns: bigint): number => Number(ns) / 1e6;

export class ProcessInstance implements Instance {
  readonly id: string;
  readonly cgroupName: string | null;
  readonly #hooks: ProcessInstanceHooks;
  readonly #scanner = new MarkerScanner();
  readonly #launchNs: bigint;
  readonly #proc: LaunchedProcess;
  readonly #exitedPromise: Promise<ProcessExit>;
  readonly #ready: Promise<ReadyResult>;
  #settle!: (result: ReadyResult) => void;
  #settled = false;
  #init: MarkerLine | null = null;
  #probe: Record<string, string> | null = null;
  #stderrTail = '';
  #exited = false;
  #exitDescription = '';
  #timer: NodeJS.Timeout | undefined;
  #stopping: Promise<StopResult> | undefined;

  constructor(id: string, spec: LaunchSpec, readyTimeoutMs: number, hooks: ProcessInstanceHooks) {
    this.id = id;
    this.cgroupName = hooks.cgroupName ?? null;
    this.#hooks = hooks;
    this.#ready = new Promise((resolve) => { this.#settle = resolve; });
    this.#launchNs = process.hrtime.bigint();
    const launched = launch(spec);
    this.#proc = launched.child;
    this.#exitedPromise = launched.exited;
    if (this.#proc.pid !== undefined) hooks.onLaunched?.(this.#proc.pid);
    this.#proc.stdout.on('data', (chunk: Buffer) => this.#onConsole(chunk));
    this.#proc.stderr.on('data', (chunk: Buffer) => {
      hooks.watch?.onOutput(chunk, process.hrtime.bigint(), 'stderr');
      this.#stderrTail = (this.#stderrTail + chunk.toString('utf8')).slice(-1500);
    });
    void this.#exitedPromise.then((result) => {
      this.#exited = true;
      this.#exitDescription = result.spawnError ? `failed to start: ${result.spawnError.message}`
        : result.signal ? `killed by ${result.signal}`
        : `exited with code ${result.code}`;
      hooks.watch?.onExit(this.#exitDescription);
      this.#finish({ state: 'failed', reason: this.#failureReason(`${spec.file} ${this.#exitDescription} before the ready marker`) });
    });
    this.#timer = setTimeout(() => {
      this.#finish({ state: 'timeout', reason: this.#failureReason(`no ready marker within ${readyTimeoutMs} ms`) });
    }, readyTimeoutMs);
  }

  waitReady(): Promise<ReadyResult> {
    return this.#ready;
  }

  hostPids(): number[] {
    return this.#proc.pid === undefined || this.#exited ? [] : descendantPids(this.#proc.pid);
  }

  /** For a VM the whole QEMU process is the machine; for a container, all but the runtime's root. */
  workloadPids(): number[] {
    return this.hostPids().slice(1);
  }

  stop(): Promise<StopResult> {
    this.#stopping ??= this.#teardown();
    return this.#stopping;
  }

  #onConsole(chunk: Buffer): void {
    const atNs = process.hrtime.bigint(); // first: the scan below must not delay the timestamp
    this.#hooks.watch?.onOutput(chunk, atNs, 'stdout');
    for (const marker of this.#scanner.push(chunk.toString('latin1'), atNs)) {
      if (marker.kind === 'init') this.#init ??= marker;
      else if (marker.kind === 'probe') this.#probe ??= marker.fields;
      else this.#onReady(marker);
    }
  }

  #onReady(ready: MarkerLine): void {
    if (this.#settled) return;
    const { phases, guestUptimeAtReadyS } = this.#hooks.phases({ launchNs: this.#launchNs, init: this.#init, ready });
    this.#finish({
      state: 'ready',
      startupMs: nsToMs(ready.atNs - this.#launchNs),
      phases,
      instanceKernel: ready.fields.kernel ?? null,
      guestUptimeAtReadyS,
      markerFields: ready.fields,
      probe: this.#probe,
    });
  }

  #finish(result: ReadyResult): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#settle(result);
  }

  #failureReason(what: string): string {
    const parts = [what];
    const stderr = this.#stderrTail.trim().split('\n').slice(-3).join(' | ');
    if (stderr) parts.push(`stderr: ${stderr}`);
    const console = this.#scanner.tail();
    if (console) parts.push(`console: ${console}`);
    return parts.join('; ');
  }

  async #teardown(): Promise<StopResult> {
    const startNs = process.hrtime.bigint();
    const exitedBeforeStop = this.#exited;
    this.#finish({ state: 'failed', reason: 'stopped before the ready marker' });
    const pid = this.#proc.pid;
    const problems: string[] = [];
    if (pid !== undefined) {
      // Snapshot first: once the root dies its children are re-parented and harder to find.
      // Walked through /proc/<pid>/task/*/children: O(this tree), not O(every host process),
      // which matters when hundreds of instances are stopped one after another.
      const tree = descendantPids(pid).map(readProcStat).filter((p): p is ProcStat => p !== null);
      killGroup(pid);
      killEach(tree); // processes that left the group (new sessions) still die
      await this.#exitedPromise;
      const gone = await waitUntil(() => tree.every((p) => !isStillRunning(p.pid, p.startTime)), GONE_TIMEOUT_MS);
      if (!gone) problems.push(`processes still running ${GONE_TIMEOUT_MS} ms after SIGKILL`);
    }
    const releaseProblem = await this.#hooks.release?.();
    if (releaseProblem) problems.push(releaseProblem);
    return {
      teardownMs: nsToMs(process.hrtime.bigint() - startNs),
      exitedBeforeStop,
      problem: problems.length ? problems.join('; ') : null,
    };
  }
}

function killEach(tree: ProcStat[]): void {
  for (const p of tree) {
    if (!isStillRunning(p.pid, p.startTime)) continue;
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Already gone between the check and the kill.
    }
  }
}
