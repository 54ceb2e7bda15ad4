/**
 * What one run owns while it measures: its journal (so a killed run can be cleaned up), its
 * private work dir, the native launcher, the set of live instances, and the signal handlers
 * (Ctrl-C once: stop and keep the results; twice or SIGTERM twice: kill what the journal lists
 * and exit 130). Opened before the first launch, released once, in reverse.
 */
import { rmSync } from 'node:fs';
import type { Instance } from '../runtimes/runtime.js';
import type { RunResources } from '../runtimes/backend.js';
import { InstanceTracker } from '../lifecycle/instance-tracker.js';
import { createWorkDir } from '../lifecycle/work-dir.js';
import { installInterruptHandlers } from '../lifecycle/interrupts.js';
import type { RunSeams } from './seams.js';

export interface OpenRun {
  /** What the backends get: backends key run-wide state (crun's mount namespace) on this one object. */
  resources: RunResources;
  live: Set<Instance>;
  signal: AbortSignal;
  /** Runs the backends' run-end releases, removes the work dir, closes the journal. */
  release: () => void;
  /** Removes the signal handlers: only after the results are written (a second Ctrl-C meanwhile still exits cleanly). */
  uninstall: () => void;
}

export function openRun(
  runId: string,
  seams: Pick<RunSeams, 'journalDir' | 'startLauncher' | 'resourceKinds'>,
  log: (line: string) => void,
): OpenRun {
  const tracker = new InstanceTracker(seams.journalDir(), runId);
  const workDir = createWorkDir();
  const workTrack = tracker.begin('workdir', 'harness');
  workTrack.resource('dir', workDir);
  // The native launcher is every instance's parent: journaled so cleanup waits for it too.
  const launcherPid = seams.startLauncher();
  if (launcherPid !== null) workTrack.process(launcherPid);
  // From here on something exists to clean up: signals are handled before anything else runs.
  const controller = new AbortController();
  const live = new Set<Instance>();
  const uninstall = installInterruptHandlers({ controller, live, journalPath: tracker.path, resourceKinds: seams.resourceKinds(), log });
  const runEnd: (() => void)[] = [];
  const resources: RunResources = {
    tracker,
    workDir,
    atRunEnd: (release) => {
      runEnd.push(release);
    },
  };
  const release = (): void => {
    for (const r of runEnd.splice(0).reverse()) r();
    rmSync(workDir, { recursive: true, force: true });
    workTrack.end();
    tracker.close();
  };
  return { resources, live, signal: controller.signal, release, uninstall };
}
