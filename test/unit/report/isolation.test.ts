import { describe, expect, it } from 'vitest';
import type { StartupSample } from '../../../harness/results/format.js';
import { deriveCaveats } from '../../../reports/caveats.js';
import { evaluateC1 } from '../../../reports/claims/c1-start-stop-speed.js';
import { evaluateC4 } from '../../../reports/claims/c4-namespaces.js';
import { evaluateC6 } from '../../../reports/claims/c6-isolation-strength.js';
import { escapeHtml } from '../../../reports/escape.js';
import {
  decodeCapabilities,
  ISOLATION_ROWS,
  isolationColumns,
  listCapabilities,
  probeScenarios,
  readPid,
  type MatrixCell,
} from '../../../reports/isolation-facts.js';
import type { RunData } from '../../../reports/report-input.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { renderMarkdownSummary } from '../../../reports/render-markdown.js';
import {
  GUEST_KERNEL,
  HOST_KERNEL,
  makeRunData,
  makeRunWithHostileName,
  REAL_PROBES,
  runtimesNamed,
  withProbe,
  withSamples,
  XSS_RUNTIME,
} from '../../fixtures/report/make-run-data.js';
import { idsIn, markupOnly } from '../../fixtures/report/html-helpers.js';

const run = makeRunData();
const page = renderHtmlReport({ runs: [run] });
const noProbes = makeRunData({ probes: 'none' });

/** The text of the isolation table cell for one runtime and row, tags stripped, notes on their own lines. */
function cell(html: string, runtime: string, key: string): string {
  const match = new RegExp(`<td class="[^"]*" data-runtime="${escapeHtml(runtime)}" data-cell="${key}">([\\s\\S]*?)</td>`).exec(html);
  if (match === null) throw new Error(`no cell ${runtime}/${key}`);
  return (match[1] as string)
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/** The matrix cell of one runtime and row, as the section and the Markdown summary get it. */
function matrix(r: RunData, runtime: string, key: string): MatrixCell {
  const column = isolationColumns(r).find((c) => c.runtime === runtime);
  const row = ISOLATION_ROWS.find((x) => x.key === key);
  if (column === undefined || row === undefined) throw new Error(`no ${runtime}/${key}`);
  return row.cell(column, r);
}

/** The run with one more probe launch of a runtime, a copy of its first one changed. */
function withExtraProbe(r: RunData, runtime: string, change: Partial<NonNullable<StartupSample['isolation']>>): RunData {
  const first = r.samples.find((s) => s.runtime === runtime && s.isolation !== null) as StartupSample;
  const extra: StartupSample = { ...first, seq: r.samples.length + 1000, iteration: 1, isolation: { ...first.isolation!, ...change } };
  return withSamples({ ...r, samples: [...r.samples, extra] }, (s) => s);
}

describe('decodeCapabilities', () => {
  it('decodes runc’s three default capabilities', () => {
    const caps = decodeCapabilities(REAL_PROBES.runc.capEff)!;
    expect(caps.count).toBe(3);
    expect(caps.names).toEqual(['CAP_KILL', 'CAP_NET_BIND_SERVICE', 'CAP_AUDIT_WRITE']);
    expect(caps.notable).toEqual([]);
    expect(listCapabilities(caps)).toBe('CAP_KILL, CAP_NET_BIND_SERVICE, CAP_AUDIT_WRITE');
  });

  it('decodes a full root set (bits 0–40) with every notable capability', () => {
    const caps = decodeCapabilities('000001ffffffffff')!;
    expect(caps.count).toBe(41);
    expect(caps.missing).toEqual([]);
    expect(caps.notable).toEqual(['CAP_SYS_ADMIN', 'CAP_NET_ADMIN', 'CAP_SYS_PTRACE', 'CAP_SYS_MODULE']);
    expect(listCapabilities(caps)).toBe('all 41 known');
  });

  it('names what a nearly full set lacks', () => {
    const caps = decodeCapabilities(REAL_PROBES.namespaces.capEff)!;
    expect(caps.count).toBe(40);
    expect(caps.missing).toEqual(['CAP_SYS_RESOURCE']);
    expect(listCapabilities(caps)).toBe('all but CAP_SYS_RESOURCE');
  });

  it('decodes Docker’s default set (14 capabilities, none notable)', () => {
    const caps = decodeCapabilities('00000000a80425fb')!;
    expect(caps.count).toBe(14);
    expect(caps.names).toContain('CAP_NET_RAW');
    expect(caps.names).toContain('CAP_SETFCAP');
    expect(caps.notable).toEqual([]);
  });

  it('handles the empty set, bits newer than the list, and values that are not a mask', () => {
    expect(decodeCapabilities('0000000000000000')).toMatchObject({ count: 0, names: [] });
    expect(listCapabilities(decodeCapabilities('0')!)).toBe('none');
    expect(decodeCapabilities('0000020000000000')?.names).toEqual(['cap 41']);
    expect(decodeCapabilities(null)).toBeNull();
    expect(decodeCapabilities('')).toBeNull();
    expect(decodeCapabilities('zz')).toBeNull();
    expect(decodeCapabilities('1'.repeat(17))).toBeNull();
  });
});

describe('probe scenarios and columns', () => {
  it('finds the isolation scenario as probe-only, the startup scenario not', () => {
    expect([...probeScenarios(run)]).toEqual(['isolation']);
    expect(probeScenarios(noProbes).size).toBe(0);
  });

  it('gives one column per probed runtime, in order, with the real probe’s values', () => {
    const columns = isolationColumns(run);
    expect(columns.map((c) => c.runtime)).toEqual(['qemu-q35', 'qemu-microvm', 'namespaces', 'runc']);
    expect(columns.map((c) => c.kind)).toEqual(['vm', 'vm', 'container', 'container']);
    expect(columns[3]?.probe).toEqual(REAL_PROBES.runc);
    expect(isolationColumns(noProbes)).toEqual([]);
  });

  it('reads a small pid with few processes as an own pid namespace, anything else as the host’s', () => {
    expect(readPid(REAL_PROBES.runc)).toBe('own namespace');
    expect(readPid({ ...REAL_PROBES.runc, processesVisible: 74 })).toBe('host processes visible');
    expect(readPid({ ...REAL_PROBES.runc, pidInside: 81234 })).toBe('host processes visible');
    expect(readPid({ ...REAL_PROBES.runc, pidInside: null })).toBe('not reported');
  });
});

describe('the matrix rows', () => {
  it('own kernel: the guest kernel for VMs, the host kernel for containers', () => {
    expect(matrix(run, 'qemu-q35', 'own-kernel')).toEqual({ main: 'yes: the guest kernel', notes: [GUEST_KERNEL, `host: ${HOST_KERNEL}`] });
    expect(matrix(run, 'runc', 'own-kernel')).toEqual({ main: 'no: the host kernel', notes: [HOST_KERNEL] });
    const sameString = withSamples(run, (s) =>
      s.kind === 'vm' && s.isolation !== null ? { ...s, instanceKernel: HOST_KERNEL, isolation: { ...s.isolation, ownKernel: false } } : s,
    );
    expect(matrix(sameString, 'qemu-q35', 'own-kernel').main).toBe('yes: the guest kernel');
    expect(matrix(sameString, 'qemu-q35', 'own-kernel').notes.join(' ')).toContain('separate kernel booted by QEMU');
  });

  it('hardware virtualization: TCG or KVM for VMs, none for containers', () => {
    expect(matrix(run, 'qemu-microvm', 'hardware-virtualization').main).toBe('no: TCG');
    expect(matrix(run, 'namespaces', 'hardware-virtualization').main).toBe('none (shares the host kernel)');
    const kvm = withSamples(run, (s) =>
      s.kind === 'vm' && s.isolation !== null ? { ...s, accel: 'kvm', isolation: { ...s.isolation, hardwareVirtualization: true } } : s,
    );
    expect(matrix(kvm, 'qemu-q35', 'hardware-virtualization').main).toBe('yes: KVM');
  });

  it('pid: how many of the host’s processes a container sees; a VM sees its guest’s', () => {
    expect(matrix(run, 'namespaces', 'pid')).toEqual({ main: 'yes: sees 2 of the host’s 72 processes', notes: ['probe is pid 2'] });
    expect(matrix(run, 'qemu-q35', 'pid').main).toBe('own kernel: sees the guest’s 46 processes');
    const leaky = withProbe(run, 'runc', { pidInside: 81234, processesVisible: 74 });
    expect(matrix(leaky, 'runc', 'pid')).toMatchObject({ main: 'no: sees 74 of the host’s 74 processes', leak: true });
  });

  it('network: loopback only, or more', () => {
    expect(matrix(run, 'runc', 'network').main).toBe('loopback only');
    expect(matrix(withProbe(run, 'runc', { interfaces: 3 }), 'runc', 'network')).toMatchObject({ main: '3 interfaces', leak: true });
    expect(matrix(withProbe(run, 'runc', { interfaces: null }), 'runc', 'network').main).toBe('not reported');
  });

  it('mounts: the count inside', () => {
    expect(matrix(run, 'runc', 'mounts').main).toBe('15 mounts');
    expect(matrix(run, 'namespaces', 'mounts').main).toBe('1 mount');
  });

  it('capabilities: all (guest root) in a VM, a count and the notable ones in a container', () => {
    expect(matrix(run, 'qemu-q35', 'capabilities').main).toBe('all (guest root)');
    const ns = matrix(run, 'namespaces', 'capabilities');
    expect(ns.main).toBe('40 capabilities');
    expect(ns.notes).toEqual([
      'incl. CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_SYS_PTRACE, CAP_SYS_MODULE',
      'all but CAP_SYS_RESOURCE',
      'CapEff 000001fffeffffff',
    ]);
    expect(matrix(run, 'runc', 'capabilities')).toEqual({
      main: '3 capabilities',
      notes: ['none of the notable ones', 'CAP_KILL, CAP_NET_BIND_SERVICE, CAP_AUDIT_WRITE', 'CapEff 0000000020000420'],
    });
  });

  it('seccomp: off, strict or filter with the mode', () => {
    expect(matrix(run, 'runc', 'seccomp').main).toBe('off (0)');
    expect(matrix(withProbe(run, 'runc', { seccomp: 2 }), 'runc', 'seccomp').main).toBe('filter (2)');
  });

  it('user namespace: none when uid_map is the host’s own, else the mapping', () => {
    expect(matrix(run, 'runc', 'user-namespace')).toEqual({ main: 'none: root inside is root outside', notes: ['uid_map 0:0:4294967295'] });
    expect(matrix(withProbe(run, 'runc', { uidMap: '0:100000:65536' }), 'runc', 'user-namespace').main).toBe(
      'mapped: uid 0 inside is uid 100000 outside',
    );
    expect(matrix(run, 'qemu-q35', 'user-namespace').main).toBe('n/a: the guest’s own uids');
  });

  it('hostname: allowed and kept inside, refused without CAP_SYS_ADMIN, or a leak', () => {
    expect(matrix(run, 'namespaces', 'hostname').main).toBe('allowed; stayed inside');
    expect(matrix(run, 'runc', 'hostname')).toEqual({ main: 'refused', notes: ['no CAP_SYS_ADMIN; host’s unchanged'] });
    expect(matrix(withProbe(run, 'namespaces', { hostHostnameUnchanged: false }), 'namespaces', 'hostname')).toMatchObject({ leak: true });
  });
});

describe('Isolation section', () => {
  it('follows the density section, with its own entry in the table of contents', () => {
    const markup = markupOnly(page);
    expect(markup).toContain('<a href="#isolation">Isolation</a>');
    const order = ['id="charts"', 'id="density"', 'id="isolation"', 'id="claims"'].map((id) => markup.indexOf(id));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('has one column per probed runtime with its badge, and one row per question with how it is measured', () => {
    const section = markupOnly(page).slice(page.indexOf('<section id="isolation">'));
    for (const rt of ['qemu-q35', 'qemu-microvm', 'namespaces', 'runc'])
      expect(section).toContain(`<th class="runtime-col" data-runtime="${rt}">`);
    for (const row of ISOLATION_ROWS) expect(page).toContain(`${escapeHtml(row.label)}<span class="how">${escapeHtml(row.how)}</span>`);
    expect(section).toMatch(/class="kind kind-vm">VM<\/span> <span class="muted">TCG · q35<\/span>/);
  });

  it('shows the real probe’s figures', () => {
    expect(cell(page, 'namespaces', 'pid')).toBe('yes: sees 2 of the host’s 72 processes\nprobe is pid 2');
    expect(cell(page, 'runc', 'capabilities')).toContain('3 capabilities');
    expect(cell(page, 'qemu-q35', 'hardware-virtualization')).toBe('no: TCG\nQEMU emulates the CPU in software');
    expect(cell(page, 'runc', 'hostname')).toBe('refused\nno CAP_SYS_ADMIN; host’s unchanged');
  });

  it('marks a cell that shows the host seen from inside', () => {
    const leaky = renderHtmlReport({ runs: [withProbe(run, 'runc', { pidInside: 81234, processesVisible: 74 })] });
    expect(leaky).toContain('<td class="leak" data-runtime="runc" data-cell="pid">');
    expect(cell(leaky, 'runc', 'pid')).toMatch(/^⚠ no: sees 74 of the host’s 74 processes/);
    expect(page).not.toContain('class="leak"');
  });

  it('shows the C4 and C6 verdicts next to the matrix', () => {
    expect(page).toMatch(/<a href="#claims">C4<\/a> <span class="verdict verdict-supported">supported<\/span>/);
    expect(page).toMatch(/<a href="#claims">C6<\/a> <span class="verdict verdict-not-measured">not measured<\/span>/);
  });

  it('says how to get probe data when the run has none', () => {
    const html = renderHtmlReport({ runs: [noProbes] });
    expect(html).toContain('<section id="isolation">');
    expect(html).toContain('No probe sample in this run: run the isolation scenario');
    expect(html).not.toContain('class="isolation-table"');
  });

  it('names runtimes the isolation scenario could not probe', () => {
    const skipped = {
      ...run,
      meta: { ...run.meta, skipped: [{ scenario: 'isolation', runtime: 'crun', reason: 'crun refuses cgroup hybrid mode.' }] },
    };
    expect(renderHtmlReport({ runs: [skipped] })).toContain(
      'Not probed: <strong>crun</strong> (not run on this host: crun refuses cgroup hybrid mode).',
    );
  });

  it('says when a runtime was probed more than once', () => {
    const twice = renderHtmlReport({ runs: [withExtraProbe(run, 'runc', {})] });
    expect(twice).toContain('first of 2 probe launches');
  });

  it('treats a hostile runtime name as text', () => {
    const html = renderHtmlReport({ runs: [makeRunWithHostileName()] });
    expect(markupOnly(html)).not.toContain(XSS_RUNTIME);
    expect(html).toContain(`data-runtime="${escapeHtml(XSS_RUNTIME)}" data-cell="pid"`);
  });

  it('gives each run of a comparison its own isolation section', () => {
    const html = renderHtmlReport({ runs: [run, makeRunData({ runId: 'other', seed: 3 })] });
    const ids = new Set(idsIn(html));
    expect(ids).toContain('run1-isolation');
    expect(ids).toContain('run2-isolation');
    for (const m of markupOnly(html).matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(m[1]);
  });
});

describe('C4: namespaces isolate what a container sees', () => {
  it('names the runtimes with and without a user namespace when only some map root away', () => {
    const v = evaluateC4(withProbe(run, 'runc', { uidMap: '0:100000:65536' }));
    const [headline] = v.evidence.split('\n');
    expect(headline).toContain(
      'user namespace: runc maps uid 0 to uid 100000 outside; namespaces uses none (root inside is root outside).',
    );
  });

  it('is supported for the parts measured on the real probes, and says which parts were not measured', () => {
    const v = evaluateC4(run);
    expect(v).toMatchObject({ verdict: 'supported', chartId: 'isolation' });
    const [headline, ...lines] = v.evidence.split('\n');
    expect(headline).toBe(
      'Supported for the parts measured: pid, net and uts isolation observed in 2 container runtimes (namespaces, runc); ipc not probed; user namespace not used by these runtimes (root inside is root outside).',
    );
    expect(lines).toContain(
      'namespaces: pid 2, sees 2 of the host’s 72 processes; loopback only; 1 mount; hostname set to vmbench-probe inside, the host’s unchanged; uid_map 0:0:4294967295.',
    );
    expect(lines).toContain(
      'runc: pid 7, sees 2 of the host’s 74 processes; loopback only; 15 mounts; hostname change refused (no CAP_SYS_ADMIN), the host’s unchanged; uid_map 0:0:4294967295.',
    );
    const notMeasured = lines.find((l) => l.startsWith('Not measured:'));
    expect(notMeasured).toContain('ipc: no IPC objects are probed');
    expect(notMeasured).toContain('“uid 0 inside mapped to non-root outside” was not measured');
    expect(notMeasured).toContain('does not try to signal');
    expect(notMeasured).toContain('mnt: each container’s mount table is counted inside (1–15 entries)');
  });

  it('is not supported when a container sees the host’s processes', () => {
    const v = evaluateC4(withProbe(run, 'runc', { pidInside: 81234, processesVisible: 74 }));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toMatch(/^Not supported: runc sees 74 of the host’s 74 processes \(its pid: 81234\)\./);
  });

  it('is not supported when a container sees more than loopback, or changed the host’s hostname', () => {
    const net = evaluateC4(withProbe(run, 'namespaces', { interfaces: 3 }));
    expect(net.verdict).toBe('not supported');
    expect(net.evidence).toContain('namespaces sees 3 network interfaces, more than loopback');
    const uts = evaluateC4(withProbe(run, 'namespaces', { hostHostnameUnchanged: false }));
    expect(uts.verdict).toBe('not supported');
    expect(uts.evidence).toContain('the host’s hostname changed when namespaces set its own');
  });

  it('checks every probe launch, not only the first', () => {
    const v = evaluateC4(withExtraProbe(run, 'runc', { processesVisible: 74, pidInside: 4100 }));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toContain('(2 probes; one that saw the host shown)');
  });

  it('is not measured without probe data, and says how to get it', () => {
    const v = evaluateC4(noProbes);
    expect(v).toMatchObject({ verdict: 'not measured', chartId: 'isolation' });
    expect(v.evidence).toContain('no probe sample');
    expect(v.evidence).toContain('vmbench run isolation');
  });

  it('is not measured when only VMs ran the probe', () => {
    const v = evaluateC4(makeRunData({ runtimes: runtimesNamed('qemu-q35', 'qemu-microvm'), failures: [] }));
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toBe('Not measured: no container ran the probe workload; only VMs did (qemu-q35, qemu-microvm).');
  });

  it('is not measured when the probe did not report a deciding field', () => {
    const v = evaluateC4(withProbe(run, 'runc', { processesVisible: null }));
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toMatch(/^Not measured: the probe did not report runc: pid or process count/);
  });

  it('does not count uts as observed when every container refused the hostname change', () => {
    const v = evaluateC4(withProbe(run, 'namespaces', { hostnameInside: 'refused' }));
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/^Supported for the parts measured: pid and net isolation observed/);
    expect(v.evidence).toContain('uts: every container refused the hostname change');
  });

  it('counts the user namespace when every container maps root to a non-root uid', () => {
    const mapped = withProbe(withProbe(run, 'runc', { uidMap: '0:100000:65536' }), 'namespaces', { uidMap: '0:200000:65536' });
    const v = evaluateC4(mapped);
    expect(v.evidence).toMatch(/^Supported for the parts measured: pid, net, uts and user isolation observed/);
    expect(v.evidence).toContain('a user namespace maps root inside to a non-root uid outside');
  });
});

describe('C6: reported, not scored', () => {
  it('summarizes the matrix: own kernels, no KVM, container capabilities, seccomp and user namespace', () => {
    const v = evaluateC6(run);
    expect(v).toMatchObject({ verdict: 'not measured', chartId: 'isolation' });
    expect(v.evidence).toMatch(/^Reported, not scored/);
    expect(v.evidence).toContain(`qemu-q35: own kernel ${GUEST_KERNEL}, TCG software emulation (no hardware virtualization)`);
    expect(v.evidence).toContain('None of the VMs used KVM here');
    expect(v.evidence).toContain(`Containers — share the host kernel (${HOST_KERNEL})`);
    expect(v.evidence).toContain(
      'namespaces: 40 capabilities incl. CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_SYS_PTRACE, CAP_SYS_MODULE, seccomp off (0), no user namespace (root inside is root outside)',
    );
    expect(v.evidence).toContain('runc: 3 capabilities (CAP_KILL, CAP_NET_BIND_SERVICE, CAP_AUDIT_WRITE), none of the notable ones');
  });

  it('says KVM when the VMs used it', () => {
    const kvm = withSamples(run, (s) =>
      s.kind === 'vm' && s.isolation !== null ? { ...s, accel: 'kvm', isolation: { ...s.isolation, hardwareVirtualization: true } } : s,
    );
    const v = evaluateC6(kvm);
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toContain('qemu-q35: own kernel 6.1.0-28-cloud-amd64, KVM (hardware-assisted)');
    expect(v.evidence).not.toContain('None of the VMs used KVM');
  });
});

describe('the isolation scenario and timing', () => {
  it('C1 leaves the probe scenario’s single launches out', () => {
    const v = evaluateC1(run);
    expect(v.verdict).toBe('supported');
    expect(v.evidence).not.toContain('isolation');
    expect(v.evidence).not.toContain('no interval');
  });

  it('C1 is not measured when the only VM/container pairs come from the probe', () => {
    const probeOnly = makeRunData({ iterations: 0, warmups: 0, failures: [], density: 'none' });
    // summarize() gives no ratios for probe-only scenarios, so there is nothing for C1 to judge.
    expect(probeOnly.summary.comparisons).toEqual([]);
    const v = evaluateC1(probeOnly);
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toContain('no VM/container ratio');
  });

  it('raises no few-samples caveat for the probe’s one launch per runtime', () => {
    expect(deriveCaveats(run).some((c) => c.text.includes('n = 1'))).toBe(false);
    const few = makeRunData({ iterations: 3, failures: [] });
    expect(deriveCaveats(few).find((c) => c.text.includes('fewer than'))?.text).toMatch(/^qemu-q35 \(n = 3\)/);
  });
});

describe('Markdown export', () => {
  const md = renderMarkdownSummary({ runs: [run] });

  it('has the isolation matrix between density and claims, with the section’s texts', () => {
    const at = ['## Memory and density', '## Isolation', '## Claims'].map((h) => md.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(md).toContain(
      '| Question | qemu-q35 (VM · TCG · q35) | qemu-microvm (VM · TCG · microvm) | namespaces (container · namespaces) | runc (container · runc) |',
    );
    expect(md).toMatch(
      /\| Own pid namespace \| own kernel: sees the guest’s 46 processes — host: 78; probe is pid 79 in the guest \| .* \| yes: sees 2 of the host’s 72 processes — probe is pid 2 \|/,
    );
    expect(md).toContain(
      '| Effective capabilities | all (guest root) — 41 capabilities, over the guest kernel only; CapEff 000001ffffffffff |',
    );
    expect(md).toContain('- Own kernel: Kernel release (uname -r) inside vs the host’s; a VM runs the kernel QEMU booted.');
  });

  it('says how to get probe data when the run has none', () => {
    expect(renderMarkdownSummary({ runs: [noProbes] })).toContain(
      '## Isolation\n\n_No probe sample in this run: run the isolation scenario',
    );
  });
});
