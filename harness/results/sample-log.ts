/**
 * samples.jsonl: one JSON sample per line, appended as each sample is measured, so a crash or
 * Ctrl-C keeps every finished sample.
 *
 * Each line is one write(2): from then on it is in the kernel, so a killed harness (SIGKILL,
 * Ctrl-C, crash) loses nothing. fsync only adds survival of a *host* crash, and costs ~1 ms, so
 * it is done at most once per SYNC_INTERVAL_MS (and on close): at a thousand 4 ms container
 * starts an fsync per line was a fifth of the harness's own CPU. A host crash can lose the lines
 * written since the last fsync: at most SYNC_INTERVAL_MS of them.
 */
import { closeSync, fsyncSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DensityRecord, LimitSample, ProvisionRecord, Sample } from './format.js';

export const SAMPLES_FILE = 'samples.jsonl';
export const DENSITY_FILE = 'density.jsonl';
export const LIMITS_FILE = 'limits.jsonl';
export const PROVISIONING_FILE = 'provisioning.jsonl';

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The longest a written line waits for its fsync. */
export const SYNC_INTERVAL_MS = 250;

export interface SampleLogOptions {
  syncIntervalMs?: number;
  fsync?: (fd: number) => void;
}

export class SampleLog {
  /** Absolute or relative path of the samples.jsonl file. */
  readonly path: string;
  #fd: number | null;
  #lastSyncMs = Number.NEGATIVE_INFINITY;
  #pendingSync: NodeJS.Timeout | null = null;
  #syncError: Error | null = null;
  /** Lines written since the last fsync. */
  #dirty = false;

  readonly #syncIntervalMs: number;
  readonly #fsync: (fd: number) => void;

  /**
   * Opens (creating if needed, mode 0o644) `<runDir>/<fileName>` for appending. `options` exist
   * for tests: the fsync window and the fsync itself.
   */
  constructor(runDir: string, fileName: string = SAMPLES_FILE, options: SampleLogOptions = {}) {
    this.path = join(runDir, fileName);
    this.#syncIntervalMs = options.syncIntervalMs ?? SYNC_INTERVAL_MS;
    this.#fsync = options.fsync ?? fsyncSync;
    try {
      this.#fd = openSync(this.path, 'a', 0o644);
      this.#terminatePartialLine(this.#fd);
    } catch (err) {
      throw new Error(`cannot open sample log ${this.path}: ${describeError(err)}`, { cause: err });
    }
  }

  /**
   * Appends one sample as one line; fsyncs it now if the last fsync is SYNC_INTERVAL_MS old, else
   * within SYNC_INTERVAL_MS.
   *
   * Synchronous on purpose: the line is in the kernel before the next launch (an async stream
   * could still hold it in memory when the process is killed). The line is one write(2) so a
   * crash leaves at most a truncated last line, which readResults() tolerates.
   * @throws Error naming the file (e.g. ENOSPC), for the runner to record
   */
  append(sample: Sample | DensityRecord | LimitSample | ProvisionRecord): void {
    if (this.#fd === null) throw new Error(`sample log ${this.path} is closed; cannot append`);
    const line = Buffer.from(`${JSON.stringify(sample)}\n`, 'utf8');
    try {
      this.#throwDeferredSyncError();
      let off = 0;
      // writeSync may write fewer bytes than asked (e.g. on a nearly full disk): loop.
      while (off < line.length) off += writeSync(this.#fd, line, off, line.length - off);
      this.#dirty = true;
      this.#syncSoon();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const hint = code === 'ENOSPC' ? ' (the disk is full)' : code === 'EDQUOT' ? ' (disk quota exceeded)' : '';
      throw new Error(`cannot append sample ${sample.seq} to ${this.path}${hint}: ${describeError(err)}`, {
        cause: err,
      });
    }
  }

  #syncSoon(): void {
    if (this.#pendingSync !== null) return;
    const wait = this.#lastSyncMs + this.#syncIntervalMs - performance.now();
    if (wait <= 0) return this.#sync();
    // unref: a pending fsync must not keep the process alive; close() does it anyway.
    this.#pendingSync = setTimeout(() => {
      this.#pendingSync = null;
      try {
        this.#sync();
      } catch (err) {
        // Reported, with the file's name, by the next append or close(); fsync throws Node's system
        // errors, anything else is wrapped so that what is rethrown is an Error.
        this.#syncError = err instanceof Error ? err : new Error(`fsync failed: ${String(err)}`);
      }
    }, wait).unref();
  }

  #throwDeferredSyncError(): void {
    const err = this.#syncError;
    this.#syncError = null;
    if (err !== null) throw err;
  }

  #sync(): void {
    if (this.#fd === null || !this.#dirty) return;
    this.#fsync(this.#fd);
    this.#dirty = false;
    this.#lastSyncMs = performance.now();
  }

  /** Fsyncs what is pending and closes the file; further appends throw. Idempotent. */
  close(): void {
    if (this.#fd === null) return;
    if (this.#pendingSync !== null) clearTimeout(this.#pendingSync);
    this.#pendingSync = null;
    const fd = this.#fd;
    this.#fd = null;
    try {
      try {
        this.#throwDeferredSyncError();
        if (this.#dirty) this.#fsync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      throw new Error(`cannot close sample log ${this.path}: ${describeError(err)}`, { cause: err });
    }
  }

  /**
   * If the file ends in a line cut short by an earlier crash, start on a fresh line so the next
   * sample is not glued onto the broken one (the reader then skips just the broken line).
   */
  #terminatePartialLine(fd: number): void {
    const size = fstatSync(fd).size;
    if (size === 0) return;
    // An 'a' fd cannot be read; reopen read-only just for the last byte.
    const rfd = openSync(this.path, 'r');
    try {
      const last = Buffer.alloc(1);
      readSync(rfd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeSync(fd, '\n');
    } finally {
      closeSync(rfd);
    }
  }
}
