import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { StartupSample } from '../../../harness/results/format.js';

/** A fresh temp directory per call, removed after each test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'vmbench-results-test-'));
    dirs.push(d);
    return d;
  };
}

export function makeSample(over: Partial<StartupSample> = {}): StartupSample {
  return {
    type: 'startup',
    runId: '20261129-084307-a1b2',
    seq: 0,
    scenario: 'minimal',
    runtime: 'qemu-q35',
    kind: 'vm',
    backend: 'qemu',
    workload: 'hello',
    iteration: 0,
    warmup: false,
    startedAt: '2026-11-29T08:43:07.123Z',
    accel: 'kvm',
    machine: 'q35',
    outcome: 'ok',
    error: null,
    startupMs: 312.5,
    teardownMs: 48.25,
    phases: [
      { name: 'vmm_firmware_kernel_load', ms: 120 },
      { name: 'kernel_to_init', ms: 150 },
      { name: 'init_to_ready', ms: 42.5 },
    ],
    instanceKernel: '6.6.0',
    guestUptimeAtReadyS: 0.31,
    exitedBeforeStop: false,
    isolation: null,
    ...over,
  };
}
