import { describe, it, expect, afterAll } from 'vitest';
import { TimedWindowMonitor, measureHarnessOverhead } from '../../../harness/measure/harness-overhead.js';
import { closeLauncher } from '../../../harness/process/launch.js';
import { LAUNCHER_PATH } from '../../../harness/process/native-launcher.js';

afterAll(() => closeLauncher()); // reaped here, not left to PID 1
import { existsSync } from 'node:fs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('timed-window event-loop monitor', () => {
  it('records how late its ticks fire inside a window, and nothing outside', async () => {
    const m = new TimedWindowMonitor();
    expect(m.p99Ms()).toBeNull();
    // Blocking outside any window is not recorded.
    const until = performance.now() + 40;
    while (performance.now() < until) {
      /* busy */
    }
    expect(m.p99Ms()).toBeNull();
    m.open();
    await sleep(30);
    const block = performance.now() + 40;
    while (performance.now() < block) {
      /* the loop is blocked inside the window */
    }
    await sleep(20);
    m.close();
    expect(m.p99Ms()!).toBeGreaterThanOrEqual(25);
  });
  it('nests windows: closes the timer only when the last one closes', async () => {
    const m = new TimedWindowMonitor();
    m.open();
    m.open();
    m.close();
    await sleep(30);
    m.close();
    expect(m.p99Ms()).not.toBeNull();
  });
});

describe('harness overhead', () => {
  it('measures a clock read, a marker scan and the launch floor', async () => {
    const echo = existsSync('/bin/busybox') ? '/bin/busybox' : null;
    const o = await measureHarnessOverhead(echo);
    expect(o.timerOverheadNs).toBeGreaterThanOrEqual(0);
    expect(o.markerScanNs).toBeGreaterThan(0);
    // Built by scripts/build-launcher.sh (setup and the tests' global setup): it must be used.
    expect(o.launcher).toEqual(
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.stringContaining) as any
      existsSync(LAUNCHER_PATH) ? { kind: 'native', reason: null } : { kind: 'node', reason: expect.stringContaining('missing') },
    );
    if (echo) {
      expect(o.launchFloorMs).toBeGreaterThan(0.05);
      expect(o.launchFloorMs).toBeLessThan(100);
    } else expect(o.launchFloorMs).toBeNull();
  });
});
