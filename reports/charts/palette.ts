/**
 * One color per runtime for the whole report (every chart, every run of a comparison), so a reader
 * learns "orange is qemu-q35" once. VMs take warm hues and containers cool hues; VMs are also drawn
 * with diamond points and dashed lines, so the two kinds stay apart in grayscale print and for
 * color-blind readers.
 */
import type { InstanceKind } from '../../harness/results/format.js';
import type { RunData } from '../report-input.js';

const VM_COLORS = ['#d9480f', '#c2255c', '#e8a200', '#862e9c', '#a0522d', '#f76707'];
const CONTAINER_COLORS = ['#1c7ed6', '#2b8a3e', '#0c8599', '#5f3dc4', '#495057', '#66a80f'];
/** The bare host is the baseline: neutral grays. */
const HOST_COLORS = ['#343a40', '#868e96'];

export interface RuntimeStyle {
  color: string;
  /** Translucent fill for boxes. */
  fill: string;
  pointStyle: 'rectRot' | 'circle';
  borderDash: number[];
}

export type Palette = (runtime: string, kind: InstanceKind) => RuntimeStyle;

function translucent(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Colors assigned in order of first appearance across all runs, per kind. */
export function buildPalette(runs: readonly RunData[]): Palette {
  const assigned = new Map<string, string>();
  const next = { vm: 0, container: 0, host: 0 };
  const key = (runtime: string, kind: InstanceKind): string => `${kind}\u0000${runtime}`;
  const assign = (runtime: string, kind: InstanceKind): string => {
    const k = key(runtime, kind);
    let color = assigned.get(k);
    if (color === undefined) {
      const colors = kind === 'vm' ? VM_COLORS : kind === 'host' ? HOST_COLORS : CONTAINER_COLORS;
      color = colors[next[kind] % colors.length]!;
      next[kind]++;
      assigned.set(k, color);
    }
    return color;
  };
  for (const run of runs) {
    for (const rs of run.summary.runtimes) assign(rs.runtime, rs.kind);
    // A density-only run has no startup summaries: its runtimes still get their colors in order.
    for (const d of run.summary.density ?? []) assign(d.runtime, d.kind);
  }
  return (runtime, kind) => {
    const color = assign(runtime, kind);
    return {
      color,
      fill: translucent(color, 0.22),
      pointStyle: kind === 'vm' ? 'rectRot' : 'circle',
      borderDash: kind === 'vm' ? [7, 4] : [],
    };
  };
}

/** Colors of the runs in a comparison (runs, not runtimes, are what those charts compare). */
export const RUN_COLORS = ['#495057', '#1c7ed6', '#d9480f', '#2b8a3e', '#862e9c', '#e8a200'];

export function runColor(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length] as string;
}

export { translucent };
