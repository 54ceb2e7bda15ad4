/**
 * Loop devices over a file in the run's work dir (the provisioning scenario's btrfs). Journaled
 * by their backing file, before the device exists ('loop' resource): a killed run leaves a
 * device whose name the journal never saw, found again by its file (sysfs backing_file).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const run = (args: string[]): string =>
  execFileSync('losetup', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });

/**
 * Direct I/O asked for: without it the loop device reads and writes its file through the host's
 * page cache, so an O_DIRECT write to the file system on it ends in memory, not on the disk.
 * `directIo` says whether the kernel took it (sysfs loop/dio).
 */
export function attachLoop(file: string): { dev: string; directIo: boolean } {
  const dev = run(['--find', '--show', '--direct-io=on', file]).trim();
  if (!/^\/dev\/loop\d+$/.test(dev)) throw new Error(`losetup --find --show ${file}: unexpected output ${JSON.stringify(dev)}`);
  let directIo = false;
  try {
    directIo = readFileSync(`/sys/block/${dev.slice('/dev/'.length)}/loop/dio`, 'utf8').trim() === '1';
  } catch {
    // an older kernel without the attribute: say not
  }
  return { dev, directIo };
}

/** `losetup -j FILE`: "/dev/loop0: [2049]:1234 (/tmp/…/btrfs.img)" per device. */
export function parseLosetupList(out: string): string[] {
  return out
    .split('\n')
    .map((l) => /^(\/dev\/loop\d+):/.exec(l)?.[1])
    .filter((d): d is string => d !== undefined);
}

/**
 * The loop devices over `file`, from sysfs: unlike `losetup -j` this still finds a device whose
 * file was deleted under it (sysfs then shows "FILE (deleted)").
 */
export function loopsOf(file: string): string[] {
  let names: string[];
  try {
    names = readdirSync('/sys/block').filter((n) => /^loop\d+$/.test(n));
  } catch {
    return [];
  }
  return names
    .filter((n) => {
      try {
        const backing = readFileSync(`/sys/block/${n}/loop/backing_file`, 'utf8').trim();
        return backing === file || backing === `${file} (deleted)`;
      } catch {
        return false; // not attached
      }
    })
    .map((n) => `/dev/${n}`);
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
