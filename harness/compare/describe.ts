/**
 * The words and numbers of a comparison, shared by the terminal table, Markdown and HTML so a
 * verdict reads the same everywhere.
 */
import type { ComparisonResult, MetricComparison, PairComparison } from './compare-runs.js';
import { TEST_DESCRIPTIONS, type TestName } from './side-test.js';
import { threeSignificant } from '../format-duration.js';

// 3 significant digits, as everywhere (999.7 → "1000", where toPrecision(3) gave "1.00e+3").
const sig3 = threeSignificant;

/** A value in the metric's unit: ms and bytes scaled, others as measured with their unit. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 'ms') {
    const a = Math.abs(value);
    return a >= 1000 ? `${sig3(value / 1000)} s` : a >= 1 ? `${sig3(value)} ms` : `${sig3(value * 1000)} µs`;
  }
  if (unit === 'bytes' || unit === 'bytes/instance') {
    const mib = value / 2 ** 20;
    const text = Math.abs(mib) >= 1024 ? `${sig3(mib / 1024)} GiB` : `${sig3(mib)} MiB`;
    return unit === 'bytes' ? text : `${text}/instance`;
  }
  return `${sig3(value)} ${unit}`;
}

export function formatPercent(fraction: number | null | undefined, signed = true): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const sign = !signed ? '' : fraction > 0 ? '+' : fraction < 0 ? '−' : '±';
  const pct = Math.abs(fraction) * 100;
  return `${sign}${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  if (p < 0.0001) return p.toExponential(1);
  return p >= 0.1 ? p.toFixed(2) : p.toPrecision(2);
}

export function formatRatioCi(ci: readonly [number, number] | null): string {
  return ci === null ? '—' : `${ci[0].toFixed(3)} … ${ci[1].toFixed(3)}`;
}

/** "regressed", "improved", "no significant change (could detect ±4.1%)", "not compared: …". */
export function verdictText(m: MetricComparison): string {
  const v = m.verdict;
  if (v.state === 'not compared') return `not compared: ${v.reason}`;
  if (v.state !== 'no significant change') return v.state;
  const below = v.because === 'below minimum effect' ? `significant but below the ${formatPercent(m.minEffect, false)} minimum; ` : '';
  const d =
    m.detectable === null ? 'no change of any size detectable with these samples' : `could detect ±${formatPercent(m.detectable, false)}`;
  return `no significant change (${below}${d})`;
}

/** The lines that explain how the verdicts were reached, before the table. */
export function methodLines(result: ComparisonResult, pair: PairComparison): string[] {
  const tests = [...new Set(pair.metrics.map((m) => m.test).filter((t): t is TestName => t !== null))];
  const rules = result.defaultMinEffect;
  return [
    `Sampling: ${pair.levelNote}.`,
    `Test: ${tests.length === 0 ? 'none (nothing comparable)' : tests.map((t) => TEST_DESCRIPTIONS[t]).join('; ')}.`,
    `A change needs p < α = ${result.alpha} after Holm's correction over the ${result.tests} tests of this comparison, and a ratio of medians at least ${formatPercent(rules, false)} away from 1 (per-metric minimum where a threshold rule says so). Ratio intervals: 95 %.`,
  ];
}

export function sideLabel(runs: readonly string[]): string {
  return runs.length === 1 ? runs[0]! : `${runs.length} runs (${runs.join(', ')})`;
}

/**
 * The metrics that were not compared, one line per (scenario, reason) instead of one row each:
 * a scenario that launches each runtime once (isolation) would otherwise fill the table.
 */
export function notComparedLines(metrics: readonly MetricComparison[]): string[] {
  const groups = new Map<string, { scenario: string; reason: string; runtimes: Set<string>; count: number }>();
  for (const m of metrics) {
    if (m.verdict.state !== 'not compared') continue;
    const key = JSON.stringify([m.scenario, m.verdict.reason]);
    const g = groups.get(key) ?? { scenario: m.scenario, reason: m.verdict.reason, runtimes: new Set<string>(), count: 0 };
    g.runtimes.add(m.runtime);
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()].map(
    (g) => `${g.scenario} (${[...g.runtimes].join(', ')}): ${g.count} metric${g.count === 1 ? '' : 's'} not compared: ${g.reason}`,
  );
}
