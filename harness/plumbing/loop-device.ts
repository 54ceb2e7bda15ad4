/**
 * Loop devices over a file in the run's work dir (the provisioning scenario's btrfs). Journaled
 * by their backing file, before the device exists ('loop' resource): a killed run leaves a
 * device whose name the journal never saw, and `losetup -j FILE` finds it by the file.
 */
import { execFileSync } from 'node:child_process';

const run = (args: string[]): string =>
  execFileSync('losetup', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });

export function attachLoop(file: string): string {
  const dev = run(['--find', '--show', file]).trim();
  if (!/^\/dev\/loop\d+$/.test(dev)) throw new Error(`losetup --find --show ${file}: unexpected output ${JSON.stringify(dev)}`);
  return dev;
}

/** `losetup -j FILE`: "/dev/loop0: [2049]:1234 (/tmp/…/btrfs.img)" per device. */
export function parseLosetupList(out: string): string[] {
  return out.split('\n').map((l) => /^(\/dev\/loop\d+):/.exec(l)?.[1]).filter((d): d is string => d !== undefined);
}

export function loopsOf(file: string): string[] {
  try {
    return parseLosetupList(run(['-j', file]));
  } catch {
    return [];
  }
}

/** Detaches every loop device over `file`; what was detached, and what could not be. */
export function detachLoops(file: string): { detached: string[]; problems: string[] } {
  const detached: string[] = [];
  const problems: string[] = [];
  for (const dev of loopsOf(file)) {
    try {
      run(['-d', dev]);
      detached.push(dev);
    } catch (error) {
      problems.push(`losetup -d ${dev} failed: ${String((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`);
    }
  }
  return { detached, problems };
}
