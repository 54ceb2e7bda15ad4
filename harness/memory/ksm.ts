/**
 * Kernel samepage merging: QEMU marks guest RAM mergeable, so identical guests can share pages;
 * container processes do not madvise and gain nothing. Turned on for the measurement only, and
 * the host's prior setting restored afterwards.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const KSM = '/sys/kernel/mm/ksm';
/** At 20000 pages per 10 ms, a guest's pages start merging within a second when they can. */
const NOTHING_TO_MERGE_AFTER_MS = 3000;
const read = (name: string): number => Number(readFileSync(`${KSM}/${name}`, 'utf8').trim());

export function ksmAvailable(): boolean {
  return existsSync(`${KSM}/run`);
}

/**
 * Turn KSM on, scanning fast (the default 100 pages per 20 ms would need minutes for one pass
 * over a few GiB of guests); returns a function that restores all prior settings.
 */
export function enableKsm(): () => void {
  const prior = read('run');
  const priorPages = read('pages_to_scan');
  const priorSleep = read('sleep_millisecs');
  writeFileSync(`${KSM}/pages_to_scan`, '20000');
  writeFileSync(`${KSM}/sleep_millisecs`, '10');
  writeFileSync(`${KSM}/run`, '1');
  return () => {
    writeFileSync(`${KSM}/pages_to_scan`, String(priorPages));
    writeFileSync(`${KSM}/sleep_millisecs`, String(priorSleep));
    // 2 = stop and unmerge everything, so the host does not keep pages merged for us.
    writeFileSync(`${KSM}/run`, prior === 1 ? '1' : '2');
    if (prior === 0) writeFileSync(`${KSM}/run`, '0');
  };
}

/**
 * Wait until pages_sharing is stable across two consecutive full scans, or the timeout.
 */
export async function waitKsmSettled(timeoutMs: number): Promise<{ settled: boolean; waitedMs: number; pagesSharing: number }> {
  const start = performance.now();
  let lastScan = read('full_scans');
  let lastSharing = read('pages_sharing');
  let stableScans = 0;
  while (performance.now() - start < timeoutMs) {
    await new Promise((r) => setTimeout(r, 250));
    // Nothing registered as mergeable (containers do not madvise): ksmd has no pages to scan,
    // full_scans may never advance, and there is nothing to wait for.
    if (performance.now() - start > NOTHING_TO_MERGE_AFTER_MS && read('pages_shared') === 0 && read('pages_sharing') === 0) {
      return { settled: true, waitedMs: performance.now() - start, pagesSharing: 0 };
    }
    const scans = read('full_scans');
    if (scans === lastScan) continue;
    const sharing = read('pages_sharing');
    stableScans = Math.abs(sharing - lastSharing) <= Math.max(16, lastSharing * 0.01) ? stableScans + 1 : 0;
    lastScan = scans;
    lastSharing = sharing;
    if (stableScans >= 2) return { settled: true, waitedMs: performance.now() - start, pagesSharing: sharing };
  }
  return { settled: false, waitedMs: performance.now() - start, pagesSharing: read('pages_sharing') };
}
