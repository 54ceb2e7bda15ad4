/**
 * Progress while measuring, on stderr (stdout stays clean for --json). On a TTY one line is
 * rewritten in place; elsewhere (CI, a pipe) each sample is one plain line.
 */
import type { RunEvent } from '../runner/run-scenarios.js';
import { formatFigure } from './format.js';
import { formatDurationScaled } from '../format-duration.js';

export function createProgress(stream: NodeJS.WriteStream = process.stderr): (event: RunEvent) => void {
  const tty = stream.isTTY === true;
  return (event) => {
    if (event.type === 'scenario-start') {
      const { scenario } = event;
      if (tty) stream.write('\r\x1b[K');
      stream.write(
        `Scenario ${scenario.name}: ${scenario.workload ? `workload ${scenario.workload}` : `workloads ${(event.workloads ?? scenario.workloads.map((w) => w.name)).join(', ')}`}, ${scenario.adaptive ? `${scenario.iterations} to ${scenario.adaptive.maxIterations} iterations until the 95% CI of the median is within ${(scenario.adaptive.untilCi * 100).toFixed(1)}%` : `${scenario.iterations} iterations`} + ${scenario.warmup} warmup, ${scenario.order}, runtimes ${event.runtimes.join(', ')} (${scenario.adaptive ? 'at most ' : ''}${event.launches} launches)\n`,
      );
      return;
    }
    const { sample, done, total } = event;
    // A performance workload's first metric says at a glance that the work ran and how fast.
    const first = sample.workloadMetrics?.[0];
    const metric = first ? `, ${first.name} ${formatFigure(first.value)} ${first.unit}` : '';
    const what =
      sample.outcome === 'ok'
        ? `startup ${formatDurationScaled(sample.startupMs)}, teardown ${formatDurationScaled(sample.teardownMs)}${metric}`
        : `${sample.outcome.toUpperCase()}: ${sample.error ?? ''}`;
    const tag = `${sample.workloadMetrics !== undefined && sample.workloadMetrics !== null ? `${sample.workload} ` : ''}${sample.runtime}${sample.warmup ? ' (warmup)' : ''} #${sample.iteration + 1}`;
    const stop = sample.sampling ? ` — last sample: ${sample.sampling.detail}` : '';
    if (tty) {
      stream.write(`\r\x1b[K  [${done}/${total}] ${tag}: ${what.slice(0, 100)}`);
      if (stop) stream.write(`\n    ${sample.runtime}${stop}\n`);
      if (done === total) stream.write('\n');
      if (sample.outcome !== 'ok') stream.write('\n');
    } else {
      stream.write(`  [${done}/${total}] ${tag}: ${what}${stop}\n`);
    }
  };
}
