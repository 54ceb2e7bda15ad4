import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../harness/results/atomic-write.js';
import { useTempDirs } from './helpers.js';

describe('writeFileAtomic', () => {
  const tempDir = useTempDirs();

  it('creates a file with mode 0644 and leaves no temp file', async () => {
    const dir = tempDir();
    const path = join(dir, 'summary.json');
    await writeFileAtomic(path, '{"a":1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['summary.json']);
  });

  it('replaces existing content, and accepts bytes', async () => {
    const dir = tempDir();
    const path = join(dir, 'run.json');
    writeFileSync(path, 'old content that is longer than the new one');
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['run.json']);
  });

  it('removes the temp file and names the path when the rename fails', async () => {
    const dir = tempDir();
    const path = join(dir, 'target');
    mkdirSync(join(path, 'occupied'), { recursive: true }); // rename onto a non-empty dir fails
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(`cannot write ${path}`);
    expect(readdirSync(dir)).toEqual(['target']);
  });

  it('fails clearly when the directory does not exist', async () => {
    const path = join(tempDir(), 'missing', 'file.json');
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(/cannot write .*missing\/file\.json: .*ENOENT/);
  });
});
