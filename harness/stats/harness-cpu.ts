/**
 * The harness's own CPU time as a share of the wall time it was spent in (a density runtime's
 * launch loop, or the whole run): what the warnings, the terminal lines and the report all say.
 */
import type { HarnessCpu } from '../results/format.js';

/** (Node + launcher, when recorded) ÷ the wall time; null for no wall time. */
export function harnessCpuFraction(cpu: HarnessCpu): number | null {
  return cpu.wallMs > 0 ? (cpu.nodeMs + (cpu.launcherMs ?? 0)) / cpu.wallMs : null;
}
