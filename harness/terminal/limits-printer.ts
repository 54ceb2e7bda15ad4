/** The terminal lines of a limits scenario (claim C5): per runtime, what the limit did. */
import type { LimitSample } from '../results/format.js';
import { describeLimit, mib, summarizeLimits } from '../stats/summarize-limits.js';
const fixed = (v: number | null, digits = 2): string => (v === null ? '—' : v.toFixed(digits));

export function formatLimits(samples: readonly LimitSample[]): string {
  if (samples.length === 0) return '';
  const lines = ['', 'Limits (claim C5)'];
  for (const s of summarizeLimits(samples)) {
    lines.push(`  ${s.runtime} (${describeLimit(s)}; cgroup ${s.cgroupMode})`);
    const m = s.memory;
    if (m) {
      const oom = s.kind === 'vm' ? `guest OOM reports ${m.guestOomReports}` : `cgroup OOM kills ${m.oomKills ?? '—'}`;
      lines.push(
        `    Memory hog of ${mib(m.hogBytes)}: killed ${m.killed}/${m.ok} ok (${m.samples} run); ${oom}; peak ${mib(m.peakBytes)}; OOM kills elsewhere on the host ${m.outsideKills ?? '—'}` +
          (m.allocatedBytes === null ? '' : `; held ${mib(m.allocatedBytes)} when not killed`),
      );
    }
    const c = s.cpu;
    if (c) {
      const vs = c.rateVsUnlimited === null ? '' : `; work rate ${fixed(c.rateVsUnlimited)}× of ${c.unlimitedReference}`;
      lines.push(
        `    CPU loop: ${fixed(c.share)} cores (${fixed(c.shareMin)} … ${fixed(c.shareMax)}, from ${c.source ?? '—'}; ${c.ok}/${c.samples} ok)${vs}`,
      );
    }
  }
  return lines.join('\n');
}
