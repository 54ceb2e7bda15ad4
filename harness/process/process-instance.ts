/**
 * An instance whose life is one host process tree (QEMU, unshare, runc run): launch, watch the
 * console for markers, time out, and tear down. Backends differ only in argv, how phases are
 * derived from the markers, and what resources they release afterwards (hooks).
 */
import type { Instance, InstanceWatcher, ReadyResult, StopResult } from '../runtimes/runtime.js';
import type { HostDiskCache, Phase } from '../results/format.js';
import { launch, type LaunchHandle, type LaunchSpec, type ProcessExit } from './launch.js';
import { describeSurvivors, isGone, killEach, killGroup, snapshotTree } from './kill-tree.js';
import { MarkerScanner, type MarkerLine } from './marker-scanner.js';
import { descendantPids } from '../host/proc-table.js';
import { waitUntil } from './wait-until.js';

export interface PhaseInput {
  launchNs: bigint;
  /** When the first console byte arrived (for a VM: the guest's first output), host ns. */
  firstOutputNs: bigint | null;
  init: MarkerLine | null;
  ready: MarkerLine;
}

export interface ProcessInstanceHooks {
  /** Turn the markers into named phases that sum to the startup time. */
  phases(input: PhaseInput): { phases: Phase[]; guestUptimeAtReadyS: number | null; guestClockSkewMs: number | null };
  /** The instance's disk in the host's page cache (its devices' hostDiskCache). */
  hostDiskCache?: () => HostDiskCache | null;
  /** Release what outlives the processes (runtime state, cgroups, bundle dirs). Must not throw. */
  release?(): Promise<string | null>;
  /** Told the root pid as soon as it exists (crash-safe bookkeeping). */
  onLaunched?(pid: number): void;
  /** The cgroup the runtime creates for the instance, if any. */
  cgroupName?: string;
  /** Sees all console output and the exit (a performance workload's results). */
  watch?: InstanceWatcher;
  /**
   * A graceful stop: ask the instance to end (SIGTERM to a container's init, a line to a VM's
   * control port), given the root pid. Teardown then waits for it to exit by itself, bounded.
   * Absent: stop kills at once.
   */
  requestStop?(rootPid: number): Promise<void>;
}

/** How long teardown waits for killed processes to be reaped before calling it a problem. */
const GONE_TIMEOUT_MS = 10_000;
/** How long the root is given to reap its killed children before it is killed itself. */
const INNER_REAP_MS = 2_000;
/** How long a graceful stop waits for the instance to exit by itself before killing what is left. */
export const GRACEFUL_TIMEOUT_MS = 20_000;

export const nsToMs = (ns: bigint): number => Number(ns) / 1e6;

export class ProcessInstance implements Instance {
  readonly id: string;
  readonly cgroupName: string | null;
  readonly #hooks: ProcessInstanceHooks;
  readonly #scanner = new MarkerScanner();
  readonly #proc: LaunchHandle;
  readonly #exitedPromise: Promise<ProcessExit>;
  readonly #ready: Promise<ReadyResult>;
  #settle!: (result: ReadyResult) => void;
  #settled = false;
  #init: MarkerLine | null = null;
  #firstOutputNs: bigint | null = null;
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
    this.#ready = new Promise((resolve) => {
      this.#settle = resolve;
    });
    this.#proc = launch(spec);
    this.#exitedPromise = this.#proc.exited;
    this.#proc.onStarted((pid) => hooks.onLaunched?.(pid));
    this.#proc.onStdout((chunk, atNs) => this.#onConsole(chunk, atNs));
    this.#proc.onStderr((chunk) => {
      hooks.watch?.onOutput(chunk, process.hrtime.bigint(), 'stderr');
      this.#stderrTail = (this.#stderrTail + chunk.toString('utf8')).slice(-1500);
    });
    void this.#exitedPromise.then((result) => {
      this.#exited = true;
      this.#exitDescription = result.spawnError
        ? `failed to start: ${result.spawnError.message}`
        : result.signal
          ? `killed by ${result.signal}`
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

  hostDiskCache(): HostDiskCache | null {
    return this.#hooks.hostDiskCache?.() ?? null;
  }

  stop(): Promise<StopResult> {
    this.#stopping ??= this.#teardown();
    return this.#stopping;
  }

  /** atNs was taken as the read returned (by the launcher, or first thing in Node's handler). */
  #onConsole(chunk: Buffer, atNs: bigint): void {
    this.#firstOutputNs ??= atNs;
    this.#hooks.watch?.onOutput(chunk, atNs, 'stdout');
    for (const marker of this.#scanner.push(chunk.toString('latin1'), atNs)) {
      if (marker.kind === 'init') this.#init ??= marker;
      else if (marker.kind === 'probe') this.#probe ??= marker.fields;
      else this.#onReady(marker);
    }
  }

  #onReady(ready: MarkerLine): void {
    if (this.#settled) return;
    const { phases, guestUptimeAtReadyS, guestClockSkewMs } = this.#hooks.phases({
      launchNs: this.#proc.launchNs,
      firstOutputNs: this.#firstOutputNs,
      init: this.#init,
      ready,
    });
    this.#finish({
      state: 'ready',
      startupMs: nsToMs(ready.atNs - this.#proc.launchNs),
      phases,
      instanceKernel: ready.fields.kernel ?? null,
      guestUptimeAtReadyS,
      guestClockSkewMs,
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
    const pid = await this.#proc.whenStarted; // the native launcher reports the pid a moment later
    const problems: string[] = [];
    let stoppedGracefully: boolean | null = null;
    if (pid !== null && this.#hooks.requestStop && !this.#exited) {
      try {
        await this.#hooks.requestStop(pid);
      } catch (error) {
        problems.push(`graceful stop request failed: ${(error as Error).message}`);
      }
      stoppedGracefully = await Promise.race([
        this.#exitedPromise.then(() => true),
        new Promise<false>((resolve) => {
          setTimeout(() => resolve(false), GRACEFUL_TIMEOUT_MS).unref();
        }),
      ]);
      if (!stoppedGracefully) problems.push(`did not exit within ${GRACEFUL_TIMEOUT_MS} ms of the stop request: killed`);
    }
    if (pid !== null) {
      // Snapshot first: once the root dies its children are re-parented and harder to find.
      // Walked through /proc/<pid>/task/*/children: O(this tree), not O(every host process),
      // which matters when hundreds of instances are stopped one after another.
      const tree = snapshotTree(pid);
      const inner = tree.filter((p) => p.pid !== pid);
      // Inner processes first, so the root (unshare, runc run) reaps them: see kill-tree.ts.
      killEach(inner);
      if (inner.length) await waitUntil(() => inner.every(isGone), INNER_REAP_MS);
      killGroup(pid);
      killEach(tree); // processes that left the group (new sessions) still die
      await this.#exitedPromise;
      // Gone from /proc, not only dead: a zombie still holds its pid and its namespaces.
      if (!(await waitUntil(() => tree.every(isGone), GONE_TIMEOUT_MS))) {
        problems.push(`processes not reaped ${GONE_TIMEOUT_MS} ms after SIGKILL: ${describeSurvivors(tree) ?? 'none left by now'}`);
      }
    }
    const releaseProblem = await this.#hooks.release?.();
    if (releaseProblem) problems.push(releaseProblem);
    return {
      teardownMs: nsToMs(process.hrtime.bigint() - startNs),
      exitedBeforeStop,
      stoppedGracefully,
      problem: problems.length ? problems.join('; ') : null,
    };
  }
}
