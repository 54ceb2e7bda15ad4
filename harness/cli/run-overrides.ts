/**
 * `vmbench run`'s flags applied to the loaded scenarios: -n, -w, -r, --until-ci, --max-iterations.
 * Every flag is checked here, with the option, the value and what was expected, before the host is.
 */
import type { Scenario } from '../scenario/types.js';
import { UserError } from './exit-codes.js';
import { parseIntFlag, parseListFlag, parsePercentFlag } from './cli-options.js';
import { adaptiveWithDefaults } from '../scenario/defaults.js';
import { MAX_ITERATIONS, MAX_UNTIL_CI, MIN_UNTIL_CI } from '../scenario/validate.js';

export interface RunFlags {
  iterations?: string;
  warmup?: string;
  runtimes?: string;
  out?: string;
  json?: boolean;
  kernel?: string;
  untilCi?: string;
  maxIterations?: string;
}

export function applyOverrides(scenarios: Scenario[], flags: RunFlags): Scenario[] {
  const iterations = parseIntFlag('--iterations', flags.iterations, 1, 10_000);
  const warmup = parseIntFlag('--warmup', flags.warmup, 0, 1000);
  const only = parseListFlag('--runtimes', flags.runtimes);
  if (only) {
    const known = new Set(scenarios.flatMap((s) => s.runtimes.map((r) => r.name)));
    const unknown = only.filter((n) => !known.has(n));
    if (unknown.length) {
      throw new UserError(
        `--runtimes: unknown runtime ${unknown.map((u) => `"${u}"`).join(', ')}; the scenarios name: ${[...known].join(', ')}`,
      );
    }
  }
  const untilCi = parsePercentFlag('--until-ci', flags.untilCi, MIN_UNTIL_CI, MAX_UNTIL_CI);
  const maxIterations = parseIntFlag('--max-iterations', flags.maxIterations, 1, MAX_ITERATIONS);
  if (maxIterations !== undefined && untilCi === undefined && !scenarios.some((s) => s.adaptive)) {
    throw new UserError(
      `--max-iterations: bounds adaptive sampling, expected --until-ci too (or a scenario with untilCi), found "${flags.maxIterations}" alone`,
    );
  }
  return scenarios
    .map((s) => {
      const n = iterations ?? s.iterations;
      // A density run measures each runtime once, a limits run repeats fixed probes: nothing to sample adaptively.
      const adaptive =
        s.density !== null || s.limits
          ? null
          : adaptiveWithDefaults(
              untilCi ?? s.adaptive?.untilCi,
              maxIterations ?? (untilCi === undefined ? s.adaptive?.maxIterations : undefined),
              n,
            );
      if (adaptive !== null && adaptive.maxIterations < n) {
        throw new UserError(
          `--max-iterations: expected at least the ${n} iterations of scenario ${s.name} (the minimum under untilCi), found ${adaptive.maxIterations}`,
        );
      }
      return {
        ...s,
        iterations: n,
        warmup: warmup ?? s.warmup,
        adaptive,
        runtimes: only ? s.runtimes.filter((r) => only.includes(r.name)) : s.runtimes,
      };
    })
    .filter((s) => s.runtimes.length > 0);
}
