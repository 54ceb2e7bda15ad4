/**
 * The harness's own CPU time during a density run's launch loop, as a share of that loop's wall
 * time: what the warning, the terminal line and the report's row all say.
 */
import type { HarnessCpu } from '../results/format.js';

/** (Node + launcher, when recorded) ÷ the loop's wall time; null for a loop of no length. */
export function harnessCpuFraction(cpu: HarnessCpu): number | null {
  return cpu.wallMs > 0 ? (cpu.nodeMs + (cpu.launcherMs ?? 0)) / cpu.wallMs : null;
}
