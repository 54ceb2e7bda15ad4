/** The last lines of a workload's output, for the reason of a sample whose results are unreadable. */
import type { WorkloadOutput } from './definition.js';

export function outputTail(output: Pick<WorkloadOutput, 'lines'>, lines = 6, chars = 600): string {
  const tail = output.lines
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-lines)
    .join(' | ');
  return tail ? tail.slice(-chars) : '(no output)';
}
