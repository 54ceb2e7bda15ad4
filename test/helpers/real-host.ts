/**
 * Shared setup of the tests that start real instances: the host context (no KVM probe: the tests
 * use TCG explicitly and behave the same everywhere), a private work dir and a journal.
 */
import { beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherHostContext, type HostContext } from '../../harness/host/host-context.js';
import { InstanceTracker } from '../../harness/lifecycle/instance-tracker.js';
import { createWorkDir } from '../../harness/lifecycle/work-dir.js';
import { closeLauncher } from '../../harness/process/launch.js';

export interface RealHost {
  host: HostContext;
  workDir: string;
  tracker: InstanceTracker;
}

/** Call at the top of a test file; the returned object is filled in before the first test. */
export function useRealHost(name: string): RealHost {
  const real = {} as RealHost;
  let stateDir = '';
  beforeAll(async () => {
    real.host = await gatherHostContext({ probeKvm: false });
    real.workDir = createWorkDir();
    stateDir = mkdtempSync(join(tmpdir(), 'vmbench-state-test-'));
    real.tracker = new InstanceTracker(stateDir, `${name}-${process.pid}`);
  });
  afterAll(async () => {
    await closeLauncher();
    real.tracker.close();
    rmSync(real.workDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });
  return real;
}
