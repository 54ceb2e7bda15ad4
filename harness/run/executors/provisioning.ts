/**
 * Provisioning (claims C7, C8): instance roots cloned from one base by each method, a container
 * on a tree clone, a VM on a qcow2 overlay (provisioning/run-provisioning.ts). A provisioning run
 * that fails as a whole, or whose teardown leaves something, is a failure of the run.
 */
import { isError } from '../../host/host-context.js';
import { runProvisioning } from '../../provisioning/run-provisioning.js';
import { cowprobePath, timedExecPath } from '../../provisioning/helper-paths.js';
import { findExecutable } from '../../host/find-executable.js';
import type { Executor } from '../executor.js';
import { runWarning } from '../../stats/warning.js';

export const provisioningExecutor: Executor = {
  name: 'provisioning',
  accepts: (plan) => Boolean(plan.scenario.provisioning),
  async run(plans, ctx) {
    const { host } = ctx;
    for (const plan of plans) {
      const scenario = plan.scenario;
      if (!scenario.provisioning || ctx.signal.aborted) continue;
      const image = plan.runnable.image;
      const containerSpec = plan.runtimes.find((r) => r.kind === 'container')?.spec;
      ctx.log(
        `Provisioning ${scenario.name}: ${scenario.provisioning.methods.join(', ')}; ${scenario.provisioning.instances} instances each (${scenario.provisioning.fullCopies} full copies)`,
      );
      try {
        const { seq, problems } = await runProvisioning({
          runId: ctx.runId,
          scenario: { ...scenario, provisioning: scenario.provisioning },
          workDir: ctx.resources.workDir,
          tracker: ctx.resources.tracker,
          imageRootDir: !isError(image) ? image.rootDir : !isError(host.image) ? host.image.rootDir : '',
          containerOn:
            containerSpec && !isError(image)
              ? (rootDir) => ctx.seams.createRuntime(containerSpec, { ...host, image: { ...image, rootDir } }, ctx.resources)
              : null,
          vm: plan.runtimes.find((r) => r.kind === 'vm') ?? null,
          tool: (name) => findExecutable(name),
          cowprobe: cowprobePath(),
          timer: timedExecPath(),
          seq: ctx.seq,
          live: ctx.live,
          signal: ctx.signal,
          log: ctx.log,
          sink: (record) => ctx.sinks.provision(record),
        });
        ctx.seq = seq;
        ctx.sinks.errors.push(...problems.map((p) => runWarning('run-error', `provisioning teardown: ${p}`, scenario.name)));
      } catch (error) {
        ctx.sinks.errors.push(runWarning('run-error', `provisioning ${scenario.name} failed: ${(error as Error).message}`, scenario.name));
        ctx.log(`  provisioning ${scenario.name} failed: ${(error as Error).message}`);
      }
    }
  },
};
