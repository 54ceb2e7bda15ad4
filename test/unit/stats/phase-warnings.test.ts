import { describe, it, expect } from 'vitest';
import { phaseWarnings } from '../../../harness/stats/phase-warnings.js';
import type { StartupSample } from '../../../harness/results/format.js';

const sample = (over: Partial<StartupSample>): StartupSample => ({
  type: 'startup',
  runId: 'r',
  seq: 0,
  scenario: 's',
  runtime: 'vm',
  kind: 'vm',
  backend: 'qemu',
  workload: 'hello',
  iteration: 0,
  warmup: false,
  startedAt: '',
  accel: 'tcg',
  machine: 'q35',
  outcome: 'ok',
  error: null,
  startupMs: 2000,
  teardownMs: 5,
  phases: [{ name: 'init_to_ready', ms: 7 }],
  instanceKernel: null,
  guestUptimeAtReadyS: 1.5,
  guestClockSkewMs: -3,
  exitedBeforeStop: false,
  isolation: null,
  ...over,
});

describe('phase warnings', () => {
  it('say nothing when phases are positive and the clocks agree within their resolution', () => {
    expect(phaseWarnings([sample({}), sample({ guestClockSkewMs: 19.9 })])).toEqual([]);
  });
  it('flag negative phases and a guest clock skew over 20 ms, with counts; warmups and failures are not judged', () => {
    const warnings = phaseWarnings([
      sample({ phases: [{ name: 'kernel_to_init', ms: -4 }] }),
      sample({ guestClockSkewMs: 35 }),
      sample({}),
      sample({ warmup: true, guestClockSkewMs: 500 }),
      sample({ outcome: 'failed', phases: [{ name: 'x', ms: -1 }] }),
    ]);
    expect(warnings.map((w) => [w.scenario, w.runtime, w.metric, w.kind])).toEqual([
      ['s', 'vm', 'phases', 'negative-phase'],
      ['s', 'vm', 'phases', 'clock-skew'],
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      's/vm phases: 1 of 3 samples have a negative phase (kernel_to_init); the phase boundaries of those samples are not trustworthy.',
      "s/vm phases: in 1 of 3 samples the guest clock disagrees with the host's over init → ready by more than 20 ms (up to 35.0 ms); the phases use the host's clock.",
    ]);
  });
});
