/**
 * btrfs snapshots: a btrfs made by the harness (mkfs.btrfs on a sparse file in the work dir,
 * through a loop device, mounted there), the base copied into its own subvolume once, then one
 * `btrfs subvolume snapshot` per instance. Each piece is journaled before it exists: the file,
 * the loop device (by its file), the mount. A kernel without btrfs is "not measured", not a failure.
 */
import { closeSync, mkdirSync, openSync, ftruncateSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { attachLoop, detachLoops } from '../../plumbing/loop-device.js';
import { unmount } from '../../plumbing/bind-mount.js';
import { btrfsExclusiveBytes } from '../space-used.js';
import { timedCommand } from '../timed-command.js';
import { NotMeasuredError, requireTool, type Clone, type CloneMethod, type MethodContext } from './clone-method.js';

const MIB = 1024 * 1024;

/** Room for the base, its metadata (DUP) and what the first-write test adds: 3× the base, at least 1 GiB (sparse: costs nothing until written). */
export function btrfsFileBytes(baseBytes: number): number {
  return Math.max(1024 * MIB, Math.ceil((3 * baseBytes) / MIB) * MIB);
}

const usedBytes = (path: string): number => {
  const s = statfsSync(path);
  return (s.blocks - s.bfree) * s.bsize;
};

export function btrfsMethod(ctx: MethodContext): CloneMethod {
  let btrfs = '';
  const mnt = join(ctx.dir, 'mnt');
  let usedBefore = 0;
  let detail: string | null = null;
  return {
    method: 'btrfs',
    detail: () => detail,
    plainDir: () => mnt,
    command: 'btrfs subvolume snapshot MNT/base MNT/N',
    bytesSource: "btrfs filesystem du -s --raw: the snapshot's exclusive bytes",
    totalSource: "growth of the btrfs's used bytes (statfs) over all snapshots, metadata included",
    setUp: () => {
      btrfs = requireTool(ctx, 'btrfs', 'btrfs-progs');
      const mkfs = requireTool(ctx, 'mkfs.btrfs', 'btrfs-progs');
      const mount = requireTool(ctx, 'mount', 'mount');
      requireTool(ctx, 'losetup', 'mount');
      const cp = requireTool(ctx, 'cp', 'coreutils');
      const t0 = process.hrtime.bigint();
      const file = join(ctx.dir, 'btrfs.img');
      ctx.track.resource('file', file);
      ctx.undo.push(() => {
        rmSync(file, { force: true });
        return null;
      });
      const fd = openSync(file, 'w', 0o600);
      try {
        ftruncateSync(fd, btrfsFileBytes(ctx.baseBytes));
      } finally {
        closeSync(fd);
      }
      timedCommand(mkfs, ['-q', '-f', file]);
      ctx.track.resource('loop', file);
      ctx.undo.push(() => detachLoops(file).problems.join('; ') || null);
      const { dev, directIo } = attachLoop(file);
      detail = `on ${dev} over a sparse file in the work dir, ${directIo ? 'with direct I/O to the file (no host page cache under the btrfs)' : "WITHOUT direct I/O to the file (the host's page cache sits under the btrfs: its O_DIRECT writes end in memory)"}`;
      mkdirSync(mnt, { recursive: true });
      ctx.track.resource('mount', mnt);
      ctx.undo.push(() => unmount(mnt));
      try {
        timedCommand(mount, ['-t', 'btrfs', dev, mnt]);
      } catch (error) {
        throw new NotMeasuredError(`this kernel did not mount a btrfs: ${(error as Error).message}`);
      }
      timedCommand(btrfs, ['subvolume', 'create', join(mnt, 'base')]);
      timedCommand(cp, ['-a', `${ctx.base.dir}/.`, join(mnt, 'base')]);
      timedCommand('sync', ['-f', mnt]);
      usedBefore = usedBytes(mnt);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    },
    make: (index: number): Clone => {
      const snap = join(mnt, String(index));
      // Inside the btrfs: goes with its unmount and the file.
      const { ms } = ctx.timed(btrfs, ['subvolume', 'snapshot', join(mnt, 'base'), snap]);
      return { index, ms, rootDir: snap, diskFile: null, syncPath: mnt, measurePath: snap };
    },
    bytes: (clone) => btrfsExclusiveBytes(btrfs, clone.measurePath),
    total: () => usedBytes(mnt) - usedBefore,
  };
}
