/**
 * An instance that dies before ready is a failed sample with its reason: a runtime binary that
 * is missing, a process that exits non-zero, and a QEMU killed in the middle of its boot.
 */
import { describe, it, expect } from 'vitest';
import { ProcessInstance } from '../../harness/process/process-instance.js';
import { containerPhases } from '../../harness/runtimes/phases.js';
import { createRuntime } from '../../harness/runtimes/create-runtime.js';
import { RUNTIME_PRESETS, type RuntimeSpec } from '../../harness/scenario/types.js';
import { useRealHost } from '../helpers/real-host.js';
import { leftovers } from '../helpers/leaks.js';

const real = useRealHost('instance-faults');
const hooks = { phases: containerPhases };

describe('an instance that fails before ready', () => {
  it('a missing runtime binary: failed to start, with the error', async () => {
    const instance = new ProcessInstance('missing', { file: '/nonexistent/runc', args: ['run'] }, 5000, hooks);
    const ready = await instance.waitReady();
    expect(ready.state).toBe('failed');
    if (ready.state === 'failed') expect(ready.reason).toMatch(/failed to start: .*ENOENT/);
    expect((await instance.stop()).problem).toBeNull();
  });

  it('a process that exits non-zero: the exit code and its stderr', async () => {
    const instance = new ProcessInstance('exits', { file: '/bin/sh', args: ['-c', 'echo "no such rootfs" >&2; exit 3'] }, 5000, hooks);
    const ready = await instance.waitReady();
    expect(ready.state).toBe('failed');
    if (ready.state === 'failed') {
      expect(ready.reason).toContain('exited with code 3 before the ready marker');
      expect(ready.reason).toContain('stderr: no such rootfs');
    }
    const stopped = await instance.stop();
    expect(stopped.exitedBeforeStop).toBe(true);
  });

  it('QEMU killed in the middle of its boot: killed by SIGKILL, nothing left', async () => {
    const spec = { ...RUNTIME_PRESETS['qemu-q35']!, accel: 'tcg' } as RuntimeSpec;
    const runtime = createRuntime(spec, real.host, real.run);
    const instance = runtime.start({ id: `killed-${process.pid}`, workload: 'hello', readyTimeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, 500));
    const [qemuPid] = instance.hostPids();
    expect(qemuPid).toBeGreaterThan(0);
    process.kill(qemuPid!, 'SIGKILL');
    const ready = await instance.waitReady();
    expect(ready.state).toBe('failed');
    if (ready.state === 'failed') expect(ready.reason).toContain('killed by SIGKILL before the ready marker');
    expect((await instance.stop()).problem).toBeNull();
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });
});
