/** `vmbench cleanup`: remove what a killed run (SIGKILL, power loss) left behind. */
import { findLeftOvers, cleanUp } from '../../lifecycle/cleanup.js';
import { journalDir } from '../../lifecycle/state-dir.js';

export function cleanupCommand(flags: { json?: boolean }): number {
  const leftOvers = findLeftOvers(journalDir());
  const actions = leftOvers.map((left) => ({ runId: left.runId, done: cleanUp(left) }));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ runs: actions }, null, 2)}\n`);
  } else if (actions.length === 0) {
    process.stdout.write('Nothing to clean up: no killed run left instances behind.\n');
  } else {
    for (const a of actions) {
      process.stdout.write(`Run ${a.runId}:\n${a.done.length ? a.done.map((d) => `  ${d}`).join('\n') : '  (its instances were already gone)'}\n`);
    }
  }
  return 0;
}
