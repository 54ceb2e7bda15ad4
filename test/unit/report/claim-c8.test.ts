import { describe, expect, it } from 'vitest';
import { evaluateC8 } from '../../../reports/claims/c8-cow-first-write.js';
import { makeRunData } from '../../fixtures/report/make-run-data.js';
import { provisionRecords } from '../../fixtures/provisioning/make-provision-records.js';
import type { ProvisionRecord } from '../../../harness/results/format.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { renderMarkdownSummary } from '../../../reports/render-markdown.js';

const withProvisioning = (provisioning: ProvisionRecord[]) => ({ ...makeRunData(), provisioning });

describe('C8: the first write to a block of a COW clone is slower', () => {
  it('is not measured without a provisioning scenario', () => {
    expect(evaluateC8(makeRunData())).toMatchObject({ verdict: 'not measured', chartId: null });
  });

  it('is not measured without the plain-file control, or without any clone', () => {
    const noControl = evaluateC8(
      withProvisioning(provisionRecords({}, { plain: { first: 0, second: 0, notMeasured: 'vmbench-cowprobe was not built' } })),
    );
    expect(noControl).toMatchObject({ verdict: 'not measured', chartId: 'provisioning-first-write' });
    expect(noControl.evidence).toMatch(/no control \(a plain file\).*plain file \(control\): not measured: vmbench-cowprobe was not built/);
    const noClone = evaluateC8(withProvisioning(provisionRecords({}, { overlay: null, btrfs: null, qcow2: null })));
    expect(noClone.verdict).toBe('not measured');
    expect(noClone.evidence).toMatch(/ran on no copy-on-write clone/);
  });

  it('is supported when every clone pays on the first write beyond the control, and says overlayfs copies up the whole file', () => {
    const v = evaluateC8(withProvisioning(provisionRecords()));
    expect(v).toMatchObject({ verdict: 'supported', chartId: 'provisioning-first-write' });
    expect(v.evidence).toMatch(/Control, a plain file .*ratio 1\.33× \(95% CI/);
    expect(v.evidence).toMatch(
      /overlayfs copies up per file, not per block: opening the 32\.0 MiB file for writing copied all of it to the upper dir in 25\.0 ms/,
    );
    expect(v.evidence).toMatch(
      /btrfs snapshot file \(5 rounds of 64 blocks, vmbench-cowprobe\): .*ratio 3\.33× \(95% CI [\d.]+–[\d.]+×, rounds 3\.07× to 3\.61×\), 2\.53× the control's ratio .*later writes 1\.20× and unchanged reads 0\.889× the control's/,
    );
    expect(v.evidence).toMatch(/Control of the btrfs snapshot, a plain file on the same btrfs: first write 65\.9 µs, second 50(\.0)? µs/);
    expect(v.evidence).toMatch(
      /qcow2 overlay \(qemu-io\) .*2\.34× the control's ratio \(95% CI 2\.34–2\.34×, 5 rounds\); the overlay held 4\.19 MiB of its own after \(67\.1 KiB per written block: each first write allocated a qcow2 cluster/,
    );
    expect(v.evidence).toMatch(/qcow2 overlay \(qemu-io\) .*reported, not compared/);
    expect(v.evidence).toMatch(
      /the snapshot held 256 KiB of its own after \(4\.00 KiB per written block: each whole-block write went to a new 4 KiB extent/,
    );
  });

  it("is not supported when a clone's first write costs what the control's does, or its later writes are slow", () => {
    const flat = evaluateC8(withProvisioning(provisionRecords({}, { btrfs: { first: 62, second: 46, read: 40 } })));
    expect(flat.verdict).toBe('not supported');
    expect(flat.evidence).toMatch(/Not on every clone: btrfs snapshot file/);
    expect(flat.evidence).toMatch(/→ the first write is not measurably slower/);
    const later = evaluateC8(withProvisioning(provisionRecords({}, { btrfs: { first: 600, second: 180, read: 40 } })));
    expect(later.verdict).toBe('not supported');
    expect(later.evidence).toMatch(/later writes 3\.60× .*→ affected \(more than 2×\)/);
  });

  it('the report and summary.md show both tables, both claims and charts linked from them', () => {
    const run = withProvisioning(provisionRecords());
    const page = renderHtmlReport({ runs: [run] });
    for (const id of ['provisioning-time', 'provisioning-space', 'provisioning-first-write']) expect(page).toContain(`id="${id}"`);
    expect(page).toContain('href="#provisioning-time"');
    expect(page).toContain('href="#provisioning-first-write"');
    const md = renderMarkdownSummary({ runs: [run] });
    expect(md).toMatch(/## Provisioning \(copy-on-write\)/);
    expect(md).toMatch(/\| btrfs snapshot \| 50 \| 9(\.00)? ms \|/);
    expect(md).toMatch(/\| overlayfs file \| vmbench-cowprobe \| 5 × 64 × 4 KiB \|/);
  });
});
