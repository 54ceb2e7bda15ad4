import { describe, expect, it } from 'vitest';
import { waitSeriesSettled } from '../../../harness/memory/host-memory.js';

const MiB = 2 ** 20;

/** A fake clock advanced only by sleep, and a reader walking a synthetic MemAvailable series. */
function synthetic(series: (i: number) => number) {
  let t = 0;
  let i = 0;
  return {
    read: () => series(i++),
    sleep: (ms: number) => {
      t += ms;
      return Promise.resolve();
    },
    now: () => t,
  };
}

describe('waitSeriesSettled (the wait for MemAvailable before each density runtime)', () => {
  it('settles at the first window whose change is under tolerance', async () => {
    // Memory still being given back: +40, +20, +10, +2 MiB per second, then flat.
    const values = [1000, 1040, 1060, 1070, 1072, 1072].map((v) => v * MiB);
    const r = await waitSeriesSettled({ ...synthetic((i) => values[Math.min(i, values.length - 1)]!), timeoutMs: 30_000 });
    expect(r).toEqual({ settled: true, ms: 4000, lastDriftBytes: 2 * MiB });
  });

  it('gives up at the bound when MemAvailable keeps drifting, reporting the last drift', async () => {
    const r = await waitSeriesSettled({ ...synthetic((i) => (1000 + 10 * i) * MiB), timeoutMs: 5000 });
    expect(r).toEqual({ settled: false, ms: 5000, lastDriftBytes: 10 * MiB });
  });

  it('reports a downward drift with its sign', async () => {
    const r = await waitSeriesSettled({ ...synthetic((i) => (2000 - 8 * i) * MiB), timeoutMs: 3000 });
    expect(r.settled).toBe(false);
    expect(r.lastDriftBytes).toBe(-8 * MiB);
  });

  it('does not settle on noise above tolerance, settles once the noise falls under it', async () => {
    // ±6 MiB alternation for 4 windows (above the 4 MiB default), then ±1 MiB.
    const noisy = (i: number) => (1000 + (i % 2 === 0 ? 0 : i < 5 ? 6 : 1)) * MiB;
    const r = await waitSeriesSettled({ ...synthetic(noisy), timeoutMs: 30_000 });
    expect(r.settled).toBe(true);
    expect(r.ms).toBe(5000);
    expect(Math.abs(r.lastDriftBytes)).toBe(1 * MiB);
  });

  it('honours windowMs and toleranceBytes', async () => {
    const values = [0, 3, 5, 6].map((v) => v * MiB);
    const r = await waitSeriesSettled({
      ...synthetic((i) => values[Math.min(i, 3)]!),
      timeoutMs: 10_000,
      windowMs: 250,
      toleranceBytes: 1.5 * MiB,
    });
    expect(r).toEqual({ settled: true, ms: 750, lastDriftBytes: 1 * MiB });
  });
});
