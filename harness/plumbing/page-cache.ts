/**
 * Whether an instance's direct I/O really reached the host's disk: the backing file's pages are
 * dropped from the host's page cache before the launch (after it was written and read through),
 * and counted there again once the workload is done. Direct I/O on the host (fio's direct=1 on
 * the host or in a runc/namespaces container, QEMU's cache=none under a VM) does not fill the
 * page cache; a path that opens the host file without O_DIRECT does (gVisor's gofer, which
 * passes no O_DIRECT to the host: gVisor #3626), and its figures are then page-cache figures.
 * Both steps are the util-linux/coreutils tools, argv only: `dd iflag=nocache count=0` (fadvise
 * DONTNEED over the whole file) and `fincore` (mincore over a mapping of it).
 */
import { execFileSync } from 'node:child_process';
import type { HostDiskCache } from '../results/format.js';

export const dropCacheArgv = (path: string): string[] => [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none'];

export const fincoreArgv = (path: string): string[] => ['--bytes', '--noheadings', '--raw', '--output', 'RES,SIZE', path];

const MIB = 1024 * 1024;

/** fincore's "RES SIZE" line (bytes) as MiB; null if it is not that. */
export function parseFincore(text: string): HostDiskCache | null {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text.trim());
  if (!m) return null;
  return { cachedMiB: Number(m[1]) / MIB, fileMiB: Number(m[2]) / MIB };
}

/** Drops the file's pages from the host's page cache (clean pages only: it was fsynced). */
export function dropFromPageCache(path: string): void {
  execFileSync('dd', dropCacheArgv(path), { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

/** How much of the file is in the host's page cache now; null when fincore is missing or fails. */
export function pageCacheResidency(path: string): HostDiskCache | null {
  try {
    return parseFincore(
      execFileSync('fincore', fincoreArgv(path), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }),
    );
  } catch {
    return null;
  }
}
