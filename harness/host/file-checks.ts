/**
 * What a path given by the user really is, before the harness opens or creates anything there.
 * A FIFO would block a read forever, a device (/dev/zero) never ends, a file under /proc is
 * endless or changes while read, and Node's recursive mkdir spins on /proc: each is refused
 * here with what it is and what was expected, without ever reading from it.
 */
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  statfsSync,
  type Stats,
} from 'node:fs';
import { dirname, resolve } from 'node:path';

export type PathCheck<T> = { ok: true; value: T } | { ok: false; problem: string };

/** File systems whose files are not data on a disk: never read from or written to. */
const PSEUDO_FS: Record<number, string> = {
  0x9fa0: 'proc',
  0x62656572: 'sysfs',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x73636673: 'securityfs',
  0xcafe4a11: 'bpf',
  0x1cd1: 'devpts',
  0x42494e4d: 'binfmt_misc',
};

export function describeType(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** stat() (following links) with the errors a user can act on said in words. */
function statPath(path: string): PathCheck<Stats> {
  try {
    return { ok: true, value: statSync(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problem: 'no such file or directory' };
    if (code === 'ELOOP') return { ok: false, problem: 'a symbolic link loop (too many levels of links)' };
    if (code === 'ENOTDIR') return { ok: false, problem: 'a part of the path is not a directory' };
    if (code === 'EACCES') return { ok: false, problem: 'permission denied' };
    return { ok: false, problem: (error as Error).message };
  }
}

/** The pseudo file system (proc, sysfs …) a path is on, or null for a real one; /dev by place. */
function pseudoFileSystem(path: string): string | null {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // Checked by the caller's stat; the plain path is still worth classifying.
  }
  if (real === '/dev' || real.startsWith('/dev/')) return 'devtmpfs (/dev)';
  try {
    return PSEUDO_FS[statfsSync(real).type] ?? null;
  } catch {
    return null;
  }
}

export interface RegularFileOptions {
  /** Larger files are refused (a scenario is small; a kernel is tens of MiB). */
  maxBytes: number;
  /** What the file should be, for messages: "a YAML scenario file". */
  expected: string;
}

/** A regular, readable file on a real file system, of at most maxBytes. Reads nothing. */
export function checkRegularFile(path: string, options: RegularFileOptions): PathCheck<{ path: string; size: number }> {
  const stat = statPath(path);
  if (!stat.ok) return { ok: false, problem: `${stat.problem}; expected ${options.expected}` };
  const stats = stat.value;
  if (!stats.isFile()) return { ok: false, problem: `is ${describeType(stats)}; expected ${options.expected}` };
  const pseudo = pseudoFileSystem(path);
  if (pseudo) return { ok: false, problem: `is on ${pseudo}, a pseudo file system; expected ${options.expected} on a disk` };
  // As root access(R_OK) always succeeds: a file nobody may read (mode 000) is refused by its mode.
  if ((stats.mode & 0o444) === 0)
    return {
      ok: false,
      problem: `is not readable (mode ${(stats.mode & 0o777).toString(8).padStart(3, '0')}); expected ${options.expected}`,
    };
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return { ok: false, problem: `is not readable by this user; expected ${options.expected}` };
  }
  if (stats.size > options.maxBytes) {
    return {
      ok: false,
      problem: `is ${formatBytes(stats.size)}, more than the ${formatBytes(options.maxBytes)} ${options.expected} may be`,
    };
  }
  return { ok: true, value: { path: resolve(path), size: stats.size } };
}

/**
 * Opens non-blocking and checks again on the open descriptor, so a file swapped for a FIFO or a
 * device after it was checked is still never read from; then reads with `read`.
 */
function readOpened(path: string, expected: string, read: (fd: number, size: number) => PathCheck<Buffer>): PathCheck<Buffer> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return { ok: false, problem: `cannot be opened: ${(error as Error).message}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, problem: `is ${describeType(stats)}; expected ${expected}` };
    return read(fd, stats.size);
  } catch (error) {
    return { ok: false, problem: `cannot be read: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** Reads a file that checkRegularFile accepts, at most maxBytes. */
export function readRegularFile(path: string, options: RegularFileOptions): PathCheck<Buffer> {
  const checked = checkRegularFile(path, options);
  if (!checked.ok) return checked;
  return readOpened(path, options.expected, (fd, size) => {
    const buffer = Buffer.alloc(Math.min(size, options.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > options.maxBytes) {
        return { ok: false, problem: `grew past the ${formatBytes(options.maxBytes)} ${options.expected} may be while it was read` };
      }
      if (length === buffer.length) break;
    }
    return { ok: true, value: buffer.subarray(0, length) };
  });
}

/** The first bytes of a file checkRegularFile accepted (a format check before the full read). */
export function readFileHead(path: string, bytes: number): PathCheck<Buffer> {
  return readOpened(path, 'a regular file', (fd) => {
    const buffer = Buffer.alloc(bytes);
    return { ok: true, value: buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0)) };
  });
}

/**
 * A directory the harness may create things in: an existing writable directory, or a path
 * whose nearest existing ancestor is one. Creates nothing.
 */
export function checkWritableDir(path: string): PathCheck<string> {
  const target = resolve(path);
  let existing = target;
  for (;;) {
    const stat = statPath(existing);
    if (stat.ok) {
      if (!stat.value.isDirectory()) {
        const what = existing === target ? 'is' : `is under ${existing}, which is`;
        return { ok: false, problem: `${what} ${describeType(stat.value)}; expected a directory` };
      }
      break;
    }
    if (stat.problem.startsWith('no such file')) {
      const parent = dirname(existing);
      if (parent === existing) return { ok: false, problem: 'no part of the path exists' };
      existing = parent;
      continue;
    }
    return { ok: false, problem: existing === target ? stat.problem : `${existing}: ${stat.problem}` };
  }
  const pseudo = pseudoFileSystem(existing);
  if (pseudo) return { ok: false, problem: `is on ${pseudo}, a pseudo file system; expected a directory on a disk` };
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = existing === target ? '' : ` (${existing})`;
    if (code === 'EROFS') return { ok: false, problem: `is on a read-only file system${where}` };
    return { ok: false, problem: `is not writable${where}: ${code ?? (error as Error).message}` };
  }
  return { ok: true, value: target };
}

/**
 * mkdir -p one level at a time. Node's own recursive mkdir can spin forever on some paths (seen
 * on /proc); this one stops at the first error.
 */
export function makeDirs(path: string, mode = 0o755): void {
  const target = resolve(path);
  const missing: string[] = [];
  for (let dir = target; ; dir = dirname(dir)) {
    if (statPath(dir).ok) break;
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
