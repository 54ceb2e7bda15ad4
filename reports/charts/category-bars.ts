/**
 * Horizontal bars over named categories that are not runtimes (the provisioning methods, the
 * first-write targets), the value on x with the page's log/linear switch.
 */
import { legendAndTooltip, valueScale } from './axes.js';
import { axis, baseOptions, type ChartSpec, type DatasetJson, type ValueUnit } from './chart-spec.js';

export interface CategoryBars {
  id: string;
  title: string;
  subtitle: string;
  valueName: string;
  valueUnit: ValueUnit;
  categoryName: string;
  labels: string[];
  datasets: DatasetJson[];
  log: boolean;
}

export function bars(label: string, data: (number | null)[], color: string, extra: Record<string, DatasetJson[string]> = {}): DatasetJson {
  return {
    label,
    data,
    backgroundColor: color,
    borderColor: color,
    borderWidth: 0,
    barPercentage: 0.85,
    categoryPercentage: 0.8,
    ...extra,
  };
}

export function categoryBarsChart(c: CategoryBars): ChartSpec {
  const scale = valueScale('x', c.valueName, c.valueUnit, c.log);
  return {
    id: c.id,
    title: c.title,
    subtitle: c.subtitle,
    valueAxis: 'x',
    valueUnit: c.valueUnit,
    tooltip: 'bar',
    width: 'half',
    scaleToggle: scale.toggle,
    emptyReason: null,
    config: {
      type: 'bar',
      data: { labels: c.labels, datasets: c.datasets },
      options: {
        ...baseOptions(),
        indexAxis: 'y',
        scales: { x: scale.axis, y: axis('category', c.categoryName, { grid: { display: false } }) },
        plugins: legendAndTooltip(),
      },
    },
  };
}
