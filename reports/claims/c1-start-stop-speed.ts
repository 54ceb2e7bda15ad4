/**
 * C1: starting and stopping a container is much faster than starting and stopping a VM.
 * Decided from summary.comparisons (VM median / container median, bootstrap 95% interval) for
 * every (VM, container) pair: startup must be clearly faster for containers in every pair, and
 * teardown too when it was measured. Scenarios that ran only the probe workload (isolation: one
 * launch per runtime, facts rather than timings, no interval) are left out.
 */
import type { Comparison } from '../../harness/results/format.js';
import { formatMs, formatRatio, formatRatioInterval } from '../format-numbers.js';
import { probeScenarios } from '../isolation-facts.js';
import type { RunData } from '../report-input.js';
import { vmsRanUnderTcg } from '../run-facts.js';
import { CLAIM_STATEMENTS } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';
import { notMeasuredVerdict } from './not-measured.js';

/**
 * "Much faster": a container must take at most half the VM's time. A 1.3× gap is real but is not
 * what the chapter claims; the threshold is stated in the evidence so a reader can disagree.
 */
export const MUCH_FASTER_FACTOR = 2;

type PairReading = 'faster' | 'faster (no interval)' | 'not much faster' | 'no clear difference' | 'VM faster';

function readPair(c: Comparison): PairReading {
  const low = c.ci95?.[0] ?? null;
  const high = c.ci95?.[1] ?? null;
  if (c.ci95 === null) {
    if (c.ratio < 1) return 'VM faster';
    if (c.ratio === 1) return 'no clear difference';
    return c.ratio >= MUCH_FASTER_FACTOR ? 'faster (no interval)' : 'not much faster';
  }
  if (high !== null && high < 1) return 'VM faster';
  if (low !== null && low <= 1) return 'no clear difference';
  return c.ratio >= MUCH_FASTER_FACTOR ? 'faster' : 'not much faster';
}

function describePair(run: RunData, c: Comparison, reading: PairReading): string {
  const vm = run.summary.runtimes.find((r) => r.scenario === c.scenario && r.runtime === c.vm);
  const ct = run.summary.runtimes.find((r) => r.scenario === c.scenario && r.runtime === c.container);
  const vmMedian = vm?.[c.metric].median ?? null;
  const ctMedian = ct?.[c.metric].median ?? null;
  const interval = c.ci95 === null ? 'no interval: fewer than 3 samples' : `95% CI ${formatRatioInterval(c.ci95)}`;
  const verdict = reading === 'faster' ? '' : ` → ${reading}`;
  return `${c.metric}, ${c.vm} vs ${c.container}: ${formatMs(vmMedian)} vs ${formatMs(ctMedian)} = ${formatRatio(c.ratio)} (${interval})${verdict}`;
}

const GOOD: ReadonlySet<PairReading> = new Set(['faster', 'faster (no interval)']);

/** One sentence per part of the claim (starting, stopping), with the range of ratios. */
function partSummary(part: string, pairs: readonly { c: Comparison; reading: PairReading }[]): string {
  const ratios = pairs.map((p) => p.c.ratio);
  const range = `${formatRatio(Math.min(...ratios))} to ${formatRatio(Math.max(...ratios))}`;
  const failing = pairs.filter((p) => !GOOD.has(p.reading));
  if (failing.length === 0) {
    const weak = pairs.some((p) => p.reading === 'faster (no interval)');
    return `${part}: containers were at least ${MUCH_FASTER_FACTOR}× faster than VMs in every pair (${range})` +
      (weak ? '; some pairs have no confidence interval (fewer than 3 samples): weaker evidence.' : ', every 95% interval of the ratio above 1.');
  }
  return `${part}: not every pair shows containers clearly and at least ${MUCH_FASTER_FACTOR}× faster (${range}): ${failing.length} of ${pairs.length} do not (${[...new Set(failing.map((p) => p.reading))].join(', ')}).`;
}

export function evaluateC1(run: RunData): ClaimVerdict {
  const probeOnly = probeScenarios(run);
  const timed = run.summary.comparisons.filter((c) => !probeOnly.has(c.scenario));
  const startup = timed.filter((c) => c.metric === 'startup');
  const teardown = timed.filter((c) => c.metric === 'teardown');
  if (startup.length === 0) {
    const probeOnlyPairs = run.summary.comparisons.some((c) => probeOnly.has(c.scenario));
    return notMeasuredVerdict(
      'C1',
      probeOnlyPairs
        ? `Not measured: the only VM/container pairs come from probe scenarios (${[...probeOnly].join(', ')}: one launch per runtime to read isolation facts, no interval), which are not timing measurements. Run the startup scenario.`
        : 'Not measured: no scenario has successful startups of both a VM and a container, so there is no VM/container ratio.',
    );
  }
  const pairs = [...startup, ...teardown].map((c) => ({ c, reading: readPair(c) }));
  const supported = pairs.every((p) => GOOD.has(p.reading));
  const lines = [partSummary('Starting', pairs.filter((p) => p.c.metric === 'startup'))];
  if (teardown.length > 0) lines.push(partSummary('Stopping', pairs.filter((p) => p.c.metric === 'teardown')));
  if (!supported) {
    lines.push(`So the claim as stated (starting and stopping) is not supported in this run, though a part of it may be.`);
  }
  if (teardown.length > 0 && pairs.some((p) => p.c.metric === 'teardown' && !GOOD.has(p.reading))) {
    lines.push('Note: a VM is stopped here by killing its QEMU process (no guest shutdown), which is about as fast as removing a container; a graceful guest shutdown would take far longer.');
  }
  if (teardown.length === 0) lines.push('Teardown was not measured for these pairs: the verdict rests on startup only.');
  for (const p of pairs) lines.push(describePair(run, p.c, p.reading));
  if (vmsRanUnderTcg(run)) {
    lines.push(
      'Caveat: the VMs ran under TCG software emulation; VM times under KVM are not these, so the ratios overstate the gap a KVM host would show.',
    );
  }
  return {
    id: 'C1',
    claim: CLAIM_STATEMENTS.C1,
    verdict: supported ? 'supported' : 'not supported',
    evidence: lines.join('\n'),
    chartId: 'startup-distribution',
  };
}
