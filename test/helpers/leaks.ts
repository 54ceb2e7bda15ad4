/**
 * What a test checks is gone after the harness returns: QEMU processes, processes in extra pid
 * namespaces, runc containers, vmbench cgroups, bundle temp dirs and run journals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { WORK_DIR_PREFIX } from '../../harness/lifecycle/work-dir.js';

function lines(file: string, args: string[]): string[] {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

export function leftovers(): string[] {
  const found: string[] = [];
  found.push(...lines('pgrep', ['-a', '-f', 'qemu-system.*vmbench-']).map((l) => `qemu: ${l}`));
  found.push(...lines('runc', ['list', '-q']).filter((l) => l.startsWith('vmbench-')).map((l) => `runc container: ${l}`));
  found.push(...lines('pgrep', ['-a', '-f', 'unshare --pid --fork --kill-child']).map((l) => `unshare: ${l}`));
  for (const ctrl of ['memory', 'pids', 'cpu', 'unified', '']) {
    const dir = `/sys/fs/cgroup/${ctrl}`;
    if (!existsSync(dir)) continue;
    found.push(...readdirSync(dir).filter((n) => n.startsWith('vmbench-')).map((n) => `cgroup: ${dir}/${n}`));
  }
  found.push(...readdirSync(tmpdir()).filter((n) => n.startsWith(WORK_DIR_PREFIX)).map((n) => `temp dir: ${tmpdir()}/${n}`));
  return found;
}

export function journals(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.journal')) : [];
}
