import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario } from '../../../harness/scenario/load.js';
import { catchIssues } from '../../helpers/validation-issues.js';

const scenarios = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const host = { memTotalMiB: 4096, cores: 4 };
const MIB = 1024 * 1024;

describe('the provisioning block', () => {
  it('scenarios/provisioning.yaml: 50 instances per method, 10 full copies, a 200 MiB base, every method', () => {
    const s = loadScenarioFile(`${scenarios}provisioning.yaml`, host);
    expect(s.provisioning).toEqual({
      instances: 50,
      fullCopies: 10,
      baseBytes: 200 * MIB,
      methods: ['copy', 'overlay', 'btrfs', 'qcow2'],
      writeBlocks: 32,
      writeRounds: 8,
    });
    expect(s.workload).toBeNull();
    expect(s.runtimes.map((r) => r.name)).toEqual(['namespaces', 'qemu-q35']);
  });

  it('fills defaults; full copies and write rounds never exceed the instances', () => {
    const s = parseScenario('name: p\nprovisioning:\n  instances: 4\n  methods: [overlay]\nruntimes: [namespaces]\n', 'p.yaml', host);
    expect(s.provisioning).toEqual({
      instances: 4,
      fullCopies: 4,
      baseBytes: 200 * MIB,
      methods: ['overlay'],
      writeBlocks: 32,
      writeRounds: 4,
    });
  });

  it('names each wrong option, its value and what was expected', () => {
    const issues = catchIssues(() =>
      parseScenario(
        [
          'name: p',
          'workload: hello',
          'iterations: 3',
          'provisioning:',
          '  instances: 5',
          '  fullCopies: 9',
          '  baseSize: 4M',
          '  methods: [copy, zfs, copy]',
          '  writeBlocks: 0',
          '  writeRounds: 6',
          '  colour: red',
          'runtimes: [namespaces]',
          '',
        ].join('\n'),
        'p.yaml',
        host,
      ),
    ).map((i) => `${i.field}: ${i.message}`);
    const why =
      'a provisioning scenario makes provisioning.instances clones per method and starts one instance from a clone with its own workload';
    expect(issues).toEqual([
      `workload: ${why}: remove workload`,
      `iterations: ${why}: remove iterations`,
      'provisioning.fullCopies: expected an integer from 1 to instances (5): full copies are the expensive subset, found 9',
      'provisioning.baseSize: expected a whole size from 16M to 2048M, found "4M"',
      'provisioning.methods[1]: expected copy, overlay, btrfs or qcow2, found "zfs"',
      'provisioning.methods[2]: duplicate method "copy"',
      'provisioning.writeBlocks: expected an integer from 1 to 1024, found 0',
      'provisioning.writeRounds: expected an integer from 1 to instances (5): each round writes to a fresh clone, found 6',
      'provisioning.colour: unknown key "colour" (known keys: instances, fullCopies, baseSize, methods, writeBlocks, writeRounds)',
    ]);
  });
});
