/**
 * samples.jsonl: one JSON sample per line, appended as each sample is measured, so a crash or
 * Ctrl-C keeps every finished sample.
 */
import { closeSync, fsyncSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DensityRecord, LimitSample, Sample } from './format.js';

export const SAMPLES_FILE = 'samples.jsonl';
export const DENSITY_FILE = 'density.jsonl';
export const LIMITS_FILE = 'limits.jsonl';

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class SampleLog {
  /** Absolute or relative path of the samples.jsonl file. */
  readonly path: string;
  #fd: number | null;

  /** Opens (creating if needed, mode 0o644) `<runDir>/<fileName>` for appending. */
  constructor(runDir: string, fileName: string = SAMPLES_FILE) {
    this.path = join(runDir, fileName);
    try {
      this.#fd = openSync(this.path, 'a', 0o644);
      this.#terminatePartialLine(this.#fd);
    } catch (err) {
      throw new Error(`cannot open sample log ${this.path}: ${describeError(err)}`, { cause: err });
    }
  }

  /**
   * Appends one sample as one line and fsyncs it before returning.
   *
   * Synchronous on purpose: samples are seconds apart, so blocking for one small write + fsync
   * costs nothing measurable, and it guarantees the sample is on disk before the next launch
   * (an async stream could still hold it in memory when the process is killed). The line is one
   * write(2) so a crash leaves at most a truncated last line, which readResults() tolerates.
   * @throws Error naming the file (e.g. ENOSPC), for the runner to record
   */
  append(sample: Sample | DensityRecord | LimitSample): void {
    if (this.#fd === null) throw new Error(`sample log ${this.path} is closed; cannot append`);
    const line = Buffer.from(`${JSON.stringify(sample)}\n`, 'utf8');
    try {
      let off = 0;
      // writeSync may write fewer bytes than asked (e.g. on a nearly full disk): loop.
      while (off < line.length) off += writeSync(this.#fd, line, off, line.length - off);
      fsyncSync(this.#fd);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const hint = code === 'ENOSPC' ? ' (the disk is full)' : code === 'EDQUOT' ? ' (disk quota exceeded)' : '';
      throw new Error(`cannot append sample ${sample.seq} to ${this.path}${hint}: ${describeError(err)}`, {
        cause: err,
      });
    }
  }

  /** Closes the file; further appends throw. Idempotent. */
  close(): void {
    if (this.#fd === null) return;
    const fd = this.#fd;
    this.#fd = null;
    try {
      closeSync(fd);
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
