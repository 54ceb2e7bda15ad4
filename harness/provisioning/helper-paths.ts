/** Where scripts/build-launcher.sh puts vmbench-cowprobe and vmbench-timed (their sources beside this file); null when not built. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../version.js';

export const COWPROBE_PATH = join(PROJECT_ROOT, 'dist', 'launcher', 'vmbench-cowprobe');

export const TIMED_PATH = join(PROJECT_ROOT, 'dist', 'launcher', 'vmbench-timed');

export function cowprobePath(): string | null {
  return existsSync(COWPROBE_PATH) ? COWPROBE_PATH : null;
}

export function timedExecPath(): string | null {
  return existsSync(TIMED_PATH) ? TIMED_PATH : null;
}
