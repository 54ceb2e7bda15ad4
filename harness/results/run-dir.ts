/** results/<run-id>/: one directory per run, never reused so no run overwrites another. */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { makeDirs } from '../host/file-checks.js';
import { join } from 'node:path';

const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `YYYYMMDD-HHMMSS-xxxx` in UTC: sorts chronologically by name, and the 4 random hex digits
 * keep two runs started in the same second apart.
 */
export function newRunId(now: Date = new Date()): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const date = `${p(now.getUTCFullYear(), 4)}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}`;
  const time = `${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${date}-${time}-${randomBytes(2).toString('hex')}`;
}

/**
 * Creates `<resultsRoot>/<runId>` (mode 0o755, parents as needed) and returns its path.
 * @throws Error when the directory already exists (a run is never appended to another) or the
 *   run id could escape the results root
 */
export async function createRunDir(resultsRoot: string, runId: string): Promise<string> {
  if (!RUN_ID_PATTERN.test(runId) || runId.includes('..')) {
    throw new Error(`invalid run id ${JSON.stringify(runId)}: use letters, digits, '.', '_' and '-' only`);
  }
  const dir = join(resultsRoot, runId);
  try {
    makeDirs(resultsRoot); // not mkdir({recursive}): Node's spins forever on some paths (/proc)
    // Not recursive: EEXIST is the signal that this run id is taken.
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755); // mkdir's mode is filtered by the umask
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`results directory ${dir} already exists; refusing to mix two runs in it`, { cause: err });
    }
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot create results directory ${dir}: ${reason}`, { cause: err });
  }
  return dir;
}
