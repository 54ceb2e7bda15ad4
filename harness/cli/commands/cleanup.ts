/** `vmbench cleanup`: remove what a killed run (SIGKILL, power loss) left behind. */
import { findLeftOvers, cleanUp, CLEANUP_REAP_MS } from '../../lifecycle/cleanup.js';
import { journalDir } from '../../lifecycle/state-dir.js';
import { resourceKinds } from '../../runtimes/registry.js';

/** Exit 0 when everything is gone; 1 when a process is still in /proc after the bounded wait. */
export function cleanupCommand(flags: { json?: boolean }): number {
  const leftOvers = findLeftOvers(journalDir());
  const actions = leftOvers.map((left) => {
    const { done, survivors } = cleanUp(left, resourceKinds());
    return { runId: left.runId, done, survivors };
  });
  const failed = actions.some((a) => a.survivors !== null);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ runs: actions, ok: !failed }, null, 2)}\n`);
  } else if (actions.length === 0) {
    process.stdout.write('Nothing to clean up: no killed run left instances behind.\n');
  } else {
    for (const a of actions) {
      const lines = a.done.length ? a.done.map((d) => `  ${d}`) : ['  (its instances were already gone)'];
      if (a.survivors)
        lines.push(
          `  STILL THERE ${CLEANUP_REAP_MS / 1000} s after SIGKILL: ${a.survivors}; its journal is kept, run 'vmbench cleanup' again`,
        );
      else if (a.done.length) lines.push('  every process is gone (reaped), nothing left');
      process.stdout.write(`Run ${a.runId}:\n${lines.join('\n')}\n`);
    }
  }
  return failed ? 1 : 0;
}
