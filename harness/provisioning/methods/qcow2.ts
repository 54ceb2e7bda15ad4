/**
 * qcow2 backing files, for VMs: the base as a raw ext4 disk image (mkfs.ext4 -d fills it from
 * the base tree, no mount needed), then one `qemu-img create -f qcow2 -b base.raw -F raw` per
 * instance: an image holding only its header and tables until the guest writes.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { duBytes, qcow2ActualBytes } from '../space-used.js';
import { timedCommand } from '../timed-command.js';
import { requireTool, type Clone, type CloneMethod, type MethodContext } from './clone-method.js';

const MIB = 1024 * 1024;

/** ext4 needs room for its own metadata (inodes, journal) beyond the files: 1.3× plus 64 MiB. */
export function rawImageBytes(baseBytes: number): number {
  return Math.ceil((baseBytes * 1.3 + 64 * MIB) / MIB) * MIB;
}

export function qcow2CreateArgv(backing: string, backingFormat: 'raw' | 'qcow2', file: string): string[] {
  return ['create', '-q', '-f', 'qcow2', '-b', backing, '-F', backingFormat, file];
}

export function qcow2Method(ctx: MethodContext): CloneMethod {
  let qemuImg = '';
  const raw = join(ctx.dir, 'base.raw');
  const overlays = join(ctx.dir, 'overlays');
  return {
    method: 'qcow2',
    command: 'qemu-img create -f qcow2 -b base.raw -F raw DIR/N.qcow2',
    bytesSource: 'qemu-img info --output=json: actual-size',
    totalSource: 'du -s -B1 over all overlay images together',
    setUp: () => {
      qemuImg = requireTool(ctx, 'qemu-img', 'qemu-utils');
      const mkfs = requireTool(ctx, 'mkfs.ext4', 'e2fsprogs');
      const t0 = process.hrtime.bigint();
      ctx.track.resource('file', raw);
      ctx.undo.push(() => {
        rmSync(raw, { force: true });
        return null;
      });
      const fd = openSync(raw, 'w', 0o600);
      try {
        ftruncateSync(fd, rawImageBytes(ctx.baseBytes));
      } finally {
        closeSync(fd);
      }
      timedCommand(mkfs, ['-q', '-F', '-E', 'root_owner=0:0', '-d', ctx.base.dir, raw]);
      mkdirSync(overlays, { recursive: true });
      ctx.undo.push(() => {
        rmSync(overlays, { recursive: true, force: true });
        return null;
      });
      return Number(process.hrtime.bigint() - t0) / 1e6;
    },
    make: (index: number): Clone => {
      const file = join(overlays, `${index}.qcow2`);
      ctx.track.resource('file', file);
      const { ms } = ctx.timed(qemuImg, qcow2CreateArgv(raw, 'raw', file));
      return { index, ms, rootDir: null, diskFile: file, syncPath: overlays, measurePath: file };
    },
    bytes: (clone) => qcow2ActualBytes(qemuImg, clone.measurePath),
    total: () => duBytes(overlays),
  };
}
