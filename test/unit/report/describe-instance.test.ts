import { describe, expect, it } from 'vitest';
import { describeInstance, describeInstanceBesideBadge, type InstanceDescription } from '../../../reports/run-facts.js';

const base: InstanceDescription = { scenario: 's', runtime: 'r', kind: 'vm', backend: 'qemu', accel: 'tcg', machine: 'q35' };

describe('describeInstance beside a kind badge', () => {
  it('drops the word the badge already says, keeps the details', () => {
    expect(describeInstance(base)).toBe('VM · TCG · q35');
    expect(describeInstanceBesideBadge(base)).toBe('TCG · q35');
    const runc = { ...base, kind: 'container', backend: 'runc', accel: null, machine: null } as const;
    expect(describeInstanceBesideBadge(runc)).toBe('runc');
  });

  it('keeps what a badge does not say: the gVisor sandbox and the bare host', () => {
    const runsc = { ...base, kind: 'container', backend: 'runsc', accel: null, machine: null } as const;
    expect(describeInstanceBesideBadge(runsc)).toBe(describeInstance(runsc));
    expect(describeInstanceBesideBadge(runsc)).toContain('gVisor');
    const host = { ...base, kind: 'host', backend: 'host', accel: null, machine: null } as const;
    expect(describeInstanceBesideBadge(host)).toBe('host · chroot, no namespaces (baseline)');
  });
});
