/**
 * Kernel samepage merging at the end of each density run: summed PSS of all instances before KSM
 * was switched on and after it settled (or timed out). QEMU marks guest RAM mergeable, so
 * identical guests can share pages; container processes do not ask for it and gain nothing. The
 * MemAvailable side is in the section's KSM table (a change of a few MiB in ~20 GiB does not draw).
 */
import { densityGroups, densityScenarios, MIB } from '../density-facts.js';
import { formatMiB, threeSignificant } from '../format-numbers.js';
import type { RunData } from '../report-input.js';
import { runtimeBarsChart } from './chart-shapes.js';
import type { ChartSpec, DatasetJson } from './chart-spec.js';
import type { Palette } from './palette.js';
import { prefersLogScale } from './scale-choice.js';

export const KSM_EFFECT_ID = 'density-ksm';

const BEFORE_COLOR = '#adb5bd';
const AFTER_COLOR = '#364fc7';

/** Null when no runtime of the run has a KSM result with PSS figures: then there is no chart at all. */
export function buildKsmEffectChart(run: RunData, palette: Palette, idPrefix = ''): ChartSpec | null {
  const measured = densityGroups(run).flatMap((g) => {
    const ksm = g.summary?.ksm ?? g.end?.ksm ?? null;
    if (ksm === null || ksm.pssTotalBeforeBytes === null || ksm.pssTotalAfterBytes === null) return [];
    return [{ g, before: ksm.pssTotalBeforeBytes, after: ksm.pssTotalAfterBytes }];
  });
  if (measured.length === 0) return null;
  const groups = measured.map((m) => m.g);
  const withScenario = densityScenarios(run).length > 1;
  const before = measured.map((m) => m.before);
  const after = measured.map((m) => m.after);
  const bar = (label: string, bytes: number[], color: string): DatasetJson => ({
    label,
    data: bytes.map((b) => b / MIB),
    bytes,
    backgroundColor: color,
    borderColor: color,
    borderWidth: 0,
    barPercentage: 0.85,
    categoryPercentage: 0.8,
  });
  const saved = groups.map((g, i) => {
    const b = before[i] as number;
    const share = b > 0 ? (b - (after[i] as number)) / b : 0;
    return `${g.runtime} ${threeSignificant(share * 100)}% (${formatMiB(b - (after[i] as number))})`;
  });
  return runtimeBarsChart({
    id: idPrefix + KSM_EFFECT_ID,
    title: 'Summed PSS before and after KSM',
    subtitle: `Kernel samepage merging switched on once every instance ran, until merging settled or timed out. Saved: ${saved.join('; ')}. QEMU marks guest RAM as mergeable; container processes do not ask for merging, so KSM finds little or nothing to merge for them.`,
    width: 'half',
    valueName: 'Summed PSS of all instances',
    valueUnit: 'MiB',
    log: prefersLogScale([...before, ...after].map((b) => b / MIB)),
    groups,
    withScenario,
    palette,
    datasets: [bar('before KSM', before, BEFORE_COLOR), bar('after KSM', after, AFTER_COLOR)],
  });
}
