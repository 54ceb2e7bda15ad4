/** How charts name a (scenario, runtime): tick labels and legend entries. */
import { describeInstance, type InstanceDescription } from '../run-facts.js';

/** Longest tick label before it is shortened: longer ones make Chart.js tilt every label. */
export const MAX_TICK_LABEL = 26;

/** Shortens for an axis tick only; legends and tooltips keep the full name. */
export function shorten(text: string, max = MAX_TICK_LABEL): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Two-line category label: the runtime, then how it ran. The scenario only when there are several. */
export function categoryLabel(rs: InstanceDescription, withScenario: boolean): string[] {
  return [shorten(withScenario ? `${rs.scenario} / ${rs.runtime}` : rs.runtime), describeInstance(rs)];
}

/** One-line legend label: "qemu-q35 (VM, TCG)" / "runc (container)". */
export function legendLabel(rs: InstanceDescription, withScenario: boolean): string {
  const name = withScenario ? `${rs.scenario} / ${rs.runtime}` : rs.runtime;
  const how =
    rs.kind === 'vm' ? (rs.accel === null ? 'VM' : `VM, ${rs.accel.toUpperCase()}`) : rs.kind === 'host' ? 'host (baseline)' : 'container';
  return `${name} (${how})`;
}
