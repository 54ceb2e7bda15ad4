/**
 * The host's view: MemAvailable, optionally after dropping the page cache so that file pages
 * read by earlier launches do not hide what the instances themselves take.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function readMeminfo(): { memTotalBytes: number; memAvailableBytes: number } {
  const text = readFileSync('/proc/meminfo', 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { memTotalBytes: kb('MemTotal'), memAvailableBytes: kb('MemAvailable') };
}

/**
 * Drops clean page cache only ("1"), not dentries and inodes: enough to make MemAvailable
 * comparable between steps, and cheaper. Returns false when not allowed (not root).
 */
export function dropPageCache(): boolean {
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '1');
    return true;
  } catch {
    return false;
  }
}
