/** `vmbench list`: the scenarios, workloads and runtimes there are, and which can run here. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { totalmem, cpus } from 'node:os';
import { RUNTIME_PRESETS } from '../../scenario/types.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { WORKLOAD_NAMES } from '../../workloads/scripts.js';
import { checkKernelFlag } from '../cli-options.js';
import { BUILTIN_WORKLOADS } from '../../workloads/builtin.js';
import { prepareHost } from '../../runtimes/prepare-host.js';
import { availability } from '../../runtimes/availability.js';
import { SCENARIOS_DIR } from '../paths.js';

export async function listCommand(flags: { json?: boolean; kernel?: string }): Promise<number> {
  const limits = { memTotalMiB: Math.floor(totalmem() / 1024 / 1024), cores: cpus().length };
  const scenarios = readdirSync(SCENARIOS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      try {
        const s = loadScenarioFile(join(SCENARIOS_DIR, f), limits);
        return {
          file: f,
          name: s.name,
          workload:
            s.workload ??
            (s.workloads.length
              ? s.workloads.map((w) => w.name).join(', ')
              : s.limits
                ? 'its own (limits: memory hog, CPU loop)'
                : s.provisioning
                  ? 'its own (provisioning: clones, first-write test)'
                  : ''),
          runtimes: s.runtimes.map((r) => r.name),
          description: s.description,
          error: null,
        };
      } catch (error) {
        return { file: f, name: null, workload: null, runtimes: [], description: '', error: (error as Error).message };
      }
    });
  checkKernelFlag(flags.kernel);
  const host = await prepareHost({ kernel: flags.kernel, specs: Object.values(RUNTIME_PRESETS), probe: true });
  const runtimes = Object.values(RUNTIME_PRESETS).map((spec) => ({ name: spec.name, type: spec.type, ...availability(spec, host) }));
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ scenarios, workloads: WORKLOAD_NAMES, performanceWorkloads: Object.keys(BUILTIN_WORKLOADS), runtimes }, null, 2)}\n`,
    );
    return 0;
  }
  const lines = ['Scenarios (scenarios/):'];
  for (const s of scenarios) {
    lines.push(
      s.error
        ? `  ${s.file}: INVALID\n${s.error.replace(/^/gm, '    ')}`
        : `  ${s.name!.padEnd(16)} workload ${s.workload}, runtimes ${s.runtimes.join(', ')}${s.description ? ` — ${s.description}` : ''}`,
    );
  }
  lines.push('', `Workloads: ${WORKLOAD_NAMES.join(', ')}`, 'Performance workloads (workloads:):');
  for (const w of Object.values(BUILTIN_WORKLOADS)) lines.push(`  ${w.name.padEnd(14)} ${w.description}`);
  lines.push('', 'Runtimes:');
  for (const r of runtimes) lines.push(`  ${r.name.padEnd(14)} ${r.usable ? `usable: ${r.detail}` : `unusable: ${r.reason}`}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
