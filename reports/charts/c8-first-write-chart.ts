/**
 * Claim C8's chart: per first-write target (a plain file as the control, then each kind of
 * clone) the median latency of the first and the second 4 KiB write to the same blocks and of
 * reads of unchanged blocks; the p99s and the first/second ratio with its CI are in the table.
 */
import { provisioningSummaries } from '../provisioning-facts.js';
import type { RunData } from '../report-input.js';
import { TARGET_LABELS } from '../../harness/stats/summarize-provisioning.js';
import { bars, categoryBarsChart } from './category-bars.js';
import { emptyChart, type ChartSpec } from './chart-spec.js';

export const FIRST_WRITE_ID = 'provisioning-first-write';

export function buildFirstWriteChart(run: RunData, idPrefix = ''): ChartSpec[] {
  const all = provisioningSummaries(run);
  if (all.length === 0) return [];
  const withScenario = all.length > 1;
  const writes = all.flatMap((s) => s.writes.filter((w) => w.notMeasured === null).map((w) => ({ s, w })));
  if (writes.length === 0)
    return [emptyChart(idPrefix + FIRST_WRITE_ID, "First write to a clone's block", 'The first-write test did not run on any target.')];
  const ms = (v: number | undefined): number | null => (v === undefined ? null : v / 1000);
  return [
    categoryBarsChart({
      id: idPrefix + FIRST_WRITE_ID,
      title: 'First and second write to a block, unchanged reads, and the open for writing',
      subtitle:
        "Median latency of one 4 KiB operation per target: the first write to each of K blocks of pre-existing data, a second write to the same blocks, and reads of blocks left unchanged (after the writes). O_DIRECT (vmbench-cowprobe) on the host's file systems; qemu-io with cache=none on the qcow2 overlay (the qcow2 layer without a guest). On overlayfs the copy-up happens at open for writing, before the first write: the purple bar (open(O_RDWR), median over the rounds; qemu-io does not time it).",
      valueName: 'Latency',
      valueUnit: 'ms',
      categoryName: 'Target',
      log: true,
      labels: writes.map(({ s, w }) => (withScenario ? `${s.scenario} / ${TARGET_LABELS[w.target]}` : TARGET_LABELS[w.target])),
      datasets: [
        bars(
          'first write (median)',
          writes.map(({ w }) => ms(w.first?.median)),
          '#e8590c',
        ),
        bars(
          'second write (median)',
          writes.map(({ w }) => ms(w.second?.median)),
          '#364fc7',
        ),
        bars(
          'unchanged read (median)',
          writes.map(({ w }) => ms(w.reread?.median)),
          '#adb5bd',
        ),
        // overlayfs copies the whole file up here: this bar is what its first write really costs.
        bars(
          'open for writing (median of rounds)',
          writes.map(({ w }) => ms(w.openUs ?? undefined)),
          '#862e9c',
        ),
      ],
    }),
  ];
}
