/**
 * Claim C7's charts: per provisioning method the time to make one instance (median) and the
 * bytes one instance takes (the method's own reading and the total's second reading ÷ instances).
 * Log scales: a full copy and a snapshot differ by orders of magnitude.
 */
import { MIB } from '../density-facts.js';
import { provisioningSummaries } from '../provisioning-facts.js';
import type { RunData } from '../report-input.js';
import { METHOD_LABELS } from '../../harness/stats/summarize-provisioning.js';
import { bars, categoryBarsChart } from './category-bars.js';
import { emptyChart, type ChartSpec } from './chart-spec.js';

export const PROVISIONING_TIME_ID = 'provisioning-time';
export const PROVISIONING_SPACE_ID = 'provisioning-space';

export function buildProvisioningCharts(run: RunData, idPrefix = ''): ChartSpec[] {
  const all = provisioningSummaries(run);
  if (all.length === 0) return [];
  const withScenario = all.length > 1;
  const methods = all.flatMap((s) => s.methods.filter((m) => m.notMeasured === null && m.ms !== null).map((m) => ({ s, m })));
  const labels = methods.map(({ s, m }) => (withScenario ? `${s.scenario} / ${METHOD_LABELS[m.method]}` : METHOD_LABELS[m.method]));
  if (methods.length === 0) {
    return [emptyChart(idPrefix + PROVISIONING_TIME_ID, 'Time to make one instance', 'No method made an instance in this run.')];
  }
  const bytes = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v / MIB);
  return [
    categoryBarsChart({
      id: idPrefix + PROVISIONING_TIME_ID,
      title: "Time to make one instance's root file system",
      subtitle:
        'Median per method of the command that makes one instance (cp -a; mkdir + mount -t overlay; btrfs subvolume snapshot; qemu-img create), its process spawn included, and of the syncfs that followed it (not part of the first). The 95% CIs are in the table.',
      valueName: 'Time',
      valueUnit: 'ms',
      categoryName: 'Method',
      labels,
      log: true,
      datasets: [
        bars(
          'make (median)',
          methods.map(({ m }) => m.ms!.median),
          '#364fc7',
        ),
        bars(
          'sync after it (median)',
          methods.map(({ m }) => m.syncMs?.median ?? null),
          '#adb5bd',
        ),
      ],
    }),
    categoryBarsChart({
      id: idPrefix + PROVISIONING_SPACE_ID,
      title: 'Space one instance takes',
      subtitle:
        "Per method: the bytes one instance adds by the method's own tool (du of the copy or of the overlay's upper + work dirs; btrfs exclusive bytes; qcow2 actual-size), median, and a second reading of all instances together divided by their number (du over all; the btrfs's statfs growth, metadata included). An exclusive size of 0 has no bar on the log scale.",
      valueName: 'Space',
      valueUnit: 'MiB',
      categoryName: 'Method',
      labels,
      log: true,
      datasets: [
        bars(
          "per instance (method's tool, median)",
          methods.map(({ m }) => bytes(m.bytes?.median)),
          '#364fc7',
          { bytes: methods.map(({ m }) => m.bytes?.median ?? null) },
        ),
        bars(
          'total ÷ instances (second reading)',
          methods.map(({ m }) => bytes(m.totalPerInstance)),
          '#e8590c',
          { bytes: methods.map(({ m }) => m.totalPerInstance) },
        ),
      ],
    }),
  ];
}
