/** Where run journals live: /run/vmbench as root (gone after a reboot, as are the instances). */
import { join } from 'node:path';
import { cacheDir } from '../host/cache-dir.js';

export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VMBENCH_STATE_DIR) return env.VMBENCH_STATE_DIR;
  return process.getuid?.() === 0 ? '/run/vmbench' : join(cacheDir(env), 'state');
}
