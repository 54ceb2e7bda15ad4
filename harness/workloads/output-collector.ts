/**
 * Collects a performance workload's output from the instance's console: every line after the
 * ready marker, split into steps at VMBENCH_STEP lines, until VMBENCH_DONE, the instance's exit or
 * the workload's time limit. Marker arrival is timestamped on the host (monotonic), like startup.
 * Output kept is bounded: a chatty command cannot grow the harness without limit.
 */
import type { InstanceWatcher } from '../runtimes/runtime.js';
import type { WorkloadOutput } from './definition.js';
import { DONE_MARKER, STEP_MARKER } from './performance-script.js';
import { READY_MARKER } from './scripts.js';
import { parseMarkerFields } from './marker-fields.js';

const MAX_LINES = 2000;
const MAX_PARTIAL = 8192;

export type CollectResult =
  { state: 'done'; output: WorkloadOutput } | { state: 'exited' | 'timeout'; reason: string; output: WorkloadOutput };

export class OutputCollector implements InstanceWatcher {
  readonly #lines: string[] = [];
  readonly #steps: WorkloadOutput['steps'] = new Map([['', { fields: {}, lines: [] }]]);
  #current = '';
  #partial = { stdout: '', stderr: '' };
  #readyNs: bigint | null = null;
  #firstStepNs: bigint | null = null;
  #status: number | null = null;
  #done = false;
  #resolve!: (result: CollectResult) => void;
  readonly #result = new Promise<CollectResult>((resolve) => {
    this.#resolve = resolve;
  });
  #timer: NodeJS.Timeout | undefined;

  onOutput(chunk: Buffer, atNs: bigint, stream: 'stdout' | 'stderr'): void {
    const text = this.#partial[stream] + chunk.toString('latin1');
    const parts = text.split('\n');
    this.#partial[stream] = parts.pop()!.slice(-MAX_PARTIAL);
    for (const raw of parts) this.#line(raw.replace(/\r$/, ''), atNs, stream);
  }

  onExit(description: string): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.#partial[stream]) this.#line(this.#partial[stream], process.hrtime.bigint(), stream);
      this.#partial[stream] = '';
    }
    this.#finish({
      state: 'exited',
      reason: `the instance ${description} before the workload finished`,
      output: this.#output(process.hrtime.bigint()),
    });
  }

  /** Starts the time limit (call once ready) and resolves when the workload is done or cannot be. */
  wait(timeLimitMs: number): Promise<CollectResult> {
    // Already finished (a fast workload's done marker can come with its ready marker): no timer.
    if (this.#done) return this.#result;
    this.#timer ??= setTimeout(() => {
      this.#finish({
        state: 'timeout',
        reason: `the workload did not finish within ${timeLimitMs} ms of its ready marker`,
        output: this.#output(process.hrtime.bigint()),
      });
    }, timeLimitMs);
    return this.#result;
  }

  #line(line: string, atNs: bigint, stream: 'stdout' | 'stderr'): void {
    if (this.#done) return;
    if (stream === 'stderr') {
      // Container stderr arrives on its own pipe; a VM's shares the serial console.
      if (this.#readyNs !== null) this.#keep(`stderr: ${line}`);
      return;
    }
    const at = line.indexOf('VMBENCH_');
    const tag = at === -1 ? '' : line.slice(at).split(' ', 1)[0];
    if (tag === READY_MARKER) {
      this.#readyNs ??= atNs;
      return;
    }
    if (this.#readyNs === null) return; // boot chatter and init's own lines
    if (tag === STEP_MARKER) {
      const fields = parseMarkerFields(line.slice(at));
      this.#current = fields.name ?? '';
      this.#firstStepNs ??= atNs;
      this.#steps.set(this.#current, { fields, lines: [] });
      return;
    }
    if (tag === DONE_MARKER) {
      const status = Number(parseMarkerFields(line.slice(at)).status);
      this.#status = Number.isInteger(status) ? status : null;
      this.#finish({ state: 'done', output: this.#output(atNs) });
      return;
    }
    this.#keep(line);
  }

  #keep(line: string): void {
    if (this.#lines.length >= MAX_LINES) return;
    this.#lines.push(line);
    this.#steps.get(this.#current)?.lines.push(line);
  }

  #output(endNs: bigint): WorkloadOutput {
    const start = this.#firstStepNs ?? this.#readyNs ?? endNs;
    return { lines: this.#lines, steps: this.#steps, status: this.#status, elapsedMs: Number(endNs - start) / 1e6 };
  }

  #finish(result: CollectResult): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    this.#resolve(result);
  }
}
