import { describe, it, expect } from 'vitest';
import { MarkerScanner, parseMarker } from '../../../harness/process/marker-scanner.js';
import { vmPhases, containerPhases } from '../../../harness/runtimes/phases.js';

describe('marker scanner', () => {
  it('finds markers split across chunks and strips the serial console CR', () => {
    const s = new MarkerScanner();
    expect(s.push('[    0.1] boot\r\nVMBENCH_IN', 1n)).toEqual([]);
    const found = s.push('IT uptime=1.76\r\nVMBENCH_READY uptime=1.80 kernel=6.1.0\r\n', 2n);
    expect(found).toEqual([
      { kind: 'init', atNs: 2n, fields: { uptime: '1.76' } },
      { kind: 'ready', atNs: 2n, fields: { uptime: '1.80', kernel: '6.1.0' } },
    ]);
  });
  it('ignores other lines and keeps a short console tail for failure reasons', () => {
    const s = new MarkerScanner();
    s.push('Kernel panic - not syncing: VFS\nVMBENCH_BOGUS x=1\n', 1n);
    expect(parseMarker('hello', 1n)).toBeNull();
    expect(s.tail()).toContain('Kernel panic');
  });
  it('bounds the partial line it keeps', () => {
    const s = new MarkerScanner();
    s.push('x'.repeat(100_000), 1n);
    expect(s.tail().length).toBeLessThanOrEqual(700);
  });
});

describe('phases', () => {
  it('VM phases fall back to the guest clock without an early console byte, and sum to the startup time', () => {
    const { phases, guestUptimeAtReadyS } = vmPhases({
      launchNs: 0n,
      firstOutputNs: null,
      init: { kind: 'init', atNs: 2_500_000_000n, fields: { uptime: '1.76' } },
      ready: { kind: 'ready', atNs: 2_520_000_000n, fields: { uptime: '1.78' } },
    });
    expect(guestUptimeAtReadyS).toBeCloseTo(1.78);
    expect(phases.map((p) => p.name)).toEqual(['vmm_firmware_kernel_load', 'kernel_to_init', 'init_to_ready']);
    expect(phases.reduce((a, p) => a + p.ms, 0)).toBeCloseTo(2520, 6);
    expect(phases[0]!.ms).toBeCloseTo(740, 6);
  });
  it('VM phases come from host arrival times of the first guest byte and the markers; the guest clock is the cross-check', () => {
    const { phases, guestClockSkewMs } = vmPhases({
      launchNs: 0n,
      firstOutputNs: 300_000_000n, // the decompressor's earlyprintk line
      init: { kind: 'init', atNs: 2_500_000_000n, fields: { uptime: '1.76' } },
      ready: { kind: 'ready', atNs: 2_507_000_000n, fields: { uptime: '1.78' } },
    });
    expect(phases).toEqual([
      { name: 'vmm_firmware_kernel_load', ms: 300 },
      { name: 'kernel_to_init', ms: 2200 },
      { name: 'init_to_ready', ms: 7 },
    ]);
    expect(guestClockSkewMs).toBeCloseTo(7 - 20, 6); // host saw 7 ms where the guest counted 20
  });
  it('container phases come from host arrival times', () => {
    const { phases } = containerPhases({
      launchNs: 0n,
      firstOutputNs: 4_000_000n,
      init: { kind: 'init', atNs: 4_000_000n, fields: {} },
      ready: { kind: 'ready', atNs: 5_000_000n, fields: {} },
    });
    expect(phases).toEqual([
      { name: 'runtime_setup', ms: 4 },
      { name: 'init_to_ready', ms: 1 },
    ]);
  });
});
