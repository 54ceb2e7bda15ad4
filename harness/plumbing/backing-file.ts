/**
 * The file behind an instance's disk, on the host's file system (in the run's private work dir):
 * written through once with non-zero data, so every block is allocated and a read is a real read
 * (a sparse or fallocated file reads its holes back as zeros without touching the disk). fio's
 * direct=1 needs a file system with O_DIRECT: tmpfs has none, and is refused by name.
 *
 * Then it is read through once with O_DIRECT, before any launch is timed. Blocks read for the
 * first time since they were written read slower than blocks read before (measured on the
 * reference machine, a cloud VM's virtio disk: plain fio's 4 KiB randread on a just-written file
 * was below the same job on a file read before in 9 of 10 interleaved pairs, by 10-25 %; after
 * one direct read-through the two were the same within noise). Dropping the file's pages from the
 * page cache (fadvise DONTNEED) or waiting 3 s after fsync did not help: what is slow is below
 * this machine's page cache, so the read must reach the device. Every runtime's file is made the same
 * way, so the first job of every instance starts from the same state.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, statfsSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const TMPFS_MAGIC = 0x01021994;
const CHUNK = 1024 * 1024;

export function createBackingFile(path: string, sizeMiB: number): void {
  if (statfsSync(dirname(path)).type === TMPFS_MAGIC) {
    throw new Error(
      `${dirname(path)} is on tmpfs, which has no direct I/O: the disk workload needs its backing files on a disk file system (set TMPDIR to a directory on one)`,
    );
  }
  // Commit what the file system still owes first (the last instance's backing file, removed at
  // its teardown: its journal commit and, on a `discard` mount, its trim), so that it lands here,
  // before the launch, instead of in this instance's writes.
  execFileSync('sync', syncFileSystemArgv(dirname(path)), { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  const chunk = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i += 8) chunk.writeUInt32LE((i * 2654435761) >>> 0, i); // cheap, not compressible to nothing
  const fd = openSync(path, 'w', 0o600);
  try {
    for (let i = 0; i < sizeMiB; i++) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // dd rather than Node: O_DIRECT needs buffers aligned to the block size, which Node's are not.
  execFileSync('dd', directReadArgv(path), { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
}

export const syncFileSystemArgv = (dir: string): string[] => ['--file-system', dir];
export const directReadArgv = (path: string): string[] => [`if=${path}`, 'of=/dev/null', 'bs=1M', 'iflag=direct', 'status=none'];
