/** Everything a section needs to render one run. */
import type { ChartSpec } from '../charts/chart-spec.js';
import type { Palette } from '../charts/palette.js';
import type { ClaimVerdict } from '../claims.js';
import type { RunData } from '../report-input.js';

export interface RunView {
  run: RunData;
  /** Prefix of this run's DOM ids: '' in a single-run report, 'run2-' … in a comparison. */
  idPrefix: string;
  palette: Palette;
  /** The startup charts (the Charts section). */
  charts: ChartSpec[];
  /** The memory and density charts (their own section); empty when the run has no density data. */
  densityCharts: ChartSpec[];
  /** One chart per performance workload (the Performance section); empty without them. */
  performanceCharts: ChartSpec[];
  /** The limits charts (claim C5); empty without a limits scenario. */
  limitsCharts: ChartSpec[];
  /** The provisioning charts (claims C7, C8); empty without a provisioning scenario. */
  provisioningCharts: ChartSpec[];
  claims: ClaimVerdict[];
}

/** Every chart of the run, in page order: what the page embeds and what claims link to. */
export function allCharts(view: RunView): ChartSpec[] {
  return [...view.charts, ...view.performanceCharts, ...view.densityCharts, ...view.limitsCharts, ...view.provisioningCharts];
}

/** Section anchors, one place so the table of contents and claim links cannot drift apart. */
export const SECTION_IDS = {
  caveats: 'caveats',
  summary: 'summary',
  warnings: 'warnings',
  ratios: 'ratios',
  charts: 'charts',
  density: 'density',
  limits: 'limits',
  provisioning: 'provisioning',
  isolation: 'isolation',
  claims: 'claims',
  kernels: 'kernels',
  environment: 'environment',
  failures: 'failures',
} as const;

export function anchor(view: RunView, id: string): string {
  return view.idPrefix + id;
}
