/** Where vmbench keeps built guest images and the KVM probe verdict: private to the user (0700). */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache dir's path, without creating it (scenario validation refuses paths into it). */
export function cacheDirPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.VMBENCH_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vmbench');
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = cacheDirPath(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
