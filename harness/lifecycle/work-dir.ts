/**
 * The private per-run temp dir (OCI bundles). mkdtemp gives an unpredictable name and mode 0700;
 * the fixed prefix lets `vmbench cleanup` and the leak checks recognise it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WORK_DIR_PREFIX = 'vmbench-run-';

export function createWorkDir(): string {
  return mkdtempSync(join(tmpdir(), WORK_DIR_PREFIX));
}
