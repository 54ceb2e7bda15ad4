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
  charts: ChartSpec[];
  claims: ClaimVerdict[];
}

/** Section anchors, one place so the table of contents and claim links cannot drift apart. */
export const SECTION_IDS = {
  caveats: 'caveats',
  summary: 'summary',
  warnings: 'warnings',
  ratios: 'ratios',
  charts: 'charts',
  claims: 'claims',
  kernels: 'kernels',
  environment: 'environment',
  failures: 'failures',
} as const;

export function anchor(view: RunView, id: string): string {
  return view.idPrefix + id;
}
