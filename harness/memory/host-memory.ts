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

export interface SettleResult {
  settled: boolean;
  /** How long it took (or waited before giving up), ms. */
  ms: number;
  /** MemAvailable change over the last window, bytes (signed: + = still being given back). */
  lastDriftBytes: number;
}

/**
 * Waits until MemAvailable stops moving: after one runtime's instances are torn down the host
 * keeps giving memory back for a while (right after 24 VMs, the next runtime's slope came out at
 * −0.30 MiB per instance). Settled = it moved less than toleranceBytes over windowMs. Bounded.
 */
export async function waitMemAvailableSettled(options: {
  timeoutMs: number;
  windowMs?: number;
  toleranceBytes?: number;
  dropCaches?: boolean;
}): Promise<SettleResult> {
  return waitSeriesSettled({
    ...options,
    read: () => {
      if (options.dropCaches) dropPageCache();
      return readMeminfo().memAvailableBytes;
    },
  });
}

/** Where the settle loop gets its samples and time from; injectable so unit tests can feed synthetic series. */
export interface SettleSource {
  read: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The settle loop over any series: settled once one window's change is under tolerance, else gives up at timeoutMs. */
export async function waitSeriesSettled(
  options: SettleSource & { timeoutMs: number; windowMs?: number; toleranceBytes?: number },
): Promise<SettleResult> {
  const windowMs = options.windowMs ?? 1000;
  const tolerance = options.toleranceBytes ?? 4 * 1024 * 1024;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const clock = options.now ?? (() => performance.now());
  const t0 = clock();
  let previous = options.read();
  for (;;) {
    await sleep(windowMs);
    const now = options.read();
    const drift = now - previous;
    const ms = clock() - t0;
    if (Math.abs(drift) < tolerance) return { settled: true, ms, lastDriftBytes: drift };
    if (ms >= options.timeoutMs) return { settled: false, ms, lastDriftBytes: drift };
    previous = now;
  }
}
