/**
 * VMs under TCG take seconds, containers milliseconds: on a linear axis the containers become a
 * flat line at zero. A log axis keeps both readable; the page offers a switch back to linear.
 */

/** Above this max/min spread the chart starts on a log axis. */
export const LOG_SCALE_SPREAD = 20;

export function prefersLogScale(values: Iterable<number>): boolean {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const v of values) {
    if (v > 0 && v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) && max / min > LOG_SCALE_SPREAD;
}
