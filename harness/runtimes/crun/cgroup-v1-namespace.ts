/**
 * crun refuses cgroup hybrid mode ("cgroups in hybrid mode not supported, drop all controllers
 * from cgroupv2"), but runs the same bundle with its v1 controllers in a mount namespace where
 * the v2 tree (/sys/fs/cgroup/unified) is not mounted. One such namespace is made per run,
 * before any launch is timed, and kept without a process by bind-mounting it onto a file
 * (unshare --mount=FILE). Each crun then enters it with nsenter. The file's directory is made a
 * private mount first: a namespace file may not sit on a shared mount.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CgroupV1Namespace {
  /** The bind-mounted namespace file, for `nsenter --mount=…`. */
  file: string;
  /** The private mount holding it (unmounted after the file). */
  dir: string;
}

const run = (file: string, args: string[]): void => {
  execFileSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
};

/** Makes the namespace; `record` is told each mount as soon as it exists (journal order = mount order). */
export function makeCgroupV1Namespace(
  workDir: string,
  tools: { unshare: string; mount: string },
  record: (mountPoint: string) => void,
): CgroupV1Namespace {
  const dir = join(workDir, 'crun-mntns');
  mkdirSync(dir, { mode: 0o700 });
  run(tools.mount, ['--bind', dir, dir]);
  record(dir);
  run(tools.mount, ['--make-private', dir]);
  const file = join(dir, 'mnt');
  writeFileSync(file, '');
  // umount inside the new namespace only: the host keeps its /sys/fs/cgroup/unified.
  run(tools.unshare, [`--mount=${file}`, '--propagation', 'private', 'umount', '/sys/fs/cgroup/unified']);
  record(file);
  return { file, dir };
}

/** Unmounts the file, then the dir, then removes the dir. Errors are returned, never thrown. */
export function removeCgroupV1Namespace(ns: CgroupV1Namespace, umount: string): string[] {
  const problems: string[] = [];
  for (const point of [ns.file, ns.dir]) {
    try {
      run(umount, [point]);
    } catch (error) {
      problems.push(`umount ${point}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  rmSync(ns.dir, { recursive: true, force: true });
  return problems;
}
