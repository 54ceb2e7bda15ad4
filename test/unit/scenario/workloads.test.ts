/** Performance scenarios as written in scenarios/: every workload and runtime with its defaults. */
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../../harness/scenario/load.js';

const scenarios = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const host = { memTotalMiB: 4096, cores: 2 };

describe('performance scenarios', () => {
  it('scenarios/performance.yaml runs cpu, memory and syscall under a VM, containers and the host', () => {
    const s = loadScenarioFile(`${scenarios}performance.yaml`, host);
    expect(s.workload).toBeNull();
    expect(s.workloads).toEqual([
      { origin: 'builtin', name: 'cpu' },
      { origin: 'builtin', name: 'memory' },
      { origin: 'builtin', name: 'syscall' },
    ]);
    expect(s.runtimes.map((r) => r.name)).toEqual(['qemu-q35', 'namespaces', 'runc', 'crun', 'host']);
    expect(s.runtimes.at(-1)).toEqual({ name: 'host', type: 'host' });
  });

  it('scenarios/gzip.yaml defines its own workload, with the defaults filled in', () => {
    const s = loadScenarioFile(`${scenarios}gzip.yaml`, host);
    expect(s.workloads).toEqual([
      {
        origin: 'custom',
        name: 'gzip',
        description: '',
        command: ['/usr/bin/gzip', '-9', '-c', '/tmp/input'],
        binaries: [],
        files: [],
        inputBytes: 4 * 1024 * 1024,
        output: 'discard',
        timeLimitMs: 120_000,
        metrics: [{ name: 'output_bytes', unit: 'bytes', better: 'lower', regex: null }],
      },
    ]);
  });
});
