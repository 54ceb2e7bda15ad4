/** What a comparison reads of one run: both RunResults (the CLI) and RunData (reports) are one. */
import type { DensityRecord, EnvInfo, RunMeta, StartupSample } from '../results/format.js';

export interface ComparableRun {
  meta: RunMeta;
  env: EnvInfo;
  samples: readonly StartupSample[];
  density: readonly DensityRecord[];
}
