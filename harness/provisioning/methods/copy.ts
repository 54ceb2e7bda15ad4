/** Full copies: `cp -a BASE DIR/N`, every byte written again (the baseline C7 compares with). */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { duBytes } from '../space-used.js';
import { requireTool, type Clone, type CloneMethod, type MethodContext } from './clone-method.js';

export function copyMethod(ctx: MethodContext): CloneMethod {
  let cp = '';
  return {
    method: 'copy',
    command: 'cp -a BASE DIR/N',
    bytesSource: 'du -s -B1 of the copy',
    totalSource: 'du -s -B1 over all copies together',
    setUp: () => {
      cp = requireTool(ctx, 'cp', 'coreutils');
      return null;
    },
    make: (index: number): Clone => {
      const dest = join(ctx.dir, String(index));
      ctx.undo.push(() => {
        rmSync(dest, { recursive: true, force: true });
        return null;
      });
      const { ms } = ctx.timed(cp, ['-a', ctx.base.dir, dest]);
      return { index, ms, rootDir: dest, diskFile: null, syncPath: dest, measurePath: dest };
    },
    bytes: (clone) => duBytes(clone.measurePath),
    total: () => duBytes(ctx.dir),
  };
}
