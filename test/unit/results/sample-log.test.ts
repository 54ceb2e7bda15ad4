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
});
