/**
 * The file behind an instance's disk, on the host's file system (in the run's private work dir):
 * written through once with non-zero data, so every block is allocated and a read is a real read
 * (a sparse or fallocated file reads its holes back as zeros without touching the disk). fio's
 * direct=1 needs a file system with O_DIRECT: tmpfs has none, and is refused by name.
 */
import { closeSync, fsyncSync, openSync, statfsSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const TMPFS_MAGIC = 0x01021994;
const CHUNK = 1024 * 1024;

export function createBackingFile(path: string, sizeMiB: number): void {
  if (statfsSync(dirname(path)).type === TMPFS_MAGIC) {
    throw new Error(`${dirname(path)} is on tmpfs, which has no direct I/O: the disk workload needs its backing files on a disk file system (set TMPDIR to a directory on one)`);
  }
  const chunk = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i += 8) chunk.writeUInt32LE((i * 2654435761) >>> 0, i); // cheap, not compressible to nothing
  const fd = openSync(path, 'w', 0o600);
  try {
    for (let i = 0; i < sizeMiB; i++) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
