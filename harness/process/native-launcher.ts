/**
 * The harness side of vmbench-launcher (launcher/vmbench-launcher.c): one small native process
 * per harness that spawns instances and timestamps their launch and output with CLOCK_MONOTONIC,
 * the clock process.hrtime() reads. Node only schedules and records; no event-loop latency lies
 * inside a timed window. Built by scripts/build-launcher.sh; without it, launch.ts falls back to
 * child_process.spawn and says so (env.json, doctor, report).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PROJECT_ROOT } from '../version.js';
import type { LaunchHandle, LaunchSpec, ProcessExit } from './launch.js';

export const LAUNCHER_PATH = join(PROJECT_ROOT, 'dist', 'launcher', 'vmbench-launcher');

export const FRAME = { started: 1, failed: 2, stdout: 3, stderr: 4, exited: 5 } as const;
export const HEADER_BYTES = 24; // u8 type, 3 pad, u32 id, u64 ts, u32 len, i32 aux

const SIGNAL_NAMES = new Map(Object.entries(osConstants.signals).map(([name, n]) => [n, name as NodeJS.Signals]));
const ERRNO_NAMES = new Map(Object.entries(osConstants.errno).map(([name, n]) => [n, name]));

/** One spawned instance as the launcher reports it. */
class NativeHandle implements LaunchHandle {
  pid: number | undefined;
  /** The launcher's id for it; 0 until sent (a launch refused because the launcher is gone). */
  id = 0;
  launchNs: bigint;
  readonly exited: Promise<ProcessExit>;
  readonly whenStarted: Promise<number | null>;
  resolveStarted!: (pid: number | null) => void;
  stdout: ((chunk: Buffer, atNs: bigint) => void) | null = null;
  stderr: ((chunk: Buffer) => void) | null = null;
  started: ((pid: number) => void) | null = null;
  resolveExit!: (exit: ProcessExit) => void;

  constructor(
    readonly file: string,
    requestedNs: bigint,
  ) {
    // Replaced by the launcher's own timestamp when STARTED arrives (always before any output).
    this.launchNs = requestedNs;
    this.exited = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
    this.whenStarted = new Promise((resolve) => {
      this.resolveStarted = resolve;
    });
  }

  onStarted(callback: (pid: number) => void): void {
    if (this.pid !== undefined) callback(this.pid);
    else this.started = callback;
  }

  onStdout(callback: (chunk: Buffer, atNs: bigint) => void): void {
    this.stdout = callback;
  }
  onStderr(callback: (chunk: Buffer) => void): void {
    this.stderr = callback;
  }
}

export class NativeLauncher {
  readonly #child: ChildProcess;
  readonly #handles = new Map<number, NativeHandle>();
  #nextId = 1;
  #pending = Buffer.alloc(0);
  #dead: string | null = null;

  constructor(readonly path: string) {
    // Its own session: a terminal's Ctrl-C reaches the harness, which tears down in order; the
    // launcher lives on until its last child is reaped, then exits by itself.
    // stderr ignored: it says nothing, and an inherited pipe would outlive a killed harness, so whoever
    // reads the harness's output would wait for the launcher too.
    this.#child = spawn(path, [], { stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    this.#child.stdout!.on('data', (chunk: Buffer) => this.#onData(chunk));
    this.#child.on('exit', (code, signal) =>
      this.#onLauncherExit(`vmbench-launcher ${signal ? `killed by ${signal}` : `exited with code ${code}`}`),
    );
    this.#child.on('error', (error) => this.#onLauncherExit(`vmbench-launcher failed: ${error.message}`));
    this.#child.stdin!.on('error', () => {
      /* reported through 'exit' */
    });
    this.#refresh();
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Why it is gone, once it is (killed, crashed): a new one is needed for further launches. */
  get dead(): string | null {
    return this.#dead;
  }

  launch(spec: LaunchSpec): LaunchHandle {
    const handle = new NativeHandle(spec.file, process.hrtime.bigint());
    if (this.#dead) {
      handle.resolveStarted(null);
      handle.resolveExit({ code: null, signal: null, spawnError: new Error(this.#dead) });
      return handle;
    }
    const id = this.#nextId++;
    handle.id = id;
    this.#handles.set(id, handle);
    const env = Object.entries(spec.env ?? process.env)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => `${k}=${v}`);
    this.#child.stdin!.write(encodeSpawnRequest(id, spec, env));
    this.#refresh();
    return handle;
  }

  /** No more launches: resolves once the launcher has exited (after its last instance) and was reaped. */
  async close(timeoutMs: number): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.ref();
    this.#child.stdin!.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      exited,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    this.#child.unref();
  }

  /** Keeps the event loop alive only while instances run: an idle launcher never holds the harness. */
  #refresh(): void {
    const busy = this.#handles.size > 0;
    const out = this.#child.stdout as Readable & { ref?: () => void; unref?: () => void };
    if (busy) {
      this.#child.ref();
      out.ref?.();
    } else {
      this.#child.unref();
      out.unref?.();
    }
  }

  #onData(chunk: Buffer): void {
    const { frames, rest } = parseFrames(this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk);
    this.#pending = Buffer.from(rest);
    for (const f of frames) {
      const handle = this.#handles.get(f.id);
      if (handle) this.#dispatch(handle, f.type, f.ts, f.aux, f.payload);
    }
  }

  #dispatch(handle: NativeHandle, type: number, ts: bigint, aux: number, payload: Buffer): void {
    if (type === FRAME.started) {
      handle.pid = aux;
      handle.launchNs = ts;
      handle.started?.(aux);
      handle.resolveStarted(aux);
    } else if (type === FRAME.stdout) {
      handle.stdout?.(Buffer.from(payload), ts);
    } else if (type === FRAME.stderr) {
      handle.stderr?.(Buffer.from(payload));
    } else if (type === FRAME.failed) {
      handle.launchNs = ts;
      const error = Object.assign(new Error(`spawn ${handle.file} ${ERRNO_NAMES.get(aux) ?? aux}: ${payload.toString()}`), {
        code: ERRNO_NAMES.get(aux),
      });
      this.#finish(handle, { code: null, signal: null, spawnError: error });
    } else if (type === FRAME.exited) {
      const status = aux;
      const signalled = (status & 0x7f) !== 0 && (status & 0x7f) !== 0x7f;
      this.#finish(
        handle,
        signalled
          ? { code: null, signal: SIGNAL_NAMES.get(status & 0x7f) ?? null, spawnError: null }
          : { code: (status >> 8) & 0xff, signal: null, spawnError: null },
      );
    }
  }

  #finish(handle: NativeHandle, exit: ProcessExit): void {
    this.#handles.delete(handle.id); // by id: a scan of every live handle made stopping N instances O(N²)
    handle.resolveStarted(handle.pid ?? null);
    handle.resolveExit(exit);
    this.#refresh();
  }

  /** The launcher died: every instance it had is a failure with that reason (their processes are orphaned, teardown still kills them by pid). */
  #onLauncherExit(reason: string): void {
    this.#dead ??= reason;
    for (const handle of [...this.#handles.values()]) this.#finish(handle, { code: null, signal: null, spawnError: new Error(reason) });
  }
}

/** A spawn request: u32 length (little endian) + NUL-separated fields (see the C file's header). */
export function encodeSpawnRequest(id: number, spec: LaunchSpec, env: string[]): Buffer {
  // argv[0] is the file, as child_process.spawn sets it.
  const argv = [spec.file, ...spec.args];
  const fields = ['S', String(id), spec.file, spec.cwd ?? '', String(argv.length), ...argv, String(env.length), ...env];
  const payload = Buffer.from(`${fields.join('\0')}\0`);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(payload.length);
  return Buffer.concat([length, payload]);
}

export interface Frame {
  type: number;
  id: number;
  /** CLOCK_MONOTONIC ns. */
  ts: bigint;
  aux: number;
  payload: Buffer;
}

/** Every complete frame in buf, and the bytes of an incomplete last one. */
export function parseFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  while (buf.length - at >= HEADER_BYTES) {
    const len = buf.readUInt32LE(at + 16);
    if (buf.length - at < HEADER_BYTES + len) break;
    frames.push({
      type: buf.readUInt8(at),
      id: buf.readUInt32LE(at + 4),
      ts: buf.readBigUInt64LE(at + 8),
      aux: buf.readInt32LE(at + 20),
      payload: buf.subarray(at + HEADER_BYTES, at + HEADER_BYTES + len),
    });
    at += HEADER_BYTES + len;
  }
  return { frames, rest: buf.subarray(at) };
}

/** Whether the launcher binary is there and executable; the reason when not. */
export function launcherProblem(path: string = LAUNCHER_PATH): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return `${path} is missing (scripts/build-launcher.sh builds it with the system C compiler)`;
  }
}
