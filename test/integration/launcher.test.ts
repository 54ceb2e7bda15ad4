/**
 * The native launcher times what it launches, and its failures are data: a 200 ms sleep is timed
 * at 200 ms, and a launcher killed mid-run fails its instances with the reason, leaves nothing
 * behind, and the next launch works.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { ProcessInstance } from '../../harness/process/process-instance.js';
import { containerPhases } from '../../harness/runtimes/phases.js';
import { launcherCpuMark, launcherCpuSince, launcherInfo, startLauncher } from '../../harness/process/launch.js';
import { LAUNCHER_PATH } from '../../harness/process/native-launcher.js';
import { createRuntime } from '../../harness/runtimes/create-runtime.js';
import { RUNTIME_PRESETS } from '../../harness/scenario/types.js';
import { readProcStat } from '../../harness/host/proc-table.js';
import { waitUntil } from '../../harness/process/wait-until.js';
import { useRealHost } from '../helpers/real-host.js';
import { vmbench } from '../helpers/cli.js';
import type { Calibration } from '../../harness/measure/calibrate.js';
import { leftovers } from '../helpers/leaks.js';

const real = useRealHost('launcher');
const hooks = { phases: containerPhases };

describe('vmbench-launcher', () => {
  it('is built and used (scripts/build-launcher.sh)', () => {
    expect(existsSync(LAUNCHER_PATH), `${LAUNCHER_PATH} missing`).toBe(true);
    expect(launcherInfo()).toEqual({ kind: 'native', reason: null });
  });

  it('times a 200 ms sleep before the ready marker at 200 ms ± 5 ms', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const instance = new ProcessInstance(
        `sleep-${i}`,
        { file: '/bin/sh', args: ['-c', 'sleep 0.2; echo VMBENCH_READY kernel=x'] },
        5000,
        hooks,
      );
      const ready = await instance.waitReady();
      expect(ready.state, JSON.stringify(ready)).toBe('ready');
      if (ready.state === 'ready') times.push(ready.startupMs);
      expect((await instance.stop()).problem).toBeNull();
    }
    const median = times.sort((a, b) => a - b)[2]!;
    expect(median).toBeGreaterThanOrEqual(200);
    expect(median).toBeLessThanOrEqual(205);
  });

  it('killed mid-run: its orphaned instances are still torn down to nothing, and the next launch works', async () => {
    const runtime = createRuntime(RUNTIME_PRESETS.namespaces!, real.host, real.run);
    const first = runtime.start({ id: 'orphaned', workload: 'idle', readyTimeoutMs: 20_000 });
    expect((await first.waitReady()).state).toBe('ready');
    const launcherPid = startLauncher()!;
    expect(readProcStat(first.hostPids()[0]!)?.ppid).toBe(launcherPid); // the launcher is the instance's parent
    const cpuMark = launcherCpuMark();
    expect(cpuMark.cpuMs).toBeGreaterThanOrEqual(0);
    expect(launcherCpuSince(cpuMark)).toBeGreaterThanOrEqual(0);
    process.kill(launcherPid, 'SIGKILL');
    expect(await waitUntil(() => readProcStat(launcherPid) === null, 5_000)).toBe(true); // reaped by the harness
    const stopped = await first.stop();
    expect(stopped.problem).toBeNull();
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);

    const next = runtime.start({ id: 'after', workload: 'hello', readyTimeoutMs: 20_000 });
    expect((await next.waitReady()).state).toBe('ready');
    await next.stop();
    expect(startLauncher()).not.toBe(launcherPid);
    // The killed launcher took its CPU time with it: the harness says "not recorded", not a wrong figure.
    expect(launcherCpuSince(cpuMark)).toBeNull();
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });

  it('vmbench calibrate times lean, native and node paths interleaved (figures, not a timed assertion)', async () => {
    const result = await vmbench(['calibrate', '-n', '3', '--json']);
    expect(result.exitCode, result.all).toBe(0);
    const c = JSON.parse(result.stdout) as Calibration;
    for (const list of [c.container, c.floor]) {
      expect(list.map((t) => t.path)).toEqual(['lean', 'native', 'node']);
      for (const t of list) {
        expect(t.samplesMs).toHaveLength(3);
        for (const v of t.samplesMs) expect(v).toBeGreaterThan(0);
      }
      expect(list[0]!.overMs).toBeNull();
      expect(list[1]!.overMs).toBeCloseTo(list[1]!.medianMs - list[0]!.medianMs, 9);
    }
    // A container start takes longer than a static echo, whoever launches it.
    expect(c.container[0]!.medianMs).toBeGreaterThan(c.floor[0]!.medianMs);
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });
});
