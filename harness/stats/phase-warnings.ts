/**
 * Phases that cannot be right are flagged, never dropped or clamped: a negative phase, or a
 * guest clock that disagrees with the host's by more than its own resolution allows.
 */
import type { StartupSample, Warning } from '../results/format.js';
import { warning } from './warning.js';

/** The guest clock ticks in 10 ms; two readings differ by up to 20 ms from rounding alone. */
export const MAX_CLOCK_SKEW_MS = 20;

export function phaseWarnings(samples: readonly StartupSample[]): Warning[] {
  const groups = new Map<string, StartupSample[]>();
  for (const s of samples) {
    if (s.warmup || s.outcome !== 'ok') continue;
    const key = `${s.scenario}/${s.runtime}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: Warning[] = [];
  for (const [label, group] of groups) {
    const scope = { scenario: group[0]!.scenario, runtime: group[0]!.runtime };
    const negative = group.filter((s) => s.phases.some((p) => p.ms < 0));
    if (negative.length) {
      const names = [...new Set(negative.flatMap((s) => s.phases.filter((p) => p.ms < 0).map((p) => p.name)))].join(', ');
      out.push(
        warning(
          scope,
          'phases',
          'negative-phase',
          `${label} phases: ${negative.length} of ${group.length} samples have a negative phase (${names}); the phase boundaries of those samples are not trustworthy.`,
        ),
      );
    }
    const skewed = group.filter((s) => s.guestClockSkewMs != null && Math.abs(s.guestClockSkewMs) > MAX_CLOCK_SKEW_MS);
    if (skewed.length) {
      const worst = Math.max(...skewed.map((s) => Math.abs(s.guestClockSkewMs!)));
      out.push(
        warning(
          scope,
          'phases',
          'clock-skew',
          `${label} phases: in ${skewed.length} of ${group.length} samples the guest clock disagrees with the host's over init → ready by more than ${MAX_CLOCK_SKEW_MS} ms (up to ${worst.toFixed(1)} ms); the phases use the host's clock.`,
        ),
      );
    }
  }
  return out;
}
