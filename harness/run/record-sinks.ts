/**
 * Where measured records go as they come: kept in memory for the summary, and appended at once
 * to their sample log (samples.jsonl, density.jsonl, limits.jsonl, provisioning.jsonl; each
 * opened at its first record) so a crash keeps what was measured. A log that cannot be written
 * (a full disk) does not stop the run: it keeps measuring in memory and says so at the end.
 */
import type { DensityRecord, LimitSample, ProvisionRecord, StartupSample, Warning } from '../results/format.js';
import { SampleLog, DENSITY_FILE, LIMITS_FILE, PROVISIONING_FILE, SAMPLES_FILE } from '../results/sample-log.js';

export class RecordSinks {
  readonly samples: StartupSample[] = [];
  readonly density: DensityRecord[] = [];
  readonly limits: LimitSample[] = [];
  readonly provisioning: ProvisionRecord[] = [];
  /** Problems of the run as a whole (a provisioning run that failed, a teardown that left something): warnings and failures. */
  readonly errors: Warning[] = [];
  /** The first sample-log write that failed; null when every record was written. */
  logProblem: string | null = null;
  readonly #logs = new Map<string, SampleLog>();

  constructor(private readonly runDir: string) {
    // samples.jsonl exists from the start, even when no startup scenario runs.
    this.#log(SAMPLES_FILE);
  }

  startup(sample: StartupSample): void {
    this.samples.push(sample);
    this.#append(SAMPLES_FILE, sample);
  }
  densityRecord(record: DensityRecord): void {
    this.density.push(record);
    this.#append(DENSITY_FILE, record);
  }
  limit(record: LimitSample): void {
    this.limits.push(record);
    this.#append(LIMITS_FILE, record);
  }
  provision(record: ProvisionRecord): void {
    this.provisioning.push(record);
    this.#append(PROVISIONING_FILE, record);
  }

  close(): void {
    for (const log of this.#logs.values()) log.close();
  }

  #log(file: string): SampleLog {
    let log = this.#logs.get(file);
    if (!log) {
      log = new SampleLog(this.runDir, file);
      this.#logs.set(file, log);
    }
    return log;
  }

  #append(file: string, record: StartupSample | DensityRecord | LimitSample | ProvisionRecord): void {
    try {
      this.#log(file).append(record);
    } catch (error) {
      this.logProblem ??= (error as Error).message;
    }
  }
}
