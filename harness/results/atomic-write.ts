/**
 * Write a file so readers see either the old content or the new, never a half-written file:
 * a crash (or ENOSPC) mid-write must not destroy an existing run.json or summary.json.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the result (default 0o644: results are meant to be shared and read). */
  mode?: number;
}

/**
 * Writes `data` to a temp file beside `path`, fsyncs it and renames it over `path`.
 * The temp file is in the same directory because rename(2) is atomic only within a filesystem.
 * Its name is random so another process cannot predict and pre-create (or symlink) it.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o644;
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let renamed = false;
  try {
    // 'wx' = O_CREAT|O_EXCL: never follow or reuse something already at the temp path.
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(data);
      // open()'s mode is filtered by the umask; chmod makes the result exactly `mode`.
      await fh.chmod(mode);
      // Data must be on disk before the rename is, or a crash could leave an empty file.
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    renamed = true;
    await syncDirectory(dir);
  } catch (err) {
    if (!renamed) await unlink(tmp).catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot write ${path}: ${reason}`, { cause: err });
  }
}

/** Persist the rename itself (the directory entry). Best effort: some filesystems refuse it. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // e.g. EINVAL/EISDIR on filesystems without directory fsync: the file itself is durable.
  }
}
