/**
 * Shared setup of the tests that start real instances: the host context (no KVM probe: the tests
 * use TCG explicitly and behave the same everywhere), a private work dir and a journal.
 */
import { beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostContext } from '../../harness/host/host-context.js';
import { prepareHost } from '../../harness/runtimes/prepare-host.js';
import type { RunResources } from '../../harness/runtimes/backend.js';
import { InstanceTracker } from '../../harness/lifecycle/instance-tracker.js';
import { createWorkDir } from '../../harness/lifecycle/work-dir.js';
import { closeLauncher } from '../../harness/process/launch.js';

export interface RealHost {
  host: HostContext;
  workDir: string;
  tracker: InstanceTracker;
  /** What createRuntime needs: the tracker, the work dir, and the run-end releases (run in afterAll). */
  run: RunResources;
}

/** Call at the top of a test file; the returned object is filled in before the first test. */
export function useRealHost(name: string): RealHost {
  const real = {} as RealHost;
  let stateDir = '';
  const releases: (() => void)[] = [];
  beforeAll(async () => {
    real.host = await prepareHost({ specs: [], probe: false });
    real.workDir = createWorkDir();
    stateDir = mkdtempSync(join(tmpdir(), 'vmbench-state-test-'));
    real.tracker = new InstanceTracker(stateDir, `${name}-${process.pid}`);
    real.run = {
      tracker: real.tracker,
      workDir: real.workDir,
      atRunEnd: (release) => {
        releases.push(release);
      },
    };
  });
  afterAll(async () => {
    for (const release of releases.reverse()) release();
    await closeLauncher();
    real.tracker.close();
    rmSync(real.workDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });
  return real;
}
