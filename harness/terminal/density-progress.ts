/** Progress of a density run: one rewritten line on a TTY, a line every ~10% elsewhere. */
import type { DensityStep } from '../results/format.js';
import { formatBytes } from './format.js';
import { formatDurationScaled } from '../format-duration.js';

export function createDensityProgress(
  scenario: string,
  runtime: string,
  stream: NodeJS.WriteStream = process.stderr,
): (step: DensityStep, max: number) => void {
  const tty = stream.isTTY === true;
  stream.write(`Density ${scenario}: ${runtime}, launching idle instances (up to the limit)…\n`);
  let lastPrinted = 0;
  return (step, max) => {
    const text = `  ${runtime}: ${step.running} running, last startup ${formatDurationScaled(step.startupMs)}, host available ${formatBytes(step.memAvailableBytes)}${step.outcome === 'ok' ? '' : `, ${step.outcome.toUpperCase()}: ${step.error ?? ''}`}`;
    if (tty) {
      stream.write(`\r\x1b[K${text.slice(0, 150)}`);
      if (step.running >= max) stream.write('\n');
      return;
    }
    const every = Math.max(1, Math.round(max / 10));
    if (step.outcome !== 'ok' || step.running - lastPrinted >= every || step.running === 1) {
      lastPrinted = step.running;
      stream.write(`${text}\n`);
    }
  };
}
