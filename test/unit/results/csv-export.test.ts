import { describe, expect, it } from 'vitest';
import { samplesToCsv } from '../../../harness/results/csv-export.js';
import { makeSample } from './helpers.js';

const FIXED = [
  'run_id', 'seq', 'scenario', 'runtime', 'kind', 'backend', 'workload', 'iteration', 'warmup',
  'started_at', 'accel', 'machine', 'outcome', 'startup_ms', 'teardown_ms', 'instance_kernel',
  'guest_uptime_at_ready_s', 'exited_before_stop',
];

describe('samplesToCsv', () => {
  const vm = makeSample({ seq: 0 });
  const ct = makeSample({
    seq: 1,
    runtime: 'runc',
    kind: 'container',
    backend: 'runc',
    accel: null,
    machine: null,
    warmup: true,
    outcome: 'failed',
    error: 'runc exited 1: "no such file", see log',
    startupMs: null,
    teardownMs: null,
    phases: [{ name: 'runtime_setup', ms: 7.5 }, { name: 'init_to_ready', ms: 1 }],
    guestUptimeAtReadyS: null,
    exitedBeforeStop: true,
  });
  const lines = samplesToCsv([vm, ct]).trimEnd().split('\n');

  it('writes a header with phase columns as the union in first-appearance order', () => {
    expect(lines[0]?.split(',')).toEqual([
      ...FIXED,
      'phase_vmm_firmware_kernel_load_ms',
      'phase_kernel_to_init_ms',
      'phase_init_to_ready_ms',
      'phase_runtime_setup_ms',
      'error',
    ]);
    expect(lines).toHaveLength(3);
  });

  it('writes values, true/false booleans and empty cells for null or absent phases', () => {
    expect(lines[1]).toBe(
      '20261129-084307-a1b2,0,minimal,qemu-q35,vm,qemu,hello,0,false,2026-11-29T08:43:07.123Z,kvm,q35,ok,312.5,48.25,6.6.0,0.31,false,120,150,42.5,,',
    );
    expect(lines[2]).toBe(
      '20261129-084307-a1b2,1,minimal,runc,container,runc,hello,0,true,2026-11-29T08:43:07.123Z,,,failed,,,6.6.0,,true,,,1,7.5,"runc exited 1: ""no such file"", see log"',
    );
  });

  it('writes just the header for no samples', () => {
    expect(samplesToCsv([])).toBe(`${[...FIXED, 'error'].join(',')}\n`);
  });
});
