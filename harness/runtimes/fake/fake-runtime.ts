/**
 * A runtime with no processes, for fast unit tests of the runner (like hyperfine's mock
 * executor). Each start consumes the next scripted outcome. Never used for measurements: the
 * CLI does not offer it.
 */
import type { ContainerRuntimeSpec } from '../../scenario/types.js';
import type { InstanceKind } from '../../results/format.js';
import type { Instance, ReadyResult, Runtime, StartRequest, StopResult } from '../runtime.js';

export type FakeOutcome =
  /** `console`: what a performance workload prints after its ready marker, handed to the watcher. */
  { ready: number; teardown?: number; console?: string } | { fail: string } | { timeout: true };

export class FakeRuntime implements Runtime {
  readonly backend = 'fake' as const;
  readonly accel = null;
  readonly machine = null;
  readonly configuredMemoryBytes = null;
  readonly memoryInside = 'workload-processes' as const;
  readonly spec: ContainerRuntimeSpec;
  readonly started: StartRequest[] = [];
  readonly live = new Set<string>();
  #next = 0;

  constructor(
    readonly name: string,
    readonly kind: InstanceKind,
    private readonly outcomes: FakeOutcome[],
  ) {
    this.spec = { name, type: 'namespaces', userNamespace: false };
  }

  start(request: StartRequest): Instance {
    this.started.push(request);
    this.live.add(request.id);
    const outcome = this.outcomes[this.#next++ % this.outcomes.length]!;
    const ready: ReadyResult =
      'ready' in outcome
        ? {
            state: 'ready',
            startupMs: outcome.ready,
            phases: [{ name: 'runtime_setup', ms: outcome.ready }],
            instanceKernel: 'fake',
            guestUptimeAtReadyS: null,
            guestClockSkewMs: null,
            markerFields: {},
            probe: null,
          }
        : 'fail' in outcome
          ? { state: 'failed', reason: outcome.fail }
          : { state: 'timeout', reason: `no ready marker within ${request.readyTimeoutMs} ms` };
    if ('ready' in outcome && outcome.console !== undefined && request.watch) {
      const watch = request.watch;
      const text = `VMBENCH_READY uptime= kernel=fake\n${outcome.console}`;
      setImmediate(() => {
        watch.onOutput(Buffer.from(text), process.hrtime.bigint(), 'stdout');
        watch.onExit('exited with code 0');
      });
    }
    let stopped: Promise<StopResult> | undefined;
    return {
      id: request.id,
      waitReady: () => Promise.resolve(ready),
      hostPids: () => [],
      workloadPids: () => [],
      cgroupName: null,
      stop: () => {
        stopped ??= Promise.resolve().then(() => {
          this.live.delete(request.id);
          return {
            teardownMs: 'ready' in outcome ? (outcome.teardown ?? 1) : 0,
            exitedBeforeStop: false,
            stoppedGracefully: null,
            problem: null,
          };
        });
        return stopped;
      },
    };
  }
}
