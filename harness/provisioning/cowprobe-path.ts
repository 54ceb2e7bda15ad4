/** Where scripts/build-launcher.sh puts vmbench-cowprobe (cowprobe.c beside this file); null when not built. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../version.js';

export const COWPROBE_PATH = join(PROJECT_ROOT, 'dist', 'launcher', 'vmbench-cowprobe');

export function cowprobePath(): string | null {
  return existsSync(COWPROBE_PATH) ? COWPROBE_PATH : null;
}
