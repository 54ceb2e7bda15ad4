/**
 * `vmbench compare BASE NEW [NEW…]` or `vmbench compare A1 A2 … -- B1 B2 …`: every metric of the
 * new run(s) against the baseline, with a test, a correction for the number of tests and a
 * minimum effect; a table, JSON, Markdown or the HTML comparison report; and, with
 * --fail-on regression, exit code 1 when anything regressed (for CI).
 */
import { resolve } from 'node:path';
import { compareSides, type ComparisonResult, type SidePair } from '../../compare/compare-runs.js';
import { loadThresholds, MAX_ALPHA, MAX_MIN_EFFECT } from '../../compare/thresholds-file.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_EFFECT, type Thresholds } from '../../compare/thresholds.js';
import { parseIntFlag, parsePercentFlag } from '../cli-options.js';
import { deriveRules, recentRuns } from '../../compare/baseline-from.js';
import { statSync } from 'node:fs';
import { formatIssues, ScenarioValidationError } from '../../scenario/errors.js';
import { formatComparison } from '../../terminal/compare-printer.js';
import { renderComparisonMarkdown } from '../../../reports/markdown-compare.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { writeFileAtomic } from '../../results/atomic-write.js';
import { EXIT, UserError } from '../exit-codes.js';
import { readRunData } from './read-run-data.js';
import type { RunData } from '../../results/run-data.js';

export interface CompareFlags {
  alpha?: string;
  minEffect?: string;
  baseline?: string;
  failOn?: string;
  json?: boolean;
  markdown?: boolean;
  html?: string;
  baselineFrom?: string;
  last?: string;
}

/** Exit code of --fail-on regression when a comparison regressed (README "Comparing runs"). */
export const EXIT_REGRESSED = 1;

function parseAlpha(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > MAX_ALPHA)
    throw new UserError(`--alpha: expected a number above 0 and at most ${MAX_ALPHA}, like 0.01, found "${value}"`);
  return n;
}

function parseMinEffect(value: string | undefined): number | undefined {
  return parsePercentFlag('--min-effect', value, 0, MAX_MIN_EFFECT);
}

function thresholdsFrom(flags: CompareFlags): Thresholds {
  let thresholds: Thresholds = { alpha: DEFAULT_ALPHA, minEffect: DEFAULT_MIN_EFFECT, rules: [] };
  if (flags.baseline !== undefined) {
    try {
      thresholds = loadThresholds(flags.baseline);
    } catch (error) {
      if (error instanceof ScenarioValidationError)
        throw new UserError(`--baseline ${JSON.stringify(flags.baseline)}: invalid thresholds file:\n${formatIssues(error.issues)}`);
      throw error;
    }
  }
  // Flags override the file's defaults; the file's per-metric rules still apply first.
  return {
    ...thresholds,
    alpha: parseAlpha(flags.alpha) ?? thresholds.alpha,
    minEffect: parseMinEffect(flags.minEffect) ?? thresholds.minEffect,
  };
}

/**
 * Operands before and after a `--` of the raw argv (commander passes both as operands): with
 * one, two sides of several runs; without, the first run against each of the others.
 */
export function splitSides(dirs: readonly string[], argv: readonly string[]): { base: string[]; others: string[][] } {
  const at = argv.indexOf('--');
  const after = at === -1 ? 0 : argv.length - at - 1;
  if (after > 0) {
    const base = dirs.slice(0, dirs.length - after);
    const other = dirs.slice(dirs.length - after);
    if (base.length === 0) throw new UserError('compare: expected results directories before "--" (the baseline side), found none');
    return { base, others: [other] };
  }
  if (at !== -1) throw new UserError('compare: expected results directories after "--" (the new side), found none');
  if (dirs.length < 2) throw new UserError(`compare: expected a baseline and at least one new results directory, found ${dirs.length}`);
  return { base: [dirs[0]!], others: dirs.slice(1).map((d) => [d]) };
}

/** --baseline-from DIR --last N: the baseline side's directories, and the new runs as given. */
function sidesFromDir(dirs: readonly string[], argv: readonly string[], flags: CompareFlags): { base: string[]; others: string[][] } {
  const last = parseIntFlag('--last', flags.last, 1, 1000) ?? DEFAULT_LAST;
  const root = resolve(flags.baselineFrom!);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
    throw new UserError(
      `--baseline-from ${JSON.stringify(flags.baselineFrom)}: expected a results directory holding run directories, found ${statSync(root, { throwIfNoEntry: false }) ? 'a file' : 'nothing'}`,
    );
  if (argv.includes('--'))
    throw new UserError('--baseline-from: expected the new runs only (the baseline side comes from the directory), found a "--" separator');
  if (dirs.length === 0) throw new UserError('compare: expected at least one new results directory after --baseline-from DIR');
  const base = recentRuns(root, last, new Set(dirs.map((d) => resolve(d))));
  if (base.length === 0)
    throw new UserError(`--baseline-from ${JSON.stringify(flags.baselineFrom)}: no complete run in it (other than the new ones)`);
  return { base, others: dirs.map((d) => [d]) };
}

const DEFAULT_LAST = 5;

export async function compareCommand(dirs: string[], flags: CompareFlags, argv: readonly string[]): Promise<number> {
  if (flags.last !== undefined && flags.baselineFrom === undefined)
    throw new UserError(
      `--last: takes the last N runs of --baseline-from DIR, expected --baseline-from too, found "--last ${flags.last}" alone`,
    );
  if (flags.failOn !== undefined && flags.failOn !== 'regression' && flags.failOn !== 'change') {
    throw new UserError(
      `--fail-on: expected regression (exit 1 when a metric regressed) or change (exit 1 when any metric changed), found "${flags.failOn}"`,
    );
  }
  const outputs = [flags.json, flags.markdown].filter(Boolean).length;
  if (outputs > 1) throw new UserError('--json and --markdown: expected one output format, found both');
  const thresholds = thresholdsFrom(flags);
  const { base, others } = flags.baselineFrom === undefined ? splitSides(dirs, argv) : sidesFromDir(dirs, argv, flags);
  const cache = new Map<string, RunData>();
  const read = (d: string): RunData => {
    const dir = resolve(d);
    let run = cache.get(dir);
    if (run === undefined) {
      run = readRunData(dir);
      cache.set(dir, run);
    }
    return run;
  };
  const baseRuns = base.map(read);
  // Explicit rules (a --baseline file) first: they override what the baseline runs suggest.
  if (flags.baselineFrom !== undefined) thresholds.rules.push(...deriveRules(baseRuns, thresholds.minEffect));
  if (flags.baselineFrom !== undefined)
    process.stderr.write(
      `Baseline: the last ${baseRuns.length} complete run(s) in ${resolve(flags.baselineFrom)}; each metric's minimum effect is the largest run-to-run deviation of its median among them (at least ${(thresholds.minEffect * 100).toFixed(1)}%).\n`,
    );
  const otherRuns = others.map((side) => side.map(read));
  const pairs: SidePair[] = otherRuns.map((other) => ({ base: baseRuns, other }));
  const result = compareSides(pairs, thresholds);
  if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (flags.markdown) process.stdout.write(`${renderComparisonMarkdown(result)}\n`);
  else process.stdout.write(`${formatComparison(result)}\n`);
  if (flags.html !== undefined) {
    const out = resolve(flags.html);
    await writeFileAtomic(out, renderHtmlReport({ runs: [...baseRuns, ...otherRuns.flat()], comparison: result }));
    process.stderr.write(`Comparison report written: ${out}\n`);
  }
  return exitCodeFor(result, flags.failOn);
}

export function exitCodeFor(result: ComparisonResult, failOn: string | undefined): number {
  if (failOn === 'regression' && result.regressed > 0) return EXIT_REGRESSED;
  if (failOn === 'change' && result.regressed + result.improved > 0) return EXIT_REGRESSED;
  return EXIT.ok;
}
