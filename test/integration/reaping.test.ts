/**
 * Teardown is over when the instance's processes are reaped, not only dead. On these machines
 * PID 1 does not reap promptly: a namespace init orphaned by a group kill stays a zombie, and its
 * pid namespace stays listed, for a second or more after the harness said "stopped".
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRuntime } from '../../harness/runtimes/create-runtime.js';
import { InstanceTracker } from '../../harness/lifecycle/instance-tracker.js';
import { cleanUp, readJournal } from '../../harness/lifecycle/cleanup.js';
import { readProcStat } from '../../harness/host/proc-table.js';
import { waitUntil } from '../../harness/process/wait-until.js';
import { RUNTIME_PRESETS } from '../../harness/scenario/types.js';
import { vmbench } from '../helpers/cli.js';
import { leftovers } from '../helpers/leaks.js';
import { useRealHost } from '../helpers/real-host.js';
import { resourceKinds } from '../../harness/runtimes/registry.js';

const real = useRealHost('reaping');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbench-test-reaping-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('teardown reaps what it started', () => {
  for (const name of ['namespaces', 'runc'] as const) {
    it(`${name}: right after stop() no process of the instance is left in any state`, async () => {
      const runtime = createRuntime(RUNTIME_PRESETS[name]!, real.host, real.run);
      const instances = Array.from({ length: 5 }, (_, i) =>
        runtime.start({ id: `reap-${name}-${i}`, workload: 'idle', readyTimeoutMs: 20_000 }),
      );
      for (const instance of instances) expect((await instance.waitReady()).state).toBe('ready');
      const stops = await Promise.all(instances.map((i) => i.stop()));
      expect(stops.map((s) => s.problem)).toEqual(stops.map(() => null));
      expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
    });
  }

  it('vmbench run of a density scenario: nothing of the run exists the moment it returns', async () => {
    const scenario = join(dir, 'reap.yaml');
    writeFileSync(
      scenario,
      'name: reap\nworkload: idle\nmetrics: [memory, density]\nruntimes: [namespaces, runc]\ndensity:\n  max: 20\n  ksm: false\n  dropCaches: false\n',
    );
    const result = await vmbench(['run', scenario, '--out', join(dir, 'out')], { VMBENCH_STATE_DIR: join(dir, 'state') });
    expect(result.exitCode, result.all).toBe(0);
    // Only this file's own work dir (for the instance tests above) may remain.
    expect(leftovers().filter((l) => l !== `temp dir: ${real.workDir}`)).toEqual([]);
  });

  it('cleanup waits for the reaping, and says what survived (journal kept) when it does not happen', async () => {
    const tracker = new InstanceTracker(mkdtempSync(join(dir, 'state-')), 'survivor-run');
    // The recorded process's parent never waits: once killed it stays a zombie until that parent goes.
    const parent = spawn('/bin/sh', ['-c', 'sleep 600 & echo $!; exec sleep 601'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const [line] = (await once(parent.stdout, 'data')) as [Buffer];
    const pid = Number(line.toString().trim());
    tracker.begin('survivor', 'test').process(pid);
    try {
      const result = cleanUp(readJournal(tracker.path!), resourceKinds(), 300);
      expect(result.done).toContain(`killed test instance survivor (pid ${pid})`);
      expect(result.survivors).toBe(`pid ${pid} sleep (zombie; its parent ${parent.pid} has not reaped it)`);
      expect(existsSync(tracker.path!)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
      await once(parent, 'exit');
      // Orphaned to PID 1 now, which reaps it when it gets to it: wait, so no later check sees it.
      await waitUntil(() => readProcStat(pid) === null, 15_000);
      tracker.close();
    }
  });
});
