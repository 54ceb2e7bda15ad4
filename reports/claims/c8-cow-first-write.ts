/**
 * C8: The first write to a block of a COW snapshot is slower; later writes and unchanged reads
 * are not affected. Decided from a provisioning scenario's first-write test: a plain file (a
 * full copy of the same data) is the control, run the same way, so what every first write pays
 * on this disk (the order of the phases, the host's own storage) is not blamed on copy-on-write.
 * The btrfs snapshot's control is a plain file on the same btrfs (same loop device, same file
 * system), so btrfs's own cost is not blamed on the snapshot either.
 * The test runs in rounds, each on a fresh clone of every target, targets one after another; a
 * round's ratio is median(first) ÷ median(second) of its operations. A clone keeps the claim when
 *  - its first write is slower: a block-level clone (btrfs, qcow2) has a ratio at least
 *    EXCESS_OVER_CONTROL times the control's of the same round (median over the rounds), the
 *    lower end of its 95% CI over the rounds above 1; overlayfs copies up per
 *    file, not per block, so its first write is the open for writing that copies the whole file:
 *    at least COPY_UP_FACTOR times the control's median second write;
 *  - later writes and unchanged reads are not: their medians within UNAFFECTED_FACTOR of the
 *    control's. Not scored for qcow2, measured with qemu-io on the image (a user-space block
 *    layer, not a file system path comparable with the control): reported only.
 */
import { CONTROL_OF, TARGET_LABELS, type CowSummary, type ProvisioningSummary } from '../../harness/stats/summarize-provisioning.js';
import { formatDurationScaled } from '../../harness/format-duration.js';
import { FIRST_WRITE_ID } from '../charts/c8-first-write-chart.js';
import { formatBytes, formatRatio, formatRatioInterval } from '../format-numbers.js';
import { hasProvisioning, provisioningSummaries } from '../provisioning-facts.js';
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';
import { notMeasuredInThisRun, notMeasuredVerdict } from './not-measured.js';

export const EXCESS_OVER_CONTROL = 1.25;
export const COPY_UP_FACTOR = 10;
export const UNAFFECTED_FACTOR = 2;

const notMeasured = notMeasuredInThisRun('C8');
const us = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatDurationScaled(v / 1000));

interface Check {
  target: CowSummary['target'];
  pass: boolean;
  text: string;
}

function ratioText(w: CowSummary): string {
  const r = w.firstOverSecond;
  if (r === null) return '—';
  const spread =
    w.roundRatios.length > 1 ? `, rounds ${formatRatio(Math.min(...w.roundRatios))} to ${formatRatio(Math.max(...w.roundRatios))}` : '';
  return `${formatRatio(r.ratio)} (95% CI ${formatRatioInterval(r.ci95)}${spread})`;
}

/** What the clone held of its own after the writes says how it copied: btrfs a 4 KiB extent per block, qcow2 a cluster. */
function howItCopied(w: CowSummary): string {
  if (w.bytesAfter === null || w.blocks === 0) return '';
  const per = w.bytesAfter / w.blocks;
  const held = `${formatBytes(w.bytesAfter)} of its own after (${formatBytes(per)} per written block`;
  // Only what the bytes show is said: a 4 KiB extent per block is a copy of nothing beyond the block itself.
  if (w.target === 'btrfs')
    return `; the snapshot held ${held}${per <= 8192 ? ': each whole-block write went to a new 4 KiB extent, copying nothing else' : ''})`;
  if (w.target === 'qcow2')
    return `; the overlay held ${held}${per >= 32768 ? ': each first write allocated a qcow2 cluster and filled the rest of it from the backing file' : ''})`;
  return '';
}

function firstWriteSlower(w: CowSummary, control: CowSummary): { slower: boolean; text: string } {
  if (w.target === 'overlay') {
    const copyUp = w.openUs ?? 0; // the median over the rounds
    const slower = copyUp >= COPY_UP_FACTOR * control.second!.median;
    const rate = w.openUs ? ` (${(w.fileBytes / (w.openUs / 1e6) / 1e6).toFixed(0)} MB/s)` : '';
    return {
      slower,
      text: `overlayfs copies up per file, not per block: opening the ${formatBytes(w.fileBytes)} file for writing copied all of it to the upper dir in ${us(w.openUs)}${rate} (median of ${w.rounds} rounds), ${formatRatio(copyUp / control.second!.median)} the control's second write (upper dir holds ${formatBytes(w.bytesAfter)} after); after that the per-block first/second ratio is ${ratioText(w)}, the control's ${ratioText(control)}`,
    };
  }
  const x = w.excessOverControl;
  const slower = x !== null && x.median >= EXCESS_OVER_CONTROL && (x.ci95 === null || x.ci95[0] > 1);
  const excess =
    x === null
      ? 'no round to compare with the control'
      : `${formatRatio(x.median)} the control's ratio (95% CI ${formatRatioInterval(x.ci95)}, ${x.n} rounds)`;
  return {
    slower,
    text: `first ${us(w.first!.median)} (p99 ${us(w.first!.p99)}) vs second ${us(w.second!.median)} (p99 ${us(w.second!.p99)}): ratio ${ratioText(w)}, ${excess}${howItCopied(w)}`,
  };
}

function check(w: CowSummary, control: CowSummary, detail: string | null): Check {
  const first = firstWriteSlower(w, control);
  const parts = [
    (detail ? `the btrfs ${detail}; ` : '') + first.text + (first.slower ? '' : ' → the first write is not measurably slower'),
  ];
  let pass = first.slower;
  if (w.target === 'qcow2') {
    parts.push(
      `later writes ${us(w.second!.median)} and unchanged reads ${us(w.reread?.median)} through qemu-io (reported, not compared with the control's file-system path)`,
    );
  } else {
    const later = w.second!.median / control.second!.median;
    const reads = (w.reread?.median ?? Infinity) / (control.reread?.median ?? 1);
    const ok = later <= UNAFFECTED_FACTOR && reads <= UNAFFECTED_FACTOR;
    pass &&= ok;
    parts.push(
      `later writes ${formatRatio(later)} and unchanged reads ${formatRatio(reads)} the control's${ok ? '' : ` → affected (more than ${UNAFFECTED_FACTOR}×)`}`,
    );
  }
  return {
    target: w.target,
    pass,
    text: `${TARGET_LABELS[w.target]} (${w.rounds} rounds of ${w.blocks} blocks, ${w.tool}): ${parts.join('; ')}.`,
  };
}

function evaluateScenario(s: ProvisioningSummary): { checks: Check[]; lines: string[]; control: CowSummary | undefined } {
  const control = s.writes.find((w) => w.target === 'plain' && w.notMeasured === null && w.first && w.second);
  const lines = s.writes.filter((w) => w.notMeasured !== null).map((w) => `${TARGET_LABELS[w.target]}: not measured: ${w.notMeasured}`);
  if (!control) return { checks: [], lines, control };
  lines.unshift(
    `Control, a plain file on the host's file system: first write ${us(control.first!.median)} (p99 ${us(control.first!.p99)}), second ${us(control.second!.median)} (p99 ${us(control.second!.p99)}), ratio ${ratioText(control)}; unchanged reads ${us(control.reread?.median)}.`,
  );
  const clones = s.writes.filter((w) => CONTROL_OF[w.target] !== null && w.notMeasured === null && w.first && w.second);
  const btrfsDetail = s.methods.find((m) => m.method === 'btrfs')?.detail ?? null;
  const btrfsControl = s.writes.find((w) => w.target === 'btrfs-plain' && w.notMeasured === null && w.first && w.second);
  if (btrfsControl)
    lines.push(
      `Control of the btrfs snapshot, a plain file on the same btrfs: first write ${us(btrfsControl.first!.median)}, second ${us(btrfsControl.second!.median)}, ratio ${ratioText(btrfsControl)}; unchanged reads ${us(btrfsControl.reread?.median)}.`,
    );
  return {
    checks: clones.map((w) =>
      check(w, w.target === 'btrfs' && btrfsControl ? btrfsControl : control, w.target === 'btrfs' ? btrfsDetail : null),
    ),
    lines,
    control,
  };
}

export function evaluateC8(run: RunData): ClaimVerdict {
  if (!hasProvisioning(run)) return notMeasured(run);
  const results = provisioningSummaries(run).map(evaluateScenario);
  const checks = results.flatMap((r) => r.checks);
  const why = results.flatMap((r) => r.lines).join(' ');
  if (results.every((r) => !r.control))
    return {
      ...notMeasuredVerdict('C8', `Not measured: the first-write test has no control (a plain file) in this run. ${why}`),
      chartId: FIRST_WRITE_ID,
    };
  if (checks.length === 0)
    return {
      ...notMeasuredVerdict('C8', `Not measured: the first-write test ran on no copy-on-write clone. ${why}`),
      chartId: FIRST_WRITE_ID,
    };
  const failing = checks.filter((c) => !c.pass);
  const supported = failing.length === 0;
  const head = supported
    ? "On every clone measured the first write to a block cost more than a second write to it, beyond what the control file shows, while later writes and unchanged reads stayed near the control's. On overlayfs that cost is per file: the whole file is copied up when it is first opened for writing."
    : `Not on every clone: ${failing.map((c) => TARGET_LABELS[c.target]).join(', ')} (see below).`;
  return {
    id: 'C8',
    claim: CLAIM_STATEMENTS.C8,
    verdict: supported ? 'supported' : 'not supported',
    evidence: [head, ...results.flatMap((r) => r.lines), ...checks.map((c) => c.text)].join('\n'),
    chartId: FIRST_WRITE_ID,
  };
}
