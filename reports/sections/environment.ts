/**
 * Every field of env.json and run.json, flattened to dotted paths. Written generically so a field
 * added to the format later still shows up; known fields get units and a one-line explanation.
 */
import { html, type SafeHtml } from '../escape.js';
import { formatBytes, formatNs, formatTimestamp } from '../format-numbers.js';
import { formatDurationMs, formatDurationScaled } from '../../harness/format-duration.js';
import type { HarnessCpu } from '../../harness/results/format.js';
import { harnessCpuFraction } from '../../harness/stats/harness-cpu.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

type Formatter = (value: number) => string;

const UNIT_FORMATTERS: Record<string, Formatter> = {
  memTotalBytes: formatBytes,
  'harness.peakRssBytes': formatBytes,
  'harness.timerOverheadNs': formatNs,
  'harness.markerScanNs': formatNs,
  'harness.eventLoopDelayP99Ms': formatDurationMs,
  'harness.launchFloorMs': formatDurationMs,
  'harness.cpu.nodeMs': formatDurationMs,
  'harness.cpu.launcherMs': formatDurationMs,
  'harness.cpu.wallMs': formatDurationMs,
  'harness.leanFloorMs': formatDurationMs,
  'kvm.bootMs': formatDurationMs,
  'fingerprint.swapTotalBytes': formatBytes,
  'fingerprint.swapUsedBytes': formatBytes,
  'fingerprint.memAvailableBytes': formatBytes,
  'fingerprint.pageCache.cachedBytes': formatBytes,
  'fingerprint.pageCache.buffersBytes': formatBytes,
  'fingerprint.pageCache.dirtyBytes': formatBytes,
};

const HINTS: Record<string, string> = {
  hostVirtualization: 'what the host itself runs on ("none" = bare metal)',
  'fingerprint.cpuGovernor': 'cpufreq governor of every CPU (empty: no cpufreq, as in most VMs)',
  'fingerprint.thp': 'transparent huge pages mode: vmbench compare names a difference',
  'fingerprint.pageCache.cachedBytes': 'page cache before the first launch (a cold cache slows first launches)',
  'kvm.devicePresent': '/dev/kvm exists and opens read-write',
  'kvm.bootOk': 'a probe guest reached init under -accel kvm',
  'kvm.reason': 'why KVM is not used, when it is not',
  'kvm.modules': 'host kernel modules providing /dev/kvm',
  'harness.timerOverheadNs': 'cost of one monotonic clock read',
  'harness.markerScanNs': 'cost of scanning one console chunk for the ready marker',
  'harness.eventLoopDelayP99Ms': 'how late a timestamp can be (event-loop delay p99 while measuring)',
  'harness.peakRssBytes': 'peak memory of the harness process',
  'harness.cpu.nodeMs': "CPU time of the harness's Node process over the whole run",
  'harness.cpu.launcherMs': 'CPU time of vmbench-launcher over the whole run (10 ms ticks)',
  'harness.cpu.wallMs': 'wall time of the whole run, from the process start',
  'harness.launchFloorMs': 'launch → first output byte of a static echo: the spawn cost included in every startup',
  'harness.leanFloorMs': 'the same echo through a lean C launcher (lean-launch.c): the floor no harness goes below here',
  'harness.launcher.kind': 'native = vmbench-launcher (C) spawns and timestamps instances; node = child_process.spawn',
  'harness.launcher.reason': 'why the native launcher was not used, when it was not',
  loadAvgAtStart: '1, 5 and 15 minute load average when the run started',
  cgroupMode: 'cgroup hierarchy: v1, v2 or hybrid',
  hostTscKhz: 'host TSC rate (kHz) passed to microvm guests under TCG as tsc_early_khz',
};

interface Field {
  path: string;
  value: string;
}

function show(path: string, value: unknown): string {
  if (value === null || value === undefined) return '— (not available)';
  const unit = UNIT_FORMATTERS[path];
  if (typeof value === 'number' && unit !== undefined) return `${unit(value)} (${value})`;
  if (typeof value === 'string' && /At$/.test(path)) return `${formatTimestamp(value)} (${value})`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value.every((v) => v === null || typeof v !== 'object') ? value.map(String).join(', ') : JSON.stringify(value);
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
    ? String(value)
    : JSON.stringify(value);
}

export function flattenFields(value: unknown, prefix = ''): Field[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flattenFields(v, prefix === '' ? k : `${prefix}.${k}`));
  }
  return [{ path: prefix, value: show(prefix, value) }];
}

function fieldList(fields: readonly Field[]): SafeHtml {
  return html`<dl class="env">${fields.map(
    (f) =>
      html`<dt>${f.path}</dt><dd>${f.value}${HINTS[f.path] === undefined ? null : html` <span class="hint">— ${HINTS[f.path]}</span>`}</dd>`,
  )}</dl>`;
}

/** "7 % (Node 12.1 s + launcher 1.30 s over 190 s)": what the harness took from the cores the instances ran on. */
function formatWholeRunCpu(cpu: HarnessCpu | null): string {
  const fraction = cpu === null ? null : harnessCpuFraction(cpu);
  if (cpu === null || fraction === null) return 'not recorded';
  const launcher = cpu.launcherMs === null ? 'launcher not recorded' : `launcher ${formatDurationScaled(cpu.launcherMs)}`;
  return `${Math.round(fraction * 100)} % (Node ${formatDurationScaled(cpu.nodeMs)} + ${launcher} over ${formatDurationScaled(cpu.wallMs)})`;
}

/** The harness's own cost at a glance: how late a timestamp can be and how much memory it held. */
function overheadFacts(view: RunView): SafeHtml {
  const { harness } = view.run.env;
  const densityPeaks = (view.run.summary.density ?? []).map((d) => d.harnessPeakRssBytes).filter((b): b is number => b !== null);
  const fact = (name: string, value: string, key: string): SafeHtml =>
    html`<div data-overhead="${key}"><dt>${name}</dt><dd>${value}</dd></div>`;
  return html`<h3>Harness overhead</h3>
  <dl class="overhead-facts">
    ${fact('Launch floor (in every startup)', formatDurationMs(harness.launchFloorMs ?? null), 'launch-floor')}
    ${fact('Lean C launcher floor', formatDurationMs(harness.leanFloorMs ?? null), 'lean-floor')}
    ${fact('Launcher', harness.launcher?.kind === 'native' ? 'native (vmbench-launcher: posix_spawn, timestamps in C)' : `Node child_process${harness.launcher?.reason ? ` (${harness.launcher.reason})` : ''}`, 'launcher')}
    ${fact('Event-loop delay p99', formatDurationMs(harness.eventLoopDelayP99Ms), 'event-loop-delay')}
    ${fact('Harness CPU over the whole run', formatWholeRunCpu(harness.cpu ?? null), 'whole-run-cpu')}
    ${fact('Peak RSS', formatBytes(harness.peakRssBytes), 'peak-rss')}
    ${densityPeaks.length === 0 ? null : fact('Peak RSS during density runs', formatBytes(Math.max(...densityPeaks)), 'density-peak-rss')}
    ${fact('Clock read', formatNs(harness.timerOverheadNs), 'timer')}
    ${fact('Ready-marker scan per chunk', formatNs(harness.markerScanNs), 'marker-scan')}
  </dl>`;
}

export function renderEnvironment(view: RunView): SafeHtml {
  const { env, meta } = view.run;
  return html`<section id="${anchor(view, SECTION_IDS.environment)}">
  <h2>Environment</h2>
  <p class="subtitle">Every field of env.json as the harness recorded it, including its own overhead (so its distortion can be judged).</p>
  ${overheadFacts(view)}
  <h3>Host and tools (env.json)</h3>
  ${fieldList(flattenFields(env))}
  <h3>Run (run.json)</h3>
  ${fieldList(flattenFields(meta))}
</section>`;
}
