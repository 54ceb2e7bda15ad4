/**
 * C2: containers have less overhead, so many more of them fit on one host than VMs.
 * Decided from the density part of summary.json (summarize-density.ts): for every (VM, container)
 * pair of a density scenario, summary.densityComparisons gives container instances per GiB ÷ VM
 * instances per GiB. Supported when every pair reaches MANY_MORE_FACTOR; not supported when any
 * does not (a container that costs as much as a VM most of all); "not measured" without density
 * data or without a VM and a container to compare. The harness gives no interval for these ratios
 * (one density run per runtime), so the evidence says so.
 */
import type { DensitySummary } from '../../harness/results/format.js';
import { memoryCurveChartId } from '../charts/memory-vs-instances.js';
import { costBasis, densityGroups, MIB } from '../density-facts.js';
import { formatCount, formatFigure, formatMiB, formatRatio } from '../format-numbers.js';
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';
import { notMeasuredInThisRun, notMeasuredVerdict } from './not-measured.js';

/**
 * "Many more": at least this many containers per VM in the same memory. The chapter's "hundreds
 * of guests" against a handful of VMs is an order of magnitude; a 2× or 3× gap is real but is not
 * what it claims. Stated in the evidence so a reader can disagree.
 */
export const MANY_MORE_FACTOR = 10;

const notMeasured = notMeasuredInThisRun('C2');

type PairReading = 'many more' | 'more, but not many more' | 'costs as much as a VM';

function readRatio(ratio: number): PairReading {
  if (ratio >= MANY_MORE_FACTOR) return 'many more';
  return ratio > 1 ? 'more, but not many more' : 'costs as much as a VM';
}

/** "qemu-q35 (VM): PSS 192 MiB per instance, 6.06 per GiB, projected max 125 on this host". */
function figures(d: DensitySummary): string {
  const max = d.projectedMax === null ? '' : `, projected max ${formatCount(d.projectedMax)} on this host`;
  return `${d.runtime} (${d.kind === 'vm' ? 'VM' : 'container'}): PSS ${formatMiB(d.perInstance.pssBytes)} per instance, ${formatFigure(d.instancesPerGiB)} per GiB${max}`;
}

export function evaluateC2(run: RunData): ClaimVerdict {
  const density = run.summary.density ?? [];
  if (density.length === 0) return notMeasured(run);
  const chartId = memoryCurveChartId('system');
  const comparisons = run.summary.densityComparisons ?? [];
  if (comparisons.length === 0) {
    const ran = density
      .map((d) => `${d.runtime} (${d.kind === 'vm' ? 'VM' : 'container'}, ${formatFigure(d.instancesPerGiB)}/GiB)`)
      .join(', ');
    return {
      ...notMeasuredVerdict(
        'C2',
        `Not measured: no density scenario has both a VM and a container with a memory-per-instance figure, so there is no ratio. Density runs: ${ran}.`,
      ),
      chartId,
    };
  }
  const pairs = comparisons.map((c) => ({ c, reading: readRatio(c.ratio) }));
  const supported = pairs.every((p) => p.reading === 'many more');
  const ratios = comparisons.map((c) => c.ratio);
  const lines: string[] = [];
  if (supported) {
    lines.push(
      `Every container runtime fits at least ${MANY_MORE_FACTOR}× as many instances per GiB of host memory as every VM (threshold: ≥ ${MANY_MORE_FACTOR}×; ratios ${formatRatio(Math.min(...ratios))} to ${formatRatio(Math.max(...ratios))}). One density run per runtime: no confidence interval.`,
    );
  } else {
    const failing = pairs.filter((p) => p.reading !== 'many more');
    const asMuch = failing.filter((p) => p.reading === 'costs as much as a VM');
    lines.push(
      `Not every pair reaches the threshold of ≥ ${MANY_MORE_FACTOR}× as many containers as VMs per GiB: ${failing.length} of ${pairs.length} do not` +
        (asMuch.length > 0
          ? `, and ${[...new Set(asMuch.map((p) => p.c.container))].join(', ')} cost as much memory per instance as a VM or more.`
          : '.'),
    );
  }
  const several = new Set(comparisons.map((c) => c.scenario)).size > 1;
  const compared = density.filter((d) =>
    comparisons.some((c) => c.scenario === d.scenario && (c.vm === d.runtime || c.container === d.runtime)),
  );
  for (const d of compared) lines.push(`${several ? `${d.scenario}: ` : ''}${figures(d)}.`);
  for (const { c, reading } of pairs) {
    const verdict = reading === 'many more' ? '' : ` → ${reading}`;
    lines.push(
      `${several ? `${c.scenario}: ` : ''}${c.container} vs ${c.vm}: ${formatRatio(c.ratio)} as many instances per GiB${verdict}.`,
    );
  }
  const fromPss = density.filter((d) => costBasis(d) === 'summed PSS').map((d) => d.runtime);
  if (fromPss.length > 0) {
    lines.push(
      `${[...new Set(fromPss)].join(', ')}: host MemAvailable did not fall measurably as instances were added, so instances per GiB comes from the summed-PSS slope.`,
    );
  }
  const tcg = densityGroups(run).filter((g) => g.kind === 'vm' && g.accel === 'tcg');
  if (tcg.length > 0) {
    const configured = tcg
      .map((g) => g.summary?.perInstance.configuredBytes ?? null)
      .filter((b): b is number => b !== null)
      .map((b) => `${formatCount(b / MIB)} MiB`);
    lines.push(
      `Caveat: the VMs ran under TCG software emulation, whose translated-code buffer is part of QEMU's memory (a KVM guest has none)${configured.length > 0 ? `; guests were given ${[...new Set(configured)].join(', ')} of RAM` : ''}. A VM's cost also grows with the RAM it is given and uses.`,
    );
  }
  return {
    id: 'C2',
    claim: CLAIM_STATEMENTS.C2,
    verdict: supported ? 'supported' : 'not supported',
    evidence: lines.join('\n'),
    chartId,
  };
}
