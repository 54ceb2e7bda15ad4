/** One results/<run-id>/ directory, read and parsed: what result views (report, summary) render. */
import type { DensityRecord, EnvInfo, LimitSample, ProvisionRecord, RunMeta, StartupSample, Summary } from './format.js';

export interface RunData {
  /** Where the run was read from (shown in the report so a reader can find the raw files). */
  dir: string;
  meta: RunMeta;
  env: EnvInfo;
  /** Every sample of samples.jsonl, warmups and failures included. */
  samples: StartupSample[];
  /** Every record of density.jsonl (steps and ends, file order); empty when no density scenario ran. */
  density: DensityRecord[];
  /** Every record of limits.jsonl (claim C5); absent or empty when no limits scenario ran. */
  limits?: LimitSample[];
  /** Every record of provisioning.jsonl (claims C7, C8); absent or empty when no provisioning scenario ran. */
  provisioning?: ProvisionRecord[];
  summary: Summary;
}
