/**
 * C1: starting and stopping a container is much faster than starting and stopping a VM.
 * Decided from summary.comparisons (VM median / container median, bootstrap 95% interval) for
 * every (VM, container) pair: startup must be clearly faster for containers in every pair, and
 * teardown too when it was measured. Scenarios that ran only the probe workload (isolation: one
 * launch per runtime, facts rather than timings, no interval) are left out.
 */
import type { Comparison } from '../../harness/results/format.js';
import { formatRatio, formatRatioInterval } from '../format-numbers.js';
import { formatDurationMs } from '../../harness/format-duration.js';
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
  return `${c.metric}${c.metric === 'teardown' ? ` (${c.scenario})` : ''}, ${c.vm} vs ${c.container}: ${formatDurationMs(vmMedian)} vs ${formatDurationMs(ctMedian)} = ${formatRatio(c.ratio)} (${interval})${verdict}`;
}

const GOOD: ReadonlySet<PairReading> = new Set(['faster', 'faster (no interval)']);

/** One sentence per part of the claim (starting, stopping), with the range of ratios. */
function partSummary(part: string, pairs: readonly { c: Comparison; reading: PairReading }[]): string {
  const ratios = pairs.map((p) => p.c.ratio);
  const range = `${formatRatio(Math.min(...ratios))} to ${formatRatio(Math.max(...ratios))}`;
  const failing = pairs.filter((p) => !GOOD.has(p.reading));
  if (failing.length === 0) {
    const weak = pairs.some((p) => p.reading === 'faster (no interval)');
    return (
      `${part}: containers were at least ${MUCH_FASTER_FACTOR}× faster than VMs in every pair (${range})` +
      (weak
        ? '; some pairs have no confidence interval (fewer than 3 samples): weaker evidence.'
        : ', every 95% interval of the ratio above 1.')
    );
  }
  return `${part}: not every pair shows containers clearly and at least ${MUCH_FASTER_FACTOR}× faster (${range}): ${failing.length} of ${pairs.length} do not (${[...new Set(failing.map((p) => p.reading))].join(', ')}).`;
}

/** How the scenario stopped its instances: graceful (asked, exited by itself) or kill (absent in older results). */
function stopModeOf(run: RunData, scenario: string): 'graceful' | 'kill' {
  return run.summary.runtimes.some((r) => r.scenario === scenario && r.stop === 'graceful') ? 'graceful' : 'kill';
}

/** Teardowns left out because the instance had exited by itself before the stop (hello's race). */
function exitedBeforeStopLines(run: RunData): string[] {
  return run.summary.runtimes
    .filter((r) => (r.teardownExitedBeforeStop ?? 0) > 0)
    .map(
      (r) =>
        `${r.scenario}/${r.runtime}: ${r.teardownExitedBeforeStop} teardown(s) left out, the instance had already exited by itself when stopped` +
        ` (median ${formatDurationMs(r.teardown.median)} without them, ${formatDurationMs(r.teardownAll?.median ?? null)} with them).`,
    );
}

export function evaluateC1(run: RunData): ClaimVerdict {
  const probeOnly = probeScenarios(run);
  const timed = run.summary.comparisons.filter((c) => !probeOnly.has(c.scenario));
  const startup = timed.filter((c) => c.metric === 'startup');
  const allTeardown = timed.filter((c) => c.metric === 'teardown');
  // Like for like: when some scenario stopped gracefully, stopping is judged on those pairs; the killed ones are shown.
  const graceful = allTeardown.filter((c) => stopModeOf(run, c.scenario) === 'graceful');
  const killed = allTeardown.filter((c) => stopModeOf(run, c.scenario) === 'kill');
  const teardown = graceful.length > 0 ? graceful : killed;
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
  const lines = [
    partSummary(
      'Starting',
      pairs.filter((p) => p.c.metric === 'startup'),
    ),
  ];
  if (teardown.length > 0) {
    const how = graceful.length > 0 ? 'graceful stop' : 'kill';
    lines.push(
      partSummary(
        `Stopping (${how})`,
        pairs.filter((p) => p.c.metric === 'teardown'),
      ),
    );
  }
  if (!supported) {
    lines.push(`So the claim as stated (starting and stopping) is not supported in this run, though a part of it may be.`);
  }
  if (graceful.length > 0) {
    lines.push(
      `The stopping verdict rests on the graceful stop (${[...new Set(graceful.map((c) => c.scenario))].join(', ')}): each instance is asked to stop and exits by itself (a container's init traps SIGTERM; a VM's guest reads the request on a serial port and powers off), timed until every host process is gone.` +
        (killed.length > 0
          ? ` Stopping by kill (${[...new Set(killed.map((c) => c.scenario))].join(', ')}: SIGKILL of QEMU, no guest shutdown) is shown below, not scored.`
          : ''),
    );
  } else if (teardown.length > 0) {
    lines.push(
      'The stopping verdict rests on stopping by kill only (SIGKILL of QEMU, no guest shutdown; runc kill and delete): not like for like. Run the stop scenario (stop: graceful) for a graceful comparison.',
    );
  }
  if (teardown.length === 0) lines.push('Teardown was not measured for these pairs: the verdict rests on startup only.');
  for (const p of pairs) lines.push(describePair(run, p.c, p.reading));
  if (graceful.length > 0) for (const c of killed) lines.push(`${describePair(run, c, readPair(c))} (kill; not scored)`);
  lines.push(...exitedBeforeStopLines(run));
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
