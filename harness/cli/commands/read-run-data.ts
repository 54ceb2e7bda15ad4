/** A results directory read for a report or a comparison; a summary recomputed when missing. */
import { readResults } from '../../results/read-results.js';
import { summarize } from '../../stats/summarize.js';
import { withDensity } from '../../stats/summarize-density.js';
import type { RunData } from '../../results/run-data.js';
import { UserError } from '../exit-codes.js';

/** @throws UserError (exit 2) naming the directory when it is not a readable run */
export function readRunData(dir: string): RunData {
  let results;
  try {
    results = readResults(dir);
  } catch (error) {
    throw new UserError(`cannot read results: ${(error as Error).message}`);
  }
  for (const p of results.problems) process.stderr.write(`note: ${dir}: ${p}\n`);
  const summary =
    results.summary ??
    withDensity(
      summarize(results.meta.runId, results.samples, results.meta.status === 'complete'),
      results.density,
      results.env.memTotalBytes,
    );
  return {
    dir,
    meta: results.meta,
    env: results.env,
    samples: results.samples,
    density: results.density,
    limits: results.limits,
    provisioning: results.provisioning,
    summary,
  };
}
