/**
 * The two provisioning tables as plain cells, shared by the HTML section and summary.md: per
 * method (claim C7) and per first-write target (claim C8). Numbers formatted once, here.
 */
import { METHOD_LABELS, TARGET_LABELS, type Estimate, type ProvisioningSummary } from '../harness/stats/summarize-provisioning.js';
import { formatDurationMs, formatDurationScaled } from '../harness/format-duration.js';
import { formatBytes, formatMsInterval, formatRatio, formatRatioInterval } from './format-numbers.js';

export const METHOD_COLUMNS = [
  'Method',
  'Instances',
  'Time per instance (median)',
  '95% CI',
  'Sync after (median)',
  'Bytes per instance (median)',
  'Total ÷ instances (second reading)',
  'Set-up',
  'Instance started on a clone',
];
export const WRITE_COLUMNS = [
  'Target',
  'Tool',
  'Rounds × blocks',
  'First write median / p99',
  'Second write median / p99',
  'First ÷ second (95% CI; rounds)',
  'Over the control (per round)',
  'Unchanged read median (before / after)',
  'Open for writing',
  'Bytes of its own after',
];

const us = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatDurationScaled(v / 1000));
const ms = (e: Estimate | null): string => (e === null ? '—' : formatDurationMs(e.median));

export function methodRows(s: ProvisioningSummary): string[][] {
  return s.methods.map((m) => {
    if (m.notMeasured !== null) return [METHOD_LABELS[m.method], '—', `not measured: ${m.notMeasured}`, '', '', '', '', '', ''];
    const start =
      m.start === null
        ? 'none of that kind in the scenario'
        : m.start.outcome === 'ok'
          ? `${m.start.runtime}: ready in ${formatDurationMs(m.start.startupMs)}`
          : `${m.start.runtime}: ${m.start.outcome} (${m.start.error ?? ''})`;
    return [
      METHOD_LABELS[m.method],
      `${m.ok}${m.failed ? ` (+${m.failed} failed: ${m.firstError ?? ''})` : ''}`,
      ms(m.ms),
      formatMsInterval(m.ms?.ci95),
      ms(m.syncMs),
      formatBytes(m.bytes?.median),
      formatBytes(m.totalPerInstance),
      formatDurationMs(m.setupMs),
      start,
    ];
  });
}

/** How each method's two byte readings were taken, and how its storage was set up: one line each, under the table. */
export function methodNotes(s: ProvisioningSummary): string[] {
  return s.methods
    .filter((m) => m.notMeasured === null && m.bytesSource)
    .map(
      (m) =>
        `${METHOD_LABELS[m.method]}: made by ${m.command}; bytes per instance by ${m.bytesSource}; the total by ${m.totalSource}${m.detail ? `; the btrfs ${m.detail}` : ''}.`,
    );
}

export function writeRows(s: ProvisioningSummary): string[][] {
  return s.writes.map((w) => {
    if (w.notMeasured !== null) return [TARGET_LABELS[w.target], w.tool, '—', `not measured: ${w.notMeasured}`, '', '', '', '', '', ''];
    const r = w.firstOverSecond;
    const spread =
      w.roundRatios.length > 1 ? `; ${formatRatio(Math.min(...w.roundRatios))} … ${formatRatio(Math.max(...w.roundRatios))}` : '';
    const x = w.excessOverControl;
    return [
      TARGET_LABELS[w.target],
      w.tool,
      `${w.rounds} × ${w.blocks} × 4 KiB`,
      `${us(w.first?.median)} / ${us(w.first?.p99)}`,
      `${us(w.second?.median)} / ${us(w.second?.p99)}`,
      r === null ? '—' : `${formatRatio(r.ratio)} (${formatRatioInterval(r.ci95)}${spread})`,
      x === null ? '—' : `${formatRatio(x.median)} (${formatRatioInterval(x.ci95)})`,
      `${us(w.read?.median)} / ${us(w.reread?.median)}`,
      w.openUs === null ? '—' : `${us(w.openUs)}${w.target === 'overlay' ? ` (copies up the whole ${formatBytes(w.fileBytes)} file)` : ''}`,
      formatBytes(w.bytesAfter),
    ];
  });
}

export function baseLine(s: ProvisioningSummary): string {
  const b = s.base;
  if (b === null) return 'The base was not recorded.';
  return `Base: ${formatBytes(b.baseBytes)} in ${b.files} files (the guest image's root plus generated files), made in ${formatDurationMs(b.setupMs)}, on a ${b.workFs} file system (stat -f). Every time includes spawning the command, ${b.timer === 'vmbench-timed' ? 'timed by vmbench-timed (posix_spawn from a small C parent, not from the harness)' : 'timed from the harness itself (vmbench-timed was not built: each spawn costs a few ms more)'}: a spawn costs ${formatDurationMs(b.spawnFloorMs)} that way (median of spawning true).`;
}
