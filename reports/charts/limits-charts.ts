/**
 * The two charts of the limits section (claim C5): per runtime, the memory it was given against
 * the peak it reached and what the hog asked for; the CPU it was given against the share of a
 * core its loop got.
 */
import { MIB } from '../density-facts.js';
import { limitsSummaries } from '../limits-facts.js';
import type { LimitsSummary } from '../../harness/stats/summarize-limits.js';
import type { RunData } from '../report-input.js';
import { runtimeBarsChart } from './chart-shapes.js';
import { emptyChart, type ChartSpec, type DatasetJson } from './chart-spec.js';
import type { Palette } from './palette.js';

export const LIMITS_MEMORY_ID = 'limits-memory';
export const LIMITS_CPU_ID = 'limits-cpu';

const GIVEN_COLOR = '#adb5bd';
const GOT_COLOR = '#364fc7';
const ASKED_COLOR = '#e8590c';

function bars(label: string, values: (number | null)[], color: string, bytes = false): DatasetJson {
  return {
    label,
    data: values.map((v) => (v === null ? null : bytes ? v / MIB : v)),
    ...(bytes ? { bytes: values } : {}),
    backgroundColor: color,
    borderColor: color,
    borderWidth: 0,
    barPercentage: 0.85,
    categoryPercentage: 0.8,
  };
}

interface LimitsChart {
  id: string;
  title: string;
  subtitle: string;
  valueName: string;
  valueUnit: 'MiB' | 'cores';
  groups: LimitsSummary[];
  datasets: DatasetJson[];
}

/** Half-width bars per runtime on a linear axis: a limit and what was used sit side by side. */
function limitsBars(c: LimitsChart, withScenario: boolean, palette: Palette): ChartSpec {
  if (c.groups.length === 0) return emptyChart(c.id, c.title, 'This test did not run.');
  return runtimeBarsChart({ ...c, width: 'half', log: false, withScenario, palette });
}

export function buildLimitsCharts(run: RunData, palette: Palette, idPrefix = ''): ChartSpec[] {
  const all = limitsSummaries(run);
  if (all.length === 0) return [];
  const withScenario = new Set(all.map((s) => s.scenario)).size > 1;
  const mem = all.filter((s) => s.memory !== null);
  const cpu = all.filter((s) => s.cpu !== null);
  return [
    limitsBars(
      {
        id: idPrefix + LIMITS_MEMORY_ID,
        title: 'Memory: limit, peak and what the hog asked for',
        subtitle:
          "Per runtime: the memory it was given (a container's cgroup limit, a VM's RAM), the peak it reached (the cgroup's peak usage; for a VM, QEMU's peak RSS on the host, VmHWM), and what the memory hog tried to allocate. An unlimited container has no limit bar and no cgroup peak.",
        valueName: 'Memory',
        valueUnit: 'MiB',
        groups: mem,
        datasets: [
          bars(
            'given (limit / guest RAM)',
            mem.map((s) => s.limit.memoryBytes),
            GIVEN_COLOR,
            true,
          ),
          bars(
            'peak (cgroup / QEMU RSS)',
            mem.map((s) => s.memory!.peakBytes),
            GOT_COLOR,
            true,
          ),
          bars(
            'hog asked for',
            mem.map((s) => s.memory!.hogBytes),
            ASKED_COLOR,
            true,
          ),
        ],
      },
      withScenario,
      palette,
    ),
    limitsBars(
      {
        id: idPrefix + LIMITS_CPU_ID,
        title: 'CPU: quota given and share of a core used',
        subtitle:
          "Per runtime: the CPU it was given (a container's cgroup quota in cores, a VM's vCPUs; none for an unlimited container) and what its CPU-bound loop got: CPU time ÷ wall time over the loop (median of the samples), from the cgroup's counter, else from the host processes' utime + stime (a VM: QEMU's).",
        valueName: 'CPU',
        valueUnit: 'cores',
        groups: cpu,
        datasets: [
          bars(
            'given (quota / vCPUs)',
            cpu.map((s) => s.limit.cpus),
            GIVEN_COLOR,
          ),
          bars(
            'used (CPU time ÷ wall)',
            cpu.map((s) => s.cpu!.share),
            GOT_COLOR,
          ),
        ],
      },
      withScenario,
      palette,
    ),
  ];
}
