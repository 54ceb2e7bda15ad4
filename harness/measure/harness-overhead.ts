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

/** Watches event-loop delay while measuring; 20 ms resolution keeps its own wakeups rare. */
export function watchEventLoop(): { stop(): number | null } {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      // Values are ns and include the 20 ms sampling interval's own jitter, not only blocking.
      return histogram.count > 0 ? histogram.percentile(99) / 1e6 : null;
    },
  };
}
