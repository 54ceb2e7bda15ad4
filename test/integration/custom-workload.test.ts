/**
 * A workload of the user's own, from a scenario file, end to end through the CLI: gzip -9 over
 * generated input (output discarded, its size a key=value metric) and a regex metric read from
 * sysbench's own output, in a q35 TCG guest, a container and on the host; then the result files,
 * the report's performance section, and nothing left behind.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { RESULTS_FORMAT_VERSION } from '../../harness/results/format.js';
import { join } from 'node:path';
import { vmbench } from '../helpers/cli.js';
import { journals, leftovers } from '../helpers/leaks.js';
import type { StartupSample, Summary } from '../../harness/results/format.js';

let dir: string;
let state: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbench-test-custom-'));
  state = mkdtempSync(join(tmpdir(), 'vmbench-test-state-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

const SCENARIO = `name: mine
workloads:
  - name: gzip
    command: [/usr/bin/gzip, -9, -c, /tmp/input]
    input: 1M
    output: discard
    timeLimit: 60s
    metrics:
      - {name: output_bytes, unit: bytes, better: lower}
  - name: version
    command: [/usr/bin/sysbench, --version]
    metrics:
      - {name: major_minor, unit: version, better: higher, regex: "sysbench ([0-9]+[.][0-9]+)"}
iterations: 1
warmup: 0
runtimes:
  - {name: vm, type: qemu, accel: tcg}
  - namespaces
  - host
`;

describe('a user-defined workload from a scenario file', () => {
  let result: Awaited<ReturnType<typeof vmbench>>;
  let runDir: string;

  beforeAll(async () => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, SCENARIO);
    result = await vmbench(['run', file, '--out', join(dir, 'out')], { VMBENCH_STATE_DIR: state });
    runDir = join(dir, 'out', readdirSync(join(dir, 'out'))[0]!);
  }, 180_000);

  it('measures both workloads under every runtime, with real values', () => {
    expect(result.exitCode, result.all).toBe(0);
    const samples = readFileSync(join(runDir, 'samples.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StartupSample);
    expect(samples).toHaveLength(6);
    for (const s of samples) {
      expect(s.outcome, s.error ?? '').toBe('ok');
      const m = Object.fromEntries((s.workloadMetrics ?? []).map((x) => [x.name, x.value]));
      expect(m.elapsed_s, s.runtime).toBeGreaterThan(0);
      if (s.workload === 'gzip') {
        // The same generated input everywhere compresses to the same number of bytes.
        expect(m.output_bytes).toBe(
          samples.find((x) => x.workload === 'gzip' && x.runtime === 'host')!.workloadMetrics!.find((x) => x.name === 'output_bytes')!
            .value,
        );
        expect(m.output_bytes).toBeGreaterThan(1000);
        expect(m.output_bytes).toBeLessThan(1024 * 1024);
      } else {
        expect(m.major_minor).toBe(1);
      }
    }
    expect(result.stdout).toContain('Workload gzip (scenario mine)');
    expect(result.stdout).toMatch(/namespaces vs host: elapsed_s [\d.]+×/);
  });

  it('summarizes against the host and renders the performance section', () => {
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary;
    expect(summary.formatVersion).toBe(RESULTS_FORMAT_VERSION);
    expect(summary.performance?.map((w) => `${w.workload}/${w.runtime}`).sort()).toEqual([
      'gzip/host',
      'gzip/namespaces',
      'gzip/vm',
      'version/host',
      'version/namespaces',
      'version/vm',
    ]);
    const vm = summary.performanceRatios?.find((r) => r.workload === 'gzip' && r.runtime === 'vm' && r.metric === 'output_bytes');
    expect(vm).toMatchObject({ against: 'host', baseline: 'host', relative: 1 });
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Performance</h2>');
    expect(html).toContain('id="perf-mine-gzip"');
    expect(html).toContain('These VM figures measure TCG');
    expect(readFileSync(join(runDir, 'summary.md'), 'utf8')).toContain('## Performance');
  });

  it('leaves nothing behind', () => {
    expect(leftovers()).toEqual([]);
    expect(journals(state)).toEqual([]);
  });
});
