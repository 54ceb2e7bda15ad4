/** Dataset styling shared by the chart builders. */
import type { Json } from './chart-spec.js';

/** How the launches over a box are drawn: their radius and fill, and optionally their shape and border width. */
export interface BoxPoints {
  radius: number;
  fill: string;
  /** Point shape (a runtime's: diamonds for VMs, circles for containers); Chart.js's default when absent. */
  style?: string;
  borderWidth?: number;
}

/**
 * A box plot dataset with every launch drawn over it as a point: box outline, median and point
 * borders in `color`, the box filled with `fill`. No outlier or mean marks: the points are the launches.
 */
export function boxWithPointsStyle(color: string, fill: string, points: BoxPoints): { [style: string]: Json } {
  return {
    backgroundColor: fill,
    borderColor: color,
    medianColor: color,
    borderWidth: 1.5,
    itemRadius: points.radius,
    ...(points.style === undefined ? {} : { itemStyle: points.style }),
    itemBackgroundColor: points.fill,
    itemBorderColor: color,
    ...(points.borderWidth === undefined ? {} : { itemBorderWidth: points.borderWidth }),
    outlierRadius: 0,
    meanRadius: 0,
  };
}
