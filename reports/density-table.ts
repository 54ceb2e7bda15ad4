/**
 * The per-runtime measures of a density scenario as data: each row's label, how it is measured,
 * its short column title, and its figure (main text and a note) for one runtime. The HTML
 * "Memory and density" table (runtimes as columns) and the Markdown summary (runtimes as rows)
 * both render these figures, so the two reports cannot disagree on one.
 */
import type { DensitySummary, HarnessCpu, LinearFit } from '../harness/results/format.js';
import { harnessCpuFraction } from '../harness/stats/harness-cpu.js';
import { MEMORY_METHODS } from './charts/memory-methods.js';
import { costBasis, MIB, type DensityGroup } from './density-facts.js';
import { formatBytes, formatCount, formatFigure, formatMiB, formatWithError } from './format-numbers.js';
import { formatDurationMs } from '../harness/format-duration.js';
import type { NotedFigure } from './ksm-table.js';

export const DASH = '—';

export interface DensityMeasure {
  key: string;
  label: string;
  how: string | null;
  /** The column title in the Markdown summary (where runtimes are rows). */
  column: string;
  figure: (d: DensitySummary, g: DensityGroup) => NotedFigure & { strong?: boolean };
  /** Text cells (the stop reason) are left-aligned and may wrap. */
  text?: boolean;
}

const plain = (main: string, note: string | null = null): NotedFigure => ({ main, note });

function formatHarnessCpu(cpu: HarnessCpu | null): NotedFigure {
  if (cpu === null) return plain(DASH, 'not recorded');
  const fraction = harnessCpuFraction(cpu);
  const launcher = cpu.launcherMs === null ? 'launcher not recorded' : `launcher ${formatDurationMs(cpu.launcherMs)}`;
  return plain(
    fraction === null ? DASH : `${Math.round(fraction * 100)} %`,
    `Node ${formatDurationMs(cpu.nodeMs)} + ${launcher} over ${formatDurationMs(cpu.wallMs)}`,
  );
}

/** "169 ± 61.4 MiB" (per instance) and, below it, "r² 0.883 · n = 3". */
export function formatMemoryFit(fit: LinearFit | null): NotedFigure {
  if (fit === null) return { main: DASH, note: null };
  const se = fit.slopeStdErr === null ? null : fit.slopeStdErr / MIB;
  return { main: formatWithError(fit.slope / MIB, se, 'MiB'), note: `r² ${formatFigure(fit.r2)} · n = ${fit.n}` };
}

/** "354 ± 179 ms" (per running instance) and "r² 0.796 · n = 3". */
export function formatStartupFit(fit: LinearFit | null): NotedFigure {
  if (fit === null) return { main: DASH, note: null };
  return { main: formatWithError(fit.slope, fit.slopeStdErr, 'ms'), note: `r² ${formatFigure(fit.r2)} · n = ${fit.n}` };
}

export function basisNote(d: DensitySummary): string | null {
  const basis = costBasis(d);
  return basis === null ? null : `from the ${basis} slope`;
}

const STOP_REASONS: Record<DensitySummary['stopReason'], string> = {
  max: 'maximum reached',
  reserve: 'memory reserve',
  'startup-limit': 'startup too slow',
  failures: 'launches failed',
  interrupted: 'interrupted',
};

export const DENSITY_MEASURES: ReadonlyArray<{ title: string; rows: DensityMeasure[] }> = [
  {
    title: 'Run',
    rows: [
      {
        key: 'instances',
        label: 'Instances reached',
        column: 'Instances',
        how: 'Idle instances running together when the run stopped adding them.',
        figure: (d) => plain(formatCount(d.instances)),
      },
      {
        key: 'stop',
        label: 'Stop reason',
        column: 'Stopped because',
        how: null,
        text: true,
        figure: (d) => ({ main: STOP_REASONS[d.stopReason] ?? d.stopReason, note: d.stopDetail, strong: true }),
      },
    ],
  },
  {
    title: 'Memory per instance, MiB (median over the instances)',
    rows: [
      ...MEMORY_METHODS.map((m): DensityMeasure => ({
        key: m.key,
        label: m.label,
        column: m.label,
        how: m.how,
        figure: (d) => plain(formatMiB(d.perInstance[m.field])),
      })),
      {
        key: 'overhead',
        label: 'Overhead (PSS − inside)',
        column: 'Overhead (PSS − inside)',
        how: 'Host cost beyond the workload’s own use: QEMU and the guest kernel for a VM, the runtime for a container. Negative: no overhead measurable, the two readings differ by more.',
        figure: (d) => plain(formatMiB(d.overheadBytes)),
      },
    ],
  },
  {
    title: 'Marginal cost of one more instance, MiB (slope ± standard error of a straight line over instances running)',
    rows: [
      {
        key: 'marginal-system',
        label: 'Host memory used (MemAvailable)',
        column: 'Marginal MiB/instance: MemAvailable',
        how: 'Baseline MemAvailable − MemAvailable at each step.',
        figure: (d) => formatMemoryFit(d.marginalSystem),
      },
      {
        key: 'marginal-pss',
        label: 'Summed PSS',
        column: 'Marginal MiB/instance: summed PSS',
        how: 'PSS of all running instances, read every few steps.',
        figure: (d) => formatMemoryFit(d.marginalPss),
      },
    ],
  },
  {
    title: 'Density',
    rows: [
      {
        key: 'per-gib',
        label: 'Instances per GiB',
        column: 'Instances per GiB',
        how: '1 GiB ÷ marginal cost (MemAvailable slope; the summed-PSS slope when MemAvailable did not fall).',
        figure: (d) => plain(formatFigure(d.instancesPerGiB), basisNote(d)),
      },
      {
        key: 'projected-max',
        label: 'Projected maximum on this host',
        column: 'Projected max',
        how: '(Baseline MemAvailable − reserve) ÷ marginal cost: memory only, CPU not counted.',
        figure: (d, g) =>
          plain(
            d.projectedMax === null ? DASH : formatCount(d.projectedMax),
            g.end === null ? null : `reserve ${formatBytes(g.end.reserveBytes)}`,
          ),
      },
    ],
  },
  {
    title: 'Time',
    rows: [
      {
        key: 'startup-slope',
        label: 'Startup slope, ms per running instance',
        column: 'Startup slope, ms per running instance',
        how: 'Startup of each new instance vs instances running: slope ± standard error of a straight line.',
        figure: (d) => formatStartupFit(d.startupVsN),
      },
      {
        key: 'teardown',
        label: 'Teardown of all instances',
        column: 'Teardown of all',
        how: 'Stopping every instance of the run, up to 16 at a time, until all were gone.',
        figure: (d, g) =>
          g.end === null
            ? plain(DASH, 'not measured: no end record')
            : plain(formatDurationMs(d.teardownMs), `${formatCount(d.instances)} instances`),
      },
    ],
  },
  {
    title: 'Harness',
    rows: [
      {
        key: 'harness-rss',
        label: 'Harness peak RSS',
        column: 'Harness peak RSS',
        how: 'The harness’s own resident memory during this runtime’s run: part of the MemAvailable figures.',
        figure: (d) => plain(formatMiB(d.harnessPeakRssBytes)),
      },
      {
        key: 'harness-cpu',
        label: 'Harness CPU over the launch loop',
        column: 'Harness CPU',
        how: 'CPU time of the harness’s Node process (process.cpuUsage) and of its native launcher (/proc, 10 ms ticks) from the first launch to the last step, against that loop’s wall time.',
        figure: (d) => formatHarnessCpu(d.harnessCpu ?? null),
      },
    ],
  },
];
