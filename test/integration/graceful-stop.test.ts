/**
 * stop: graceful on real runtimes (claim C1, like for like): an idle instance that is still
 * running is asked to stop and exits by itself (SIGTERM trapped by a container's init; a line on
 * a VM's control port, then the guest powers off), and nothing is left behind.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../harness/runtimes/create-runtime.js';
import { RUNTIME_PRESETS, type RuntimeSpec } from '../../harness/scenario/types.js';
import { leftovers } from '../helpers/leaks.js';
import { useRealHost } from '../helpers/real-host.js';
import { readdirSync } from 'node:fs';

const real = useRealHost('graceful');

async function stopGracefully(spec: RuntimeSpec, id: string): Promise<void> {
  const runtime = createRuntime(spec, real.host, real.run);
  const instance = runtime.start({ id, workload: 'idle', readyTimeoutMs: 60_000, stop: 'graceful' });
  const ready = await instance.waitReady();
  expect(ready.state).toBe('ready');
  // Still running when asked: what is timed is a stop, not the reaping of an exited instance.
  expect(instance.hostPids().length).toBeGreaterThan(0);
  const stopped = await instance.stop();
  expect(stopped).toMatchObject({ exitedBeforeStop: false, stoppedGracefully: true, problem: null });
  expect(stopped.teardownMs).toBeGreaterThan(0);
  expect(instance.hostPids()).toEqual([]);
  expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  expect(readdirSync(real.run.workDir).filter((n) => n.startsWith('ctl-'))).toEqual([]);
}

describe('graceful stop', () => {
  it('namespaces: SIGTERM to the namespace init, which traps it and exits', async () => {
    await stopGracefully(RUNTIME_PRESETS.namespaces!, `g-ns-${process.pid}`);
  });

  it('namespaces with a cgroup limit: the same through the sh that joined the cgroup', async () => {
    await stopGracefully({ name: 'ns-capped', type: 'namespaces', userNamespace: false, memoryMiB: 64 }, `g-nsc-${process.pid}`);
  });

  it('runc: runc kill TERM reaches the container init, runc run exits, the container is gone', async () => {
    await stopGracefully(RUNTIME_PRESETS.runc!, `g-runc-${process.pid}`);
  });

  it('qemu q35: a line on the control port, the guest powers off, QEMU exits', async () => {
    await stopGracefully(
      { name: 'q35', type: 'qemu', machine: 'q35', accel: 'tcg', memoryMiB: 128, vcpus: 1, snapshot: false },
      `g-vm-${process.pid}`,
    );
  }, 90_000);
});
