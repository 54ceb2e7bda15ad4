/**
 * Per-process memory from /proc/<pid>/smaps_rollup. PSS splits each shared page among the
 * processes mapping it, so PSS summed over every instance is the memory they take together;
 * RSS counts shared pages in full and is only an upper bound.
 */
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  pssBytes: number;
  rssBytes: number;
  /** Processes whose smaps_rollup could be read (others exited or are kernel threads). */
  counted: number;
}

export function readRollup(pid: number): { pss: number; rss: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    return null;
  }
  const kb = (key: string): number => {
    const at = text.indexOf(`\n${key}:`);
    return at === -1 ? 0 : Number.parseInt(text.slice(at + key.length + 2), 10) || 0;
  };
  return { pss: kb('Pss') * 1024, rss: kb('Rss') * 1024 };
}

export function memoryOf(pids: Iterable<number>): ProcessMemory {
  let pssBytes = 0;
  let rssBytes = 0;
  let counted = 0;
  for (const pid of pids) {
    const m = readRollup(pid);
    if (!m) continue;
    pssBytes += m.pss;
    rssBytes += m.rss;
    counted++;
  }
  return { pssBytes, rssBytes, counted };
}
