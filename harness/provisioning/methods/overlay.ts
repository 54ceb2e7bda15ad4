/**
 * overlayfs: the base is every instance's lower dir; each gets its own upper and work dir and a
 * mount (what Docker's overlay2 driver does per container). The mount is journaled before it is
 * made and unmounted at teardown; its upper dir is what the instance takes.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { duBytes } from '../space-used.js';
import { timedCommand } from '../timed-command.js';
import { unmount } from '../../plumbing/bind-mount.js';
import { NotMeasuredError, requireTool, type Clone, type CloneMethod, type MethodContext } from './clone-method.js';

/** overlayfs options are comma- and colon-separated: a path holding either would split them. */
const SAFE = /^[A-Za-z0-9/._-]+$/;

export function overlayMountArgv(lower: string, upper: string, work: string, merged: string): string[] {
  for (const p of [lower, upper, work, merged]) {
    if (!SAFE.test(p))
      throw new Error(`path ${JSON.stringify(p)} cannot go in overlayfs options (expected only letters, digits and / . _ -)`);
  }
  return ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${upper},workdir=${work}`, merged];
}

export function overlayMethod(ctx: MethodContext): CloneMethod {
  let mount = '';
  return {
    method: 'overlay',
    command: 'mkdir UPPER WORK MERGED; mount -t overlay -o lowerdir=BASE,upperdir=UPPER,workdir=WORK MERGED',
    bytesSource: 'du -s -B1 of the upper and work dirs',
    totalSource: "du -s -x -B1 over the method's dir (every upper and work dir; the mounts left out)",
    setUp: () => {
      mount = requireTool(ctx, 'mount', 'mount');
      if (!/\toverlay$/m.test(readFileSync('/proc/filesystems', 'utf8'))) {
        // Not listed may still mean "a module not loaded yet": mount loads it; the first make() tells.
        try {
          timedCommand('modprobe', ['overlay']);
        } catch {
          /* mount says it if it cannot */
        }
      }
      return null;
    },
    make: (index: number): Clone => {
      const own = join(ctx.dir, String(index));
      const [upper, work, merged] = ['upper', 'work', 'merged'].map((d) => join(own, d)) as [string, string, string];
      ctx.undo.push(() => {
        rmSync(own, { recursive: true, force: true });
        return null;
      });
      ctx.track.resource('mount', merged);
      ctx.undo.push(() => unmount(merged));
      // The three mkdirs on the harness's clock (microseconds), the mount through the command timer.
      const t0 = process.hrtime.bigint();
      for (const d of [upper, work, merged]) mkdirSync(d, { recursive: true });
      const mkdirMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let mountMs: number;
      try {
        mountMs = ctx.timed(mount, overlayMountArgv(ctx.base.dir, upper, work, merged)).ms;
      } catch (error) {
        if (index === 0) throw new NotMeasuredError(`this kernel did not mount overlayfs: ${(error as Error).message}`);
        throw error;
      }
      const ms = mkdirMs + mountMs;
      return { index, ms, rootDir: merged, diskFile: null, syncPath: upper, measurePath: own };
    },
    // upper + work (merged is the mount: du would walk the whole base through it).
    bytes: (clone) => duBytes(join(clone.measurePath, 'upper')) + duBytes(join(clone.measurePath, 'work')),
    // -x: the merged mounts are other file systems, left out; what is left is every upper and work dir.
    total: () => duBytes(ctx.dir, true),
  };
}
