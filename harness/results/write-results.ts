/**
 * Writes a run's files, each atomically. Called at the start (run.json, env.json: the run exists
 * even if it crashes at once) and at the end (everything, from the samples in memory; the
 * samples.jsonl written during the run is never rewritten).
 *
 * The results layer knows the data, not its presentation: the views rendered from it (report.html,
 * summary.md) are passed in by whoever composes the run (the CLI), so results never import reports.
 */
import { join } from 'node:path';
import type { DensityRecord, EnvInfo, LimitSample, ProvisionRecord, RunMeta, StartupSample, Summary } from './format.js';
import type { RunData } from './run-data.js';
import { writeFileAtomic } from './atomic-write.js';
import { samplesToCsv } from './csv-export.js';
import { densityToCsv } from './density-csv.js';
import { provisioningToCsv } from './provisioning-csv.js';

export interface RunFiles {
  meta: RunMeta;
  env: EnvInfo;
  samples?: StartupSample[];
  density?: DensityRecord[];
  limits?: LimitSample[];
  provisioning?: ProvisionRecord[];
  summary?: Summary;
}

/** A file rendered from the finished run, e.g. report.html; written after the data files. */
export interface ResultView {
  /** The file name inside the run directory. */
  file: string;
  render: (run: RunData) => string;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export async function writeResultFiles(runDir: string, files: RunFiles, views: readonly ResultView[] = []): Promise<void> {
  await writeFileAtomic(join(runDir, 'env.json'), json(files.env));
  if (files.samples && files.summary) {
    const density = files.density ?? [];
    const run: RunData = { dir: runDir, meta: files.meta, env: files.env, samples: files.samples, density, limits: files.limits ?? [], provisioning: files.provisioning ?? [], summary: files.summary };
    if (density.length) await writeFileAtomic(join(runDir, 'density.csv'), densityToCsv(density));
    if (files.provisioning?.length) await writeFileAtomic(join(runDir, 'provisioning.csv'), provisioningToCsv(files.provisioning));
    await writeFileAtomic(join(runDir, 'summary.json'), json(files.summary));
    await writeFileAtomic(join(runDir, 'samples.csv'), samplesToCsv(files.samples));
    for (const view of views) await writeFileAtomic(join(runDir, view.file), view.render(run));
  }
  // run.json last: its final status says every other file is complete.
  await writeFileAtomic(join(runDir, 'run.json'), json(files.meta));
}
