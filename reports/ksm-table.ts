/**
 * The KSM before/after table as data, one row per runtime that ran KSM: the HTML section and the
 * Markdown summary both render these cells, so the two reports cannot disagree on a figure.
 */
import type { KsmResult } from '../harness/results/format.js';
import { formatDurationMs } from '../harness/format-duration.js';
import type { DensityGroup } from './density-facts.js';
import { formatBytes, formatCount, formatMiB, threeSignificant } from './format-numbers.js';

const DASH = '—';

export const KSM_EXPLANATION =
  'After the last launch KSM was switched on (fast scanning) until merging settled or timed out, then switched back. QEMU marks guest RAM as mergeable, so identical guests can share pages; container processes do not ask for it, and the files they share are already shared through the page cache. MemAvailable also moves with everything else on the host: a change of a few MiB is noise.';

export const KSM_COLUMNS = [
  'Runtime',
  'Instances',
  'KSM settled',
  'Pages sharing',
  'Summed PSS before → after',
  'PSS saved',
  'MemAvailable change',
] as const;

/** A figure and the smaller note under it (null: no note). */
export interface NotedFigure {
  main: string;
  note: string | null;
}

export interface KsmRow {
  group: DensityGroup;
  instances: string;
  settled: boolean;
  waited: string;
  pagesSharing: string;
  pssBeforeAfter: string;
  pssSaved: NotedFigure;
  memAvailableChange: NotedFigure;
}

function signedMiB(bytes: number): string {
  return bytes > 0 ? `+${formatMiB(bytes)}` : formatMiB(bytes);
}

function ksmRow(g: DensityGroup, k: KsmResult): KsmRow {
  const pssSaved = k.pssTotalBeforeBytes === null || k.pssTotalAfterBytes === null ? null : k.pssTotalBeforeBytes - k.pssTotalAfterBytes;
  const share = pssSaved === null || k.pssTotalBeforeBytes === null || k.pssTotalBeforeBytes <= 0 ? null : pssSaved / k.pssTotalBeforeBytes;
  return {
    group: g,
    instances: g.summary === null ? DASH : formatCount(g.summary.instances),
    settled: k.settled,
    waited: `after ${formatDurationMs(k.waitedMs)}`,
    pagesSharing: formatCount(k.pagesSharing),
    pssBeforeAfter: `${formatMiB(k.pssTotalBeforeBytes)} → ${formatMiB(k.pssTotalAfterBytes)}`,
    pssSaved: { main: share === null ? DASH : `${threeSignificant(share * 100)}%`, note: pssSaved === null ? null : formatMiB(pssSaved) },
    memAvailableChange: {
      main: signedMiB(k.memAvailableAfterBytes - k.memAvailableBeforeBytes),
      note: `${formatBytes(k.memAvailableBeforeBytes)} → ${formatBytes(k.memAvailableAfterBytes)}`,
    },
  };
}

/** Rows of the runtimes that ran KSM, in group order; empty when none did. */
export function ksmRows(groups: readonly DensityGroup[]): KsmRow[] {
  return groups.flatMap((g) => {
    const k = g.summary?.ksm ?? g.end?.ksm ?? null;
    return k === null ? [] : [ksmRow(g, k)];
  });
}
