/**
 * A workload defined in a scenario file (scenarios/README.md, "Your own workload"): an argv run
 * once per sample after the ready marker, and metrics read from its output. Always reports
 * elapsed_s, host time from the command's start marker to its done marker.
 */
import type { Better, MetricDef, ParseResult, PerformanceWorkload, WorkloadMetric } from './definition.js';
import { performanceScript, shellWords, step } from './performance-script.js';
import { outputTail } from './output-tail.js';

export interface CustomMetricSpec extends MetricDef {
  /** A regular expression whose first group is the value; absent: a `name=value` word. */
  regex: string | null;
}

export interface CustomWorkloadSpec {
  name: string;
  description: string;
  /** argv; command[0] is an absolute host path. */
  command: string[];
  /** More host binaries the command runs (with their libraries), absolute paths. */
  binaries: string[];
  /** Host files it reads, absolute paths, copied to the same place. */
  files: string[];
  /** Bytes of deterministic text generated as /tmp/input before the command; 0: none. */
  inputBytes: number;
  /** 'parse': stdout is kept and read; 'discard': only its size is kept (output_bytes=N). */
  output: 'parse' | 'discard';
  timeLimitMs: number;
  metrics: CustomMetricSpec[];
}

export const INPUT_PATH = '/tmp/input';
export const ELAPSED_METRIC: MetricDef = { name: 'elapsed_s', unit: 's', better: 'lower' };

export function customWorkload(spec: CustomWorkloadSpec): PerformanceWorkload {
  const body: string[] = [];
  if (spec.inputBytes > 0) {
    // Numbers 1, 2, 3 … one per line, cut to size: the same bytes everywhere, compressible like text.
    body.push(`seq 1 ${Math.ceil(spec.inputBytes / 6) + 1} | head -c ${spec.inputBytes} > ${INPUT_PATH} || status=$?`);
  }
  const command = shellWords(spec.command);
  if (spec.output === 'discard') {
    body.push(...step('command', {}, `${command} > /tmp/vmbench-stdout`));
    body.push('echo "output_bytes=$(wc -c < /tmp/vmbench-stdout)"', 'rm -f /tmp/vmbench-stdout');
  } else {
    body.push(...step('command', {}, command));
  }
  const metrics: MetricDef[] = [ELAPSED_METRIC, ...spec.metrics.map(({ name, unit, better }) => ({ name, unit, better }))];
  return {
    name: spec.name,
    description: spec.description || spec.command.join(' '),
    origin: 'custom',
    script: performanceScript({ name: spec.name, description: 'defined in a scenario file', body }),
    scriptFiles: {},
    binaries: [spec.command[0]!, ...spec.binaries],
    files: spec.files,
    bundled: [],
    devices: [],
    timeLimitMs: spec.timeLimitMs,
    metrics,
    parse: (output): ParseResult => {
      const text = output.lines.join('\n');
      if (output.status !== 0)
        return { ok: false, reason: `${spec.command[0]} exited with status ${output.status ?? 'unknown'}: ${outputTail(output)}` };
      const values: WorkloadMetric[] = [{ ...ELAPSED_METRIC, value: output.elapsedMs / 1000 }];
      for (const m of spec.metrics) {
        const value = m.regex === null ? keyValue(text, m.name) : byRegex(text, m.regex);
        if (value === null) {
          const how = m.regex === null ? `a ${m.name}=<number> word` : `a match of /${m.regex}/ with a number in its first group`;
          return { ok: false, reason: `metric ${m.name}: found no ${how} in the output: ${outputTail(output)}` };
        }
        values.push({ name: m.name, unit: m.unit, better: m.better, value });
      }
      return { ok: true, metrics: values };
    },
  };
}

/** The last `name=<number>` word in the text. */
function keyValue(text: string, name: string): number | null {
  let found: number | null = null;
  for (const word of text.split(/\s+/)) {
    if (!word.startsWith(`${name}=`)) continue;
    const value = Number(word.slice(name.length + 1));
    if (Number.isFinite(value)) found = value;
  }
  return found;
}

function byRegex(text: string, source: string): number | null {
  const m = new RegExp(source, 'm').exec(text);
  const value = m?.[1] === undefined ? NaN : Number(m[1]);
  return Number.isFinite(value) ? value : null;
}

export const BETTER: readonly Better[] = ['higher', 'lower'];
