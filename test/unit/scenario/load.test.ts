import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DEFAULTS } from '../../../harness/scenario/defaults.js';
import { ScenarioValidationError } from '../../../harness/scenario/errors.js';
import { loadScenarioFile, parseScenario } from '../../../harness/scenario/load.js';
import { RUNTIME_PRESETS } from '../../../harness/scenario/types.js';

const good = fileURLToPath(new URL('../../fixtures/good-scenarios/', import.meta.url));
const host = { memTotalMiB: 4096, cores: 4 };

describe('loadScenarioFile', () => {
  it('fills every omitted key with its default', () => {
    expect(loadScenarioFile(`${good}minimal.yaml`, host)).toEqual({
      name: 'minimal',
      description: '',
      file: `${good}minimal.yaml`,
      workload: 'hello',
      metrics: ['startup', 'teardown'],
      iterations: 10,
      warmup: 1,
      order: 'interleaved',
      timeoutMs: 60_000,
      runtimes: [RUNTIME_PRESETS['qemu-q35'], RUNTIME_PRESETS.namespaces],
    });
  });

  it('keeps every key that is written out', () => {
    const s = loadScenarioFile(`${good}full.yaml`, host);
    expect(s).toMatchObject({
      name: 'full_1.0',
      description: 'Every key written out',
      workload: 'idle',
      metrics: ['startup'],
      iterations: 25,
      warmup: 0,
      order: 'sequential',
      timeoutMs: 90_000,
    });
    expect(s.runtimes).toEqual([
      RUNTIME_PRESETS['qemu-microvm'],
      { name: 'qemu-q35-256', type: 'qemu', machine: 'q35', accel: 'tcg', memoryMiB: 1536, vcpus: 2 },
      { name: 'ns-user', type: 'namespaces', userNamespace: true },
      { name: 'crun-plain', type: 'crun', userNamespace: false },
    ]);
  });

  it('reads bare numbers as MiB and seconds', () => {
    const s = loadScenarioFile(`${good}units.yml`, host);
    expect(s.timeoutMs).toBe(90_000);
    expect(s.runtimes).toEqual([
      { name: 'vm-mib', type: 'qemu', machine: 'q35', accel: 'auto', memoryMiB: 512, vcpus: 1 },
      { name: 'vm-number', type: 'qemu', machine: 'microvm', accel: 'kvm', memoryMiB: 300, vcpus: 1 },
    ]);
  });

  it('follows YAML aliases', () => {
    const s = loadScenarioFile(`${good}anchors.yaml`, host);
    expect([s.iterations, s.warmup, s.timeoutMs]).toEqual([3, 3, 500]);
    expect(s.runtimes.map((r) => r.name)).toEqual(['vm-a', 'vm-b']);
  });

  it('reports an unreadable file as an issue, not a stack trace', () => {
    const error = catchError(() => loadScenarioFile(`${good}does-not-exist.yaml`, host));
    expect(error.issues).toMatchObject([{ line: 0, column: 0, expected: 'a readable file' }]);
    expect(error.message).toContain('cannot read the scenario file');
  });
});

describe('parseScenario', () => {
  it('returns copies of the presets, not the shared table entries', () => {
    const s = parseScenario('name: a\nworkload: hello\nruntimes: [runc]\n', 'a.yaml', host);
    expect(s.runtimes[0]).toEqual(RUNTIME_PRESETS.runc);
    expect(s.runtimes[0]).not.toBe(RUNTIME_PRESETS.runc);
    expect(s.metrics).not.toBe(SCENARIO_DEFAULTS.metrics);
  });

  it('makes the file absolute', () => {
    const s = parseScenario('name: a\nworkload: hello\nruntimes: [runc]\n', 'scenarios/a.yaml', host);
    expect(s.file).toBe(`${process.cwd()}/scenarios/a.yaml`);
  });

  it.each([
    ['timeout: 500ms', 500],
    ['timeout: 2m', 120_000],
    ['timeout: 1h', 3_600_000],
    ['timeout: 0.25', 250],
  ])('reads %s', (line, ms) => {
    const s = parseScenario(`name: a\nworkload: hello\n${line}\nruntimes: [runc]\n`, 'a.yaml', host);
    expect(s.timeoutMs).toBe(ms);
  });

  it('accepts memory and vcpus exactly at the host limits', () => {
    const text = 'name: a\nworkload: hello\nruntimes:\n  - {name: big, type: qemu, memory: 4G, vcpus: 4}\n';
    expect(parseScenario(text, 'a.yaml', host).runtimes[0]).toMatchObject({ memoryMiB: 4096, vcpus: 4 });
  });

  it('formats issues as file:line:column: field: message', () => {
    const text = 'name: a\nworkload: hello\nruntimes:\n  - name: vm\n    type: qemu\n    memory: 12Q\n';
    const error = catchError(() => parseScenario(text, 'scenarios/x.yaml', host));
    expect(error.message).toBe(
      'Invalid scenario: 1 problem\nscenarios/x.yaml:6:13: runtimes[0].memory: expected a size like 128M or 1G (or a number of MiB), found "12Q"',
    );
  });
});

function catchError(fn: () => unknown): ScenarioValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioValidationError');
}
