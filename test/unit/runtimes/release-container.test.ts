/**
 * The one OCI release logic (teardown and crash cleanup share it): when a delete is needed, what
 * is removed after it, what a failed delete keeps. A fake flavor over a scratch state dir.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterDelete, deleteCommand, removeCgroups } from '../../../harness/runtimes/oci/release-container.js';
import type { OciFlavor } from '../../../harness/runtimes/oci/flavor.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vmbench-release-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** runsc-like: a state dir per container plus a lock file a successful delete can leave. */
const flavor = (): OciFlavor => ({
  backend: 'runsc',
  stateRoot: root,
  makesCgroup: false,
  ownKernel: true,
  variant: null,
  stateFiles: (id) => [join(root, id), join(root, `${id}.lock`)].filter((p) => existsSync(p)),
  delete: (id) => ({ file: 'runsc', args: ['delete', '--force', id] }),
  run: () => ({ file: 'true', args: [] }),
  kill: () => ({ file: 'true', args: [] }),
});

describe('releasing an OCI container', () => {
  it('needs no delete when the runtime has no state for the container', () => {
    expect(deleteCommand(flavor(), 'c1')).toBeNull();
  });

  it('after a successful delete removes what the runtime left (the lock file)', () => {
    writeFileSync(join(root, 'c1.lock'), '');
    expect(deleteCommand(flavor(), 'c1')).toEqual({ file: 'runsc', args: ['delete', '--force', 'c1'] });
    expect(afterDelete(flavor(), 'c1', { ok: true, stderr: '' })).toBeNull();
    expect(readdirSync(root)).toEqual([]);
  });

  it('after a failed delete keeps the state for a later cleanup and says why, with the runtime and id', () => {
    mkdirSync(join(root, 'c2'));
    expect(afterDelete(flavor(), 'c2', { ok: false, stderr: 'container is still running\n' })).toBe(
      'runsc delete c2 failed: container is still running',
    );
    expect(readdirSync(root)).toEqual(['c2']);
  });

  it('a delete that failed but left no state is no problem (the container was already gone)', () => {
    expect(afterDelete(flavor(), 'c3', { ok: false, stderr: 'no such container' })).toBeNull();
  });

  it('removes no cgroup for a runtime that makes none', () => {
    expect(removeCgroups(flavor(), 'v2', 'vmbench-test-none')).toEqual({ removed: [], left: [] });
  });
});
