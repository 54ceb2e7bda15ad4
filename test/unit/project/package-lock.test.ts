/**
 * `npm ci` (what CI systems, users and scripts/setup.sh run) refuses a package-lock.json out of
 * step with package.json. A dry run in a scratch copy says so without touching node_modules.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

describe('package-lock.json', () => {
  it('is in sync with package.json: npm ci --dry-run accepts it', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'vmbench-lock-'));
    try {
      for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(root, f), join(scratch, f));
      const result = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], {
        cwd: scratch,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.error).toBeUndefined();
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(readdirSync(scratch).sort()).toEqual(['package-lock.json', 'package.json']); // a dry run installs nothing
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
