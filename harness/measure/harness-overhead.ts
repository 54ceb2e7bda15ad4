/**
 * The harness's own cost, measured with tinybench before a run so a reader can judge how much
 * the harness could have distorted a timing:
 * - timerOverheadNs: one monotonic clock read (tinybench's calibration of hrtime).
 * - markerScanNs: scanning one console chunk for the ready marker (runs after the timestamp is
 *   taken, so it only delays the *next* chunk's timestamp).
 * During the run, an event-loop delay monitor bounds how late any arrival timestamp could be.
 */
import { Bench, calibrateTimerOverhead, hrtimeNowTimestampProvider } from 'tinybench';
import { MarkerScanner } from '../process/marker-scanner.js';
import { launch, launcherInfo } from '../process/launch.js';
import type { HarnessOverhead } from '../results/format.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { LEAN_LAUNCH_PATH } from './lean-launch-path.js';
import { percentile } from '../stats/percentile.js';

const run = promisify(execFile);

const CHUNK = Buffer.from(
  '[    1.819615] random: crng init done\r\nVMBENCH_INIT uptime=1.76\r\nVMBENCH_READY uptime=1.76 kernel=6.1.0-56-cloud-amd64\r\n',
);

/** Launch → first output byte of a static echo, through the same launcher instances use. */
async function launchFloorMs(echoBinary: string | null): Promise<number | null> {
  if (!echoBinary) return null;
  const bench = new Bench({ name: 'launch floor', time: 0, iterations: 30, warmupIterations: 3, warmupTime: 0 });
  bench.add('spawn to first byte', async () => {
    const handle = launch({ file: echoBinary, args: ['echo', 'x'] });
    const firstByte = await new Promise<bigint>((resolve) => handle.onStdout((_chunk, atNs) => resolve(atNs)));
    await handle.exited;
    return { overriddenDuration: Number(firstByte - handle.launchNs) / 1e6 };
  });
  await bench.run();
  const result = bench.tasks[0]?.result;
  return result && 'latency' in result ? result.latency.p50 : null;
}

/** The same floor through lean-launch.c (the reference of `vmbench calibrate`), median of 15. */
async function leanFloorMs(echoBinary: string | null): Promise<number | null> {
  if (!echoBinary || !existsSync(LEAN_LAUNCH_PATH)) return null;
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const { stdout } = await run(LEAN_LAUNCH_PATH, ['x', echoBinary, 'echo', 'x'], { timeout: 5_000 });
    times.push(Number(stdout.trim()) / 1e6);
  }
  return percentile(times, 50);
}

export async function measureHarnessOverhead(
  echoBinary: string | null,
): Promise<Pick<HarnessOverhead, 'timerOverheadNs' | 'markerScanNs' | 'launchFloorMs' | 'leanFloorMs' | 'launcher'>> {
  const timerOverheadNs = calibrateTimerOverhead(hrtimeNowTimestampProvider) * 1e6;
  const bench = new Bench({ name: 'harness overhead', time: 100, iterations: 200, warmupTime: 20 });
  bench.add('marker scan', () => {
    new MarkerScanner().push(CHUNK.toString('latin1'), process.hrtime.bigint());
  });
  await bench.run();
  const result = bench.tasks[0]?.result;
  const markerScanNs = result && 'latency' in result ? result.latency.p50 * 1e6 : Number.NaN;
  const launchFloor = await launchFloorMs(echoBinary);
  return {
    timerOverheadNs,
    markerScanNs,
    launchFloorMs: launchFloor,
    leanFloorMs: await leanFloorMs(echoBinary).catch(() => null),
    launcher: launcherInfo(),
  };
}

/**
 * Event-loop delay inside the timed windows only (launch → ready): that is when a late callback
 * would make a timestamp late. Between launches the harness blocks on purpose (fsync of the
 * sample, dropping the page cache, reading smaps), which delays nothing that is being timed.
 * A 5 ms interval timer runs only while a window is open and records how late each tick fired;
 * node's monitorEventLoopDelay cannot be used here: re-enabled, its first reading spans the
 * whole time it was off.
 */
export class TimedWindowMonitor {
  static readonly TICK_MS = 5;
  /** Bounded: enough for hours of VM boots, small next to what it measures. */
  static readonly MAX_SAMPLES = 200_000;
  readonly #lateness: number[] = [];
  #open = 0;
  #timer: NodeJS.Timeout | undefined;
  #expected = 0;

  open(): void {
    if (this.#open++ > 0) return;
    this.#expected = performance.now() + TimedWindowMonitor.TICK_MS;
    this.#timer = setInterval(() => {
      const now = performance.now();
      if (this.#lateness.length < TimedWindowMonitor.MAX_SAMPLES) this.#lateness.push(Math.max(0, now - this.#expected));
      this.#expected = now + TimedWindowMonitor.TICK_MS;
    }, TimedWindowMonitor.TICK_MS);
  }

  close(): void {
    if (--this.#open > 0) return;
    clearInterval(this.#timer);
  }

  /** p99 lateness in ms over every window, or null when no window lasted a tick. */
  p99Ms(): number | null {
    if (this.#lateness.length === 0) return null;
    const sorted = [...this.#lateness].sort((x, y) => x - y);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
  }
}

/** The run's monitor; the runner and density loops open and close windows on it. */
export const timedWindows = new TimedWindowMonitor();
