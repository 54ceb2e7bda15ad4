/**
 * The harness's own cost, measured with tinybench before a run so a reader can judge how much
 * the harness could have distorted a timing:
 * - timerOverheadNs: one monotonic clock read (tinybench's calibration of hrtime).
 * - markerScanNs: scanning one console chunk for the ready marker (runs after the timestamp is
 *   taken, so it only delays the *next* chunk's timestamp).
 * During the run, an event-loop delay monitor bounds how late any arrival timestamp could be.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Bench, calibrateTimerOverhead, hrtimeNowTimestampProvider } from 'tinybench';
import { MarkerScanner } from '../process/marker-scanner.js';
import type { HarnessOverhead } from '../results/format.js';

const CHUNK = Buffer.from('[    1.819615] random: crng init done\r\nVMBENCH_INIT uptime=1.76\r\nVMBENCH_READY uptime=1.76 kernel=6.1.0-56-cloud-amd64\r\n');

export async function measureHarnessOverhead(): Promise<Pick<HarnessOverhead, 'timerOverheadNs' | 'markerScanNs'>> {
  const timerOverheadNs = calibrateTimerOverhead(hrtimeNowTimestampProvider) * 1e6;
  const bench = new Bench({ name: 'harness overhead', time: 100, iterations: 200, warmupTime: 20 });
  bench.add('marker scan', () => {
    new MarkerScanner().push(CHUNK.toString('latin1'), process.hrtime.bigint());
  });
  await bench.run();
  const result = bench.tasks[0]?.result;
  const markerScanNs = result && 'latency' in result ? result.latency.p50 * 1e6 : Number.NaN;
  return { timerOverheadNs, markerScanNs };
}

/**
 * Event-loop delay inside the timed windows only (launch → ready): that is when a late callback
 * would make a timestamp late. Between launches the harness blocks on purpose (fsync of the
 * sample, dropping the page cache, reading smaps), which delays nothing that is being timed.
 * A 10 ms monitor: windows shorter than that (most container starts) add no sample at all.
 */
export class TimedWindowMonitor {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  #open = 0;

  open(): void {
    if (this.#open++ === 0) this.#histogram.enable();
  }

  close(): void {
    if (--this.#open === 0) this.#histogram.disable();
  }

  /** p99 delay in ms over every window, or null when no window was long enough to sample. */
  p99Ms(): number | null {
    return this.#histogram.count > 0 ? this.#histogram.percentile(99) / 1e6 : null;
  }
}

/** The run's monitor; the runner and density loops open and close windows on it. */
export const timedWindows = new TimedWindowMonitor();
