/** The terminal lines of a provisioning scenario (claims C7, C8). */
import type { ProvisionRecord } from '../results/format.js';
import { METHOD_LABELS, summarizeProvisioning, TARGET_LABELS, type Estimate } from '../stats/summarize-provisioning.js';
import { formatDurationScaled } from '../format-duration.js';

const MIB = 1024 * 1024;
const mib = (b: number | null | undefined): string =>
  b === null || b === undefined ? '—' : b < MIB ? `${(b / 1024).toFixed(0)} KiB` : `${(b / MIB).toFixed(1)} MiB`;
const ms = (e: Estimate | null): string =>
  e === null
    ? '—'
    : `${formatDurationScaled(e.median)}${e.ci95 ? ` [95% CI ${formatDurationScaled(e.ci95[0])} … ${formatDurationScaled(e.ci95[1])}]` : ''}`;
const us = (v: number | undefined): string => (v === undefined ? '—' : formatDurationScaled(v / 1000));

export function formatProvisioning(records: readonly ProvisionRecord[]): string {
  if (records.length === 0) return '';
  const lines: string[] = [];
  for (const s of summarizeProvisioning(records)) {
    lines.push('', `Provisioning ${s.scenario} (claims C7, C8)`);
    if (s.base)
      lines.push(
        `  Base: ${mib(s.base.baseBytes)} in ${s.base.files} files on ${s.base.workFs}; spawning a process costs ${formatDurationScaled(s.base.spawnFloorMs)} of each time below (timed by ${s.base.timer ?? 'node'})`,
      );
    for (const m of s.methods) {
      if (m.notMeasured !== null) {
        lines.push(`  ${METHOD_LABELS[m.method]}: not measured: ${m.notMeasured}`);
        continue;
      }
      const start =
        m.start === null
          ? ''
          : `; ${m.start.runtime} started on a clone: ${m.start.outcome === 'ok' ? `ready in ${formatDurationScaled(m.start.startupMs ?? 0)}` : `${m.start.outcome} (${m.start.error})`}`;
      // Without its method record (an interrupted run) there is no total and no source to name.
      const sources = m.bytesSource ? ` (${m.bytesSource}; total ${mib(m.totalBytes)} by ${m.totalSource})` : '';
      lines.push(
        `  ${METHOD_LABELS[m.method]}: ${m.ok} made${m.failed ? `, ${m.failed} failed` : ''}; per instance ${ms(m.ms)} (+ sync ${m.syncMs ? formatDurationScaled(m.syncMs.median) : '—'}), ${mib(m.bytes?.median)}${sources}${start}`,
      );
    }
    for (const w of s.writes) {
      if (w.notMeasured !== null) {
        lines.push(`  First write, ${TARGET_LABELS[w.target]}: not measured: ${w.notMeasured}`);
        continue;
      }
      const r = w.firstOverSecond;
      const ratio = r === null ? '—' : `${r.ratio.toFixed(2)}×${r.ci95 ? ` [${r.ci95[0].toFixed(2)} … ${r.ci95[1].toFixed(2)}]` : ''}`;
      const open = w.openUs === null ? '' : `; open for writing ${us(w.openUs)}`;
      const x = w.excessOverControl;
      const excess =
        x === null ? '' : `, ${x.median.toFixed(2)}× the control's${x.ci95 ? ` [${x.ci95[0].toFixed(2)} … ${x.ci95[1].toFixed(2)}]` : ''}`;
      lines.push(
        `  First write, ${TARGET_LABELS[w.target]} (${w.rounds} rounds × ${w.blocks} × 4 KiB): first ${us(w.first?.median)} (p99 ${us(w.first?.p99)}), second ${us(w.second?.median)} (p99 ${us(w.second?.p99)}), first/second ${ratio}${excess}; unchanged reads ${us(w.read?.median)}${open}`,
      );
    }
  }
  return lines.join('\n');
}
