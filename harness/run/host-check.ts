/**
 * The host check: which of the planned (scenario, runtime) pairs can run here, decided before
 * anything is launched. A runtime the host cannot run, and a workload whose tool is missing, are
 * skipped with the reason (recorded in run.json, said on stderr), never discovered halfway.
 */
import type { Scenario, RuntimeSpec } from '../scenario/types.js';
import type { RunMeta } from '../results/format.js';
import { isError, type HostContext } from '../host/host-context.js';
import type { ImagePart, ScenarioImage } from '../workloads/scenario-image.js';
import type { RunSeams } from './seams.js';

export interface RunnableScenario {
  scenario: Scenario;
  /** The usable runtimes, in the scenario's order. */
  specs: RuntimeSpec[];
  /** The scenario's first image (it decides which runtimes are usable). */
  image: ScenarioImage['image'];
  /** One image per group of workloads (a performance scenario's tools); one part otherwise. */
  parts: ImagePart[];
}

export interface HostCheck {
  runnable: RunnableScenario[];
  skipped: RunMeta['skipped'];
}

export function checkHost(
  scenarios: Scenario[],
  host: HostContext,
  seams: Pick<RunSeams, 'availability' | 'scenarioImage'>,
  log: (line: string) => void,
): HostCheck {
  const skipped: RunMeta['skipped'] = [];
  const usable = (s: Scenario, r: RuntimeSpec, image: HostContext['image']): boolean => {
    const a = seams.availability(r, { ...host, image });
    if (!a.usable) {
      skipped.push({ scenario: s.name, runtime: r.name, reason: a.reason });
      log(`skipping ${r.name} in ${s.name}: ${a.reason}`);
    }
    return a.usable;
  };
  // A performance scenario's own image (its tools with their libraries); a workload whose tool is
  // missing is skipped with the reason, for every runtime, like a runtime this host cannot run.
  const runnable = scenarios
    .map((s) => {
      const image = seams.scenarioImage(s, host);
      for (const w of image.skipped) {
        skipped.push({ scenario: s.name, runtime: '*', workload: w.workload, reason: w.reason });
        log(`skipping workload ${w.workload} in ${s.name}: ${w.reason}`);
      }
      const specs = image.workloads === null || image.workloads.length > 0 ? s.runtimes.filter((r) => usable(s, r, image.image)) : [];
      // The first image decides which runtimes are usable; another that failed to build skips its workloads.
      for (const part of image.parts.slice(1).filter((x) => isError(x.image))) {
        for (const w of part.workloads) {
          const reason = isError(part.image) ? part.image.error : '';
          skipped.push({ scenario: s.name, runtime: '*', workload: w.name, reason });
          log(`skipping workload ${w.name} in ${s.name}: ${reason}`);
        }
      }
      return { scenario: s, specs, image: image.image, parts: image.parts };
    })
    .filter((p) => p.specs.length > 0);
  return { runnable, skipped };
}
