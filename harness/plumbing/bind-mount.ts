/**
 * A bind mount of a backing file onto a file in a container's root tree, made in the host's
 * mount namespace before the container starts (a raw-namespaces container copies the mount
 * table as it unshares; runc makes its own from config.json instead). Removed with a lazy
 * unmount: the container may still hold its copy for a moment.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const bindMountArgv = (source: string, target: string): string[] => ['--bind', source, target];
export const unmountArgv = (target: string): string[] => ['-l', target];

export function bindMount(source: string, target: string): void {
  execFileSync('mount', bindMountArgv(source, target), { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

/** null when unmounted or not mounted; else why it could not be. */
export function unmount(target: string): string | null {
  if (!isMountPoint(target)) return null;
  try {
    execFileSync('umount', unmountArgv(target), { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
    return null;
  } catch (error) {
    return `umount ${target} failed: ${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim()}`;
  }
}

/** From /proc/self/mountinfo (field 5 is the mount point, with spaces and such octal-escaped). */
export function isMountPoint(target: string): boolean {
  const escaped = target.replace(/[\\ \t\n]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((l) => l.split(' ')[4] === escaped);
}
