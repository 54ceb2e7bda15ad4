/**
 * The sentence the terminal summary, the HTML report and summary.md say under a disk workload:
 * what the host's page cache held of each runtime's backing file after fio (see
 * plumbing/page-cache.ts). Pure: it reads only the summary.
 */
import type { WorkloadSummary } from './format.js';
import { BUFFERED_DISK_WHY } from '../runtimes/buffered-disk.js';
/** A runtime whose backing file was at least this share in the host's page cache after fio: buffered, not direct. */
export const BUFFERED_SHARE = 0.25;

/**
 * What the host's page cache said about each runtime's disk (see plumbing/page-cache.ts): whether
 * fio's direct I/O reached the host's disk, from the backing file's pages cached on the host once
 * the workload was done. null when no runtime of the workload has that reading (no disk, or older results).
 */
export function hostDiskCacheNote(rows: readonly WorkloadSummary[]): string | null {
  const read = rows.flatMap((r) => (r.hostDiskCache ? [{ runtime: r.runtime, backend: r.backend, ...r.hostDiskCache }] : []));
  if (read.length === 0) return null;
  const mib = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));
  const buffered = read.filter((r) => r.fileMiB > 0 && r.cachedMiB >= BUFFERED_SHARE * r.fileMiB);
  const direct = read.filter((r) => !buffered.includes(r));
  const directText = direct.length === 0 ? '' : `${direct.map((r) => r.runtime).join(', ')}: at most ${mib(Math.max(...direct.map((r) => r.cachedMiB)))} MiB of the backing file in the host's page cache after fio (dropped from it before the launch), so direct I/O reached the host's disk.`;
  if (buffered.length === 0) return `Host page cache: ${directText}`;
  const bufferedText = buffered.map((r) => `${r.runtime}: ${mib(r.cachedMiB)} of its ${mib(r.fileMiB)} MiB backing file was in the host's page cache after fio (median), so fio's direct=1 did not reach the host's disk`).join('; ');
  const why = [...new Set(buffered.map((r) => BUFFERED_DISK_WHY[r.backend]))];
  const gvisor = why.every((w) => w !== undefined) ? ` ${why.join(' ')}` : ' Its disk figures are largely the host page cache’s.';
  return `Host page cache: ${bufferedText}.${gvisor}${direct.length ? ` ${directText}` : ''}`;
}
