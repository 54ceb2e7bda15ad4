import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SampleLog } from '../../../harness/results/sample-log.js';
import { makeSample, useTempDirs } from './helpers.js';

describe('SampleLog', () => {
  const tempDir = useTempDirs();

  it('appends one JSON line per sample, readable back unchanged', () => {
    const dir = tempDir();
    const log = new SampleLog(dir);
    const a = makeSample({ seq: 0 });
    const b = makeSample({ seq: 1, outcome: 'timeout', error: 'no ready marker within 30000 ms', startupMs: null });
    log.append(a);
    // Durable before close: a crash right now must keep the sample.
    expect(readFileSync(log.path, 'utf8')).toBe(`${JSON.stringify(a)}\n`);
    log.append(b);
    log.close();
    const lines = readFileSync(join(dir, 'samples.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([a, b]);
    expect(statSync(log.path).mode & 0o777).toBe(0o644);
  });

  it('appends to an existing log and isolates a truncated last line', () => {
    const dir = tempDir();
    const path = join(dir, 'samples.jsonl');
    writeFileSync(path, `${JSON.stringify(makeSample({ seq: 0 }))}\n{"type":"startup","se`);
    const log = new SampleLog(dir);
    log.append(makeSample({ seq: 1 }));
    log.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('{"type":"startup","se');
    expect((JSON.parse(lines[2] as string) as { seq: number }).seq).toBe(1);
  });

  it('refuses appends after close, and close is idempotent', () => {
    const log = new SampleLog(tempDir());
    log.close();
    log.close();
    expect(() => log.append(makeSample())).toThrow(/samples\.jsonl is closed/);
  });

  it('throws an error naming the file when it cannot be opened', () => {
    const dir = join(tempDir(), 'missing');
    expect(() => new SampleLog(dir)).toThrow(`cannot open sample log ${join(dir, 'samples.jsonl')}`);
  });

  it.skipIf(!existsSync('/dev/full'))('reports ENOSPC with the file name', () => {
    // Every write to /dev/full fails with ENOSPC, like a full disk.
    const dir = tempDir();
    symlinkSync('/dev/full', join(dir, 'samples.jsonl'));
    const log = new SampleLog(dir);
    expect(() => log.append(makeSample({ seq: 7 }))).toThrow(
      `cannot append sample 7 to ${join(dir, 'samples.jsonl')} (the disk is full)`,
    );
    log.close();
  });

  describe('fsync window', () => {
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

    it('fsyncs the first line at once, later lines within the window, and nothing twice', async () => {
      const dir = tempDir();
      const syncs: number[] = [];
      const log = new SampleLog(dir, 'samples.jsonl', { syncIntervalMs: 60, fsync: (fd) => syncs.push(fd) });
      log.append(makeSample({ seq: 1 }));
      expect(syncs).toHaveLength(1);
      log.append(makeSample({ seq: 2 }));
      log.append(makeSample({ seq: 3 }));
      expect(syncs).toHaveLength(1); // both written, their fsync pending
      expect(readFileSync(join(dir, 'samples.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(3);
      await sleep(120);
      expect(syncs).toHaveLength(2); // one fsync for both
      log.close();
      expect(syncs).toHaveLength(2); // nothing written since: close does not fsync again
    });

    it('close fsyncs a pending line', () => {
      const syncs: number[] = [];
      const log = new SampleLog(tempDir(), 'samples.jsonl', { syncIntervalMs: 10_000, fsync: (fd) => syncs.push(fd) });
      log.append(makeSample({ seq: 1 }));
      log.append(makeSample({ seq: 2 }));
      expect(syncs).toHaveLength(1);
      log.close();
      expect(syncs).toHaveLength(2);
    });

    it('a failed deferred fsync is reported by the next append, naming the file', async () => {
      const dir = tempDir();
      let calls = 0;
      const fsync = (): void => {
        if (++calls === 2) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      };
      const log = new SampleLog(dir, 'samples.jsonl', { syncIntervalMs: 30, fsync });
      log.append(makeSample({ seq: 1 }));
      log.append(makeSample({ seq: 2 }));
      await sleep(80);
      expect(calls).toBe(2);
      expect(() => log.append(makeSample({ seq: 3 }))).toThrow(`cannot append sample 3 to ${join(dir, 'samples.jsonl')}: EIO`);
      log.close();
    });
  });
});
