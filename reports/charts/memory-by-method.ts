/**
 * What one idle instance costs, each way vmbench measures it, side by side per runtime: grouped
 * horizontal bars, one color per method (named as in the table), one group per runtime. A method
 * a runtime has no figure for (no cgroup for a VM, no configured RAM for a container) has no bar:
 * absent, never drawn as zero.
 */
import { densityGroups, densityScenarios, MIB } from '../density-facts.js';
import type { RunData } from '../report-input.js';
import { runtimeBarsChart } from './chart-shapes.js';
import { emptyChart, type ChartSpec, type DatasetJson } from './chart-spec.js';
import { MEMORY_METHODS } from './memory-methods.js';
import { translucent, type Palette } from './palette.js';
import { prefersLogScale } from './scale-choice.js';

export const MEMORY_BY_METHOD_ID = 'density-methods';

export function buildMemoryByMethodChart(run: RunData, palette: Palette, idPrefix = '', width: 'full' | 'half' = 'full'): ChartSpec {
  const id = idPrefix + MEMORY_BY_METHOD_ID;
  const title = 'Memory per instance, by method (medians)';
  const groups = densityGroups(run).filter((g) => g.summary !== null);
  const withScenario = densityScenarios(run).length > 1;
  const values: number[] = [];
  let nonPositive = false;
  const datasets: DatasetJson[] = [];
  for (const method of MEMORY_METHODS) {
    const bytes = groups.map((g) => g.summary?.perInstance[method.field] ?? null);
    if (bytes.every((b) => b === null)) continue;
    for (const b of bytes) {
      if (b === null) continue;
      values.push(b / MIB);
      if (b <= 0) nonPositive = true;
    }
    // Configured RAM is a ceiling, not a use: drawn as an outline so it does not read as a cost.
    const outline = method.key === 'configured';
    datasets.push({
      label: method.label,
      method: method.key,
      data: bytes.map((b) => (b === null ? null : b / MIB)),
      bytes,
      backgroundColor: outline ? translucent(method.color, 0.15) : method.color,
      borderColor: outline ? '#495057' : method.color,
      borderWidth: outline ? 1.5 : 0,
      borderDash: outline ? [4, 3] : [],
      // Null bars take no room: each group shows only the methods it has.
      skipNull: true,
      barPercentage: 0.9,
      categoryPercentage: 0.85,
    });
  }
  if (datasets.length === 0) return emptyChart(id, title, 'No per-instance memory figure was recorded in the density runs.');
  const log = prefersLogScale(values);
  return runtimeBarsChart({
    id,
    title,
    subtitle: [
      'Median over the instances of each density run. Methods measure different things (see the table for how each is taken): RSS overstates by counting shared pages in full; configured RAM (outlined) is what a VM may use, not what it uses.',
      'A missing bar means the method does not apply to that runtime or was not available, not zero.',
      log && nonPositive ? 'A median at or below zero (MemAvailable noise) cannot be drawn on the log scale; it is in the table.' : '',
    ]
      .filter((s) => s !== '')
      .join(' '),
    width,
    valueName: 'Memory per instance',
    valueUnit: 'MiB',
    log,
    groups,
    withScenario,
    palette,
    datasets,
  });
}
