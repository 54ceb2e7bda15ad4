import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunDir, newRunId } from '../../../harness/results/run-dir.js';
import { useTempDirs } from './helpers.js';

describe('newRunId', () => {
  it('formats UTC time plus 4 random hex digits', () => {
    const id = newRunId(new Date('2026-11-29T08:43:07.999Z'));
    expect(id).toMatch(/^20261129-084307-[0-9a-f]{4}$/);
    expect(newRunId(new Date(Date.UTC(2027, 0, 2, 3, 4, 5)))).toMatch(/^20270102-030405-[0-9a-f]{4}$/);
  });
});

describe('createRunDir', () => {
  const tempDir = useTempDirs();

  it('creates the dir and missing parents with mode 0755', async () => {
    const root = join(tempDir(), 'a', 'results');
    const dir = await createRunDir(root, '20261129-084307-a1b2');
    expect(dir).toBe(join(root, '20261129-084307-a1b2'));
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });

  it('refuses to reuse an existing run directory', async () => {
    const root = tempDir();
    await createRunDir(root, 'r1');
    await expect(createRunDir(root, 'r1')).rejects.toThrow(`results directory ${join(root, 'r1')} already exists`);
  });

  it('rejects run ids that could escape the results root', async () => {
    const root = tempDir();
    await expect(createRunDir(root, '../x')).rejects.toThrow('invalid run id');
    await expect(createRunDir(root, 'a/b')).rejects.toThrow('invalid run id');
    await expect(createRunDir(root, '..')).rejects.toThrow('invalid run id');
  });
});
