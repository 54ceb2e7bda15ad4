import { describe, expect, it } from 'vitest';
import { evaluateC7 } from '../../../reports/claims/c7-cow-snapshot-cost.js';
import { makeRunData } from '../../fixtures/report/make-run-data.js';
import { provisionRecords } from '../../fixtures/provisioning/make-provision-records.js';
import type { ProvisionRecord } from '../../../harness/results/format.js';

const withProvisioning = (provisioning: ProvisionRecord[]) => ({ ...makeRunData(), provisioning });
const MIB = 1024 * 1024;

describe('C7: copy-on-write snapshots are made almost instantly and take little space', () => {
  it('is not measured without a provisioning scenario', () => {
    expect(evaluateC7(makeRunData())).toMatchObject({ verdict: 'not measured', chartId: null });
  });

  it('is not measured without the full copy to compare with', () => {
    const v = evaluateC7(withProvisioning(provisionRecords({ copy: null })));
    expect(v).toMatchObject({ verdict: 'not measured', chartId: 'provisioning-time' });
    expect(v.evidence).toMatch(/no full copy \(cp -a\)/);
  });

  it('is not measured when no copy-on-write method could run, naming why', () => {
    const v = evaluateC7(
      withProvisioning(
        provisionRecords({
          overlay: null,
          qcow2: null,
          btrfs: { ms: 0, bytes: 0, total: 0, notMeasured: 'this kernel did not mount a btrfs' },
        }),
      ),
    );
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toMatch(/btrfs snapshot: not measured: this kernel did not mount a btrfs/);
  });

  it('is supported when every method is far faster than a copy and small, with the figures', () => {
    const v = evaluateC7(withProvisioning(provisionRecords()));
    expect(v).toMatchObject({ verdict: 'supported', chartId: 'provisioning-time' });
    expect(v.evidence).toMatch(/a full copy \(cp -a\) of the 200 MiB base \(1200 files\) took 250 ms per instance \(10 copies/);
    expect(v.evidence).toMatch(
      /overlayfs \(50 instances\): 6(\.00)? ms per instance, 41\.\d× faster than a full copy \(95% CI [\d.]+–[\d.]+×\); 12\.0 KiB per instance/,
    );
    expect(v.evidence).toMatch(/btrfs snapshot .*0 B per instance .*200 KiB by a second reading ÷ instances \(0\.098% of the base\)/);
    expect(v.evidence).toMatch(/qemu-q35 started on a clone and reached ready in 3900 ms/);
  });

  it('is not supported when a method is slow, big, or its clone does not start', () => {
    const slow = evaluateC7(withProvisioning(provisionRecords({ qcow2: { ms: 120, bytes: 1024, total: 1024 } })));
    expect(slow.verdict).toBe('not supported');
    expect(slow.evidence).toMatch(/Not every copy-on-write method kept the claim: qcow2 backing file\./);
    expect(slow.evidence).toMatch(/qcow2 backing file .*→ not "almost instantly"/);
    const big = evaluateC7(withProvisioning(provisionRecords({ overlay: { ms: 6, bytes: 60 * MIB, total: 60 * MIB } })));
    expect(big.evidence).toMatch(/overlayfs .*→ not "little space"/);
    expect(big.verdict).toBe('not supported');
    const dead = evaluateC7(withProvisioning(provisionRecords({ btrfs: { ms: 9, bytes: 0, total: 0, startOk: false } })));
    expect(dead.verdict).toBe('not supported');
    expect(dead.evidence).toMatch(/namespaces did not start on a clone \(timeout: no ready marker\)/);
  });
});
