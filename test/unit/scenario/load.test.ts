import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DENSITY_DEFAULTS, SCENARIO_DEFAULTS } from '../../../harness/scenario/defaults.js';
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
      workloads: [],
      metrics: ['startup', 'teardown'],
      iterations: 10,
      warmup: 1,
      order: 'interleaved',
      timeoutMs: 60_000,
      runtimes: [RUNTIME_PRESETS['qemu-q35'], RUNTIME_PRESETS.namespaces],
      density: null,
      limits: null,
      provisioning: null,
      adaptive: null,
      stop: 'kill',
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
      { name: 'qemu-q35-256', type: 'qemu', machine: 'q35', accel: 'tcg', memoryMiB: 1536, vcpus: 2, snapshot: false },
      { name: 'ns-user', type: 'namespaces', userNamespace: true },
      { name: 'crun-plain', type: 'crun', userNamespace: false },
    ]);
  });

  it('reads bare numbers as MiB and seconds', () => {
    const s = loadScenarioFile(`${good}units.yml`, host);
    expect(s.timeoutMs).toBe(90_000);
    expect(s.runtimes).toEqual([
      { name: 'vm-mib', type: 'qemu', machine: 'q35', accel: 'auto', memoryMiB: 512, vcpus: 1, snapshot: false },
      { name: 'vm-number', type: 'qemu', machine: 'microvm', accel: 'kvm', memoryMiB: 300, vcpus: 1, snapshot: false },
    ]);
  });

  it('follows YAML aliases', () => {
    const s = loadScenarioFile(`${good}anchors.yaml`, host);
    expect([s.iterations, s.warmup, s.timeoutMs]).toEqual([3, 3, 500]);
    expect(s.runtimes.map((r) => r.name)).toEqual(['vm-a', 'vm-b']);
  });

  it('converts every density key written out to bytes and ms', () => {
    const s = loadScenarioFile(`${good}density-full.yaml`, host);
    expect(s).toMatchObject({ workload: 'idle', metrics: ['memory', 'density'], timeoutMs: 45_000 });
    expect(s.density).toEqual({
      max: 200,
      maxPerRuntime: { 'qemu-q35': 24 },
      reserveBytes: 1.5 * 1024 ** 3,
      reservePercent: 12.5,
      startupLimitMs: 20_000,
      failureStreak: 5,
      ksm: true,
      ksmTimeoutMs: 120_000,
      dropCaches: false,
    });
  });

  it('fills an empty density block and the metrics of a density scenario with their defaults', () => {
    const s = loadScenarioFile(`${good}density-defaults.yaml`, host);
    expect(s.metrics).toEqual(['memory', 'density']);
    expect(s.density).toEqual({ ...DENSITY_DEFAULTS, maxPerRuntime: {} });
    expect(s.density?.reserveBytes).toBe(2 * 1024 ** 3);
    // iterations, warmup and order mean nothing to a density run but keep their usual defaults.
    expect([s.iterations, s.warmup, s.order]).toEqual([10, 1, 'interleaved']);
  });

  it('reports an unreadable file as an issue, not a stack trace', () => {
    const error = catchError(() => loadScenarioFile(`${good}does-not-exist.yaml`, host));
    expect(error.issues).toMatchObject([{ line: 0, column: 0, expected: 'a readable file' }]);
    expect(error.message).toContain('cannot read the scenario file');
  });
});

describe('the scenarios shipped in scenarios/', () => {
  const shipped = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
  // The reference host: 2 cores, 24 GiB.
  const reference = { memTotalMiB: 24 * 1024, cores: 2 };

  it('density.yaml is a density scenario with fewer VMs than containers', () => {
    const s = loadScenarioFile(`${shipped}density.yaml`, reference);
    expect(s.runtimes.map((r) => r.name)).toEqual(['qemu-q35', 'namespaces', 'runc', 'crun', 'runsc']);
    expect(s).toMatchObject({ workload: 'idle', metrics: ['memory', 'density'], timeoutMs: 60_000 });
    expect(s.density).toMatchObject({ max: 500, maxPerRuntime: { 'qemu-q35': 24, runsc: 60 }, reserveBytes: 2 * 1024 ** 3 });
  });

  it('startup.yaml has no density block', () => {
    expect(loadScenarioFile(`${shipped}startup.yaml`, reference).density).toBeNull();
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

  it('looks up a per-runtime maximum without finding Object.prototype', () => {
    const text = 'name: a\nworkload: idle\nruntimes: [{name: constructor, type: runc}, crun]\ndensity: {maxPerRuntime: {crun: 7}}\n';
    const d = parseScenario(text, 'a.yaml', host).density;
    expect(d?.maxPerRuntime.crun).toBe(7);
    expect(d?.maxPerRuntime.constructor).toBeUndefined();
  });

  it.each([
    ['reserve: 0', { reserveBytes: 0 }],
    ['reserve: 512', { reserveBytes: 512 * 1024 ** 2 }],
    ['reserve: 4G', { reserveBytes: 4 * 1024 ** 3 }],
    ['reservePercent: 0', { reservePercent: 0 }],
    ['reservePercent: 90', { reservePercent: 90 }],
    ['max: 5000', { max: 5000 }],
    ['startupLimit: 1500ms', { startupLimitMs: 1500 }],
    ['ksmTimeout: 90', { ksmTimeoutMs: 90_000 }],
  ])('reads density %s', (line, expected) => {
    const s = parseScenario(`name: a\nworkload: idle\nruntimes: [runc]\ndensity:\n  ${line}\n`, 'a.yaml', host);
    expect(s.density).toMatchObject(expected);
  });

  it('refuses startup or teardown in a density scenario: a density run records them whatever is listed', () => {
    const text = 'name: a\nworkload: idle\nmetrics: [startup, memory, density]\nruntimes: [runc]\ndensity: {}\n';
    expect(catchError(() => parseScenario(text, 'a.yaml', host)).message).toMatch(
      /a\.yaml:3:11: metrics\[0\]: a density run records every launch's startup .* list only memory and density/,
    );
  });

  it('refuses metrics without startup: it is always measured', () => {
    const text = 'name: a\nworkload: hello\nmetrics: [teardown]\nruntimes: [runc]\n';
    expect(catchError(() => parseScenario(text, 'a.yaml', host)).message).toMatch(/a\.yaml:3:10: metrics: startup is always measured/);
  });

  it('reads adaptive sampling: untilCi with a default or explicit maxIterations', () => {
    const base = 'name: a\nworkload: hello\nruntimes: [runc]\niterations: 8\n';
    expect(parseScenario(`${base}untilCi: 3%\n`, 'a.yaml', host).adaptive).toEqual({ untilCi: 0.03, maxIterations: 40 });
    expect(parseScenario(`${base}untilCi: 2.5\nmaxIterations: 12\n`, 'a.yaml', host).adaptive).toEqual({
      untilCi: 0.025,
      maxIterations: 12,
    });
    expect(parseScenario(base, 'a.yaml', host).adaptive).toBeNull();
  });

  it.each([
    ['maxIterations: 20\n', /a\.yaml:5:1: maxIterations: maxIterations bounds adaptive sampling: add untilCi/],
    ['untilCi: 3%\nmaxIterations: 4\n', /a\.yaml:6:16: maxIterations: expected an integer from iterations \(8\) to 10000/],
    ['untilCi: 90%\n', /a\.yaml:5:10: untilCi: expected a percentage from 0\.1% to 50%, like 5%, found "90%"/],
  ])('refuses adaptive sampling that cannot work: %s', (extra, message) => {
    const text = `name: a\nworkload: hello\nruntimes: [runc]\niterations: 8\n${extra}`;
    expect(catchError(() => parseScenario(text, 'a.yaml', host)).message).toMatch(message);
  });

  it.each(['untilCi: 3%', 'iterations: 5', 'warmup: 0', 'order: sequential'])(
    'refuses %s in a density scenario: it would do nothing',
    (line) => {
      const text = `name: a\nworkload: idle\n${line}\nruntimes: [runc]\ndensity: {}\n`;
      const key = line.split(':')[0];
      expect(catchError(() => parseScenario(text, 'a.yaml', host)).message).toMatch(
        new RegExp(`a\\.yaml:3:1: ${key}: ${key} means nothing to a density run`),
      );
    },
  );

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
