/**
 * Questions about the probe workload's samples (StartupSample.isolation) that the "Isolation"
 * section, the Markdown summary and claims C1, C4 and C6 ask the same way: which runtimes were
 * probed, what a CapEff mask means, and how each probe field reads (own pid namespace or the
 * host's processes, loopback only or more, hostname kept inside or refused, user namespace or not).
 * Every reading is plain text, so the HTML matrix and the Markdown table say the same.
 */
import type { IsolationProbe, StartupSample } from '../harness/results/format.js';
import type { RunData } from './report-input.js';
import { describeInstance, hasUserSpaceKernel, type InstanceDescription } from './run-facts.js';

/** Linux capability numbers (include/uapi/linux/capability.h), CAP_CHOWN = bit 0 … CAP_CHECKPOINT_RESTORE = 40. */
export const CAPABILITY_NAMES: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];

/** The capabilities that matter most for escaping a container: mounts and namespaces, network, other processes, kernel modules. */
export const NOTABLE_CAPABILITIES: readonly string[] = ['CAP_SYS_ADMIN', 'CAP_NET_ADMIN', 'CAP_SYS_PTRACE', 'CAP_SYS_MODULE'];

export interface DecodedCapabilities {
  /** The mask as the instance reported it. */
  hex: string;
  /** Bits set. */
  count: number;
  /** Names of the bits set, in bit order ("cap 45" for a bit newer than this list). */
  names: string[];
  /** Known capabilities not set. */
  missing: string[];
  /** The notable capabilities among those set. */
  notable: string[];
}

/** CapEff as /proc/self/status prints it (hex, up to 64 bits); null when absent or not hex. */
export function decodeCapabilities(hex: string | null): DecodedCapabilities | null {
  if (hex === null || !/^(0x)?[0-9a-f]{1,16}$/i.test(hex)) return null;
  const mask = BigInt(`0x${hex.replace(/^0x/i, '')}`);
  const names: string[] = [];
  for (let bit = 0; bit < 64; bit++) {
    if ((mask >> BigInt(bit)) & 1n) names.push(CAPABILITY_NAMES[bit] ?? `cap ${bit}`);
  }
  return {
    hex,
    count: names.length,
    names,
    missing: CAPABILITY_NAMES.filter((n) => !names.includes(n)),
    notable: NOTABLE_CAPABILITIES.filter((n) => names.includes(n)),
  };
}

/** "CAP_KILL, CAP_NET_BIND_SERVICE, CAP_AUDIT_WRITE" or, for a nearly full set, "all but CAP_SYS_RESOURCE". */
export function listCapabilities(caps: DecodedCapabilities): string {
  if (caps.count === 0) return 'none';
  if (caps.missing.length === 0) return `all ${CAPABILITY_NAMES.length} known`;
  if (caps.count > CAPABILITY_NAMES.length / 2) return `all but ${caps.missing.join(', ')}`;
  return caps.names.join(', ');
}

/** "incl. CAP_SYS_ADMIN, CAP_NET_ADMIN" or "none of the notable ones" (NOTABLE_CAPABILITIES). */
export function notableCapabilities(caps: DecodedCapabilities): string {
  return caps.notable.length === 0 ? 'none of the notable ones' : `incl. ${caps.notable.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// Which launches ran the probe

/** A launch of the probe workload that reported its isolation. */
export type ProbeSample = StartupSample & { isolation: IsolationProbe };

export function hasIsolation(s: StartupSample): s is ProbeSample {
  return s.outcome === 'ok' && s.isolation !== null;
}

/** Every probe sample of the run, warmups included (isolation is a fact, not a timing). */
export function probeSamples(run: RunData): ProbeSample[] {
  return run.samples.filter(hasIsolation);
}

/**
 * Scenarios that ran only the probe workload: one launch per runtime to read facts, not to time
 * anything. Timing claims (C1) and sample-count caveats leave them out.
 */
export function probeScenarios(run: RunData): Set<string> {
  const workloads = new Map<string, Set<string>>();
  for (const s of run.samples) {
    let w = workloads.get(s.scenario);
    if (w === undefined) workloads.set(s.scenario, (w = new Set()));
    w.add(s.workload);
  }
  return new Set([...workloads].filter(([, w]) => w.size === 1 && w.has('probe')).map(([scenario]) => scenario));
}

/** One column of the isolation matrix: a runtime and the probe launch shown for it. */
export interface IsolationColumn extends InstanceDescription {
  /** The probe launch the matrix shows: the first measured one (a warmup only when there is no other). */
  sample: ProbeSample;
  probe: IsolationProbe;
  /** Every probe launch of this runtime (C4 checks each). */
  all: ProbeSample[];
}

/** One column per runtime with a probe sample, in order of first appearance. */
export function isolationColumns(run: RunData): IsolationColumn[] {
  const byRuntime = new Map<string, ProbeSample[]>();
  for (const s of probeSamples(run)) {
    const key = JSON.stringify([s.runtime, s.kind]);
    const list = byRuntime.get(key) ?? [];
    list.push(s);
    byRuntime.set(key, list);
  }
  // VMs, then user-space-kernel sandboxes, then containers: the matrix reads from the strongest boundary down.
  const rank = (s: ProbeSample): number => (s.kind === 'vm' ? 0 : hasUserSpaceKernel(s) ? 1 : 2);
  return [...byRuntime.values()]
    .sort((a, b) => rank(a[0]!) - rank(b[0]!))
    .map((all) => {
      const sample = all.find((s) => !s.warmup) ?? all[0]!;
      return {
        scenario: sample.scenario,
        runtime: sample.runtime,
        kind: sample.kind,
        backend: sample.backend,
        accel: sample.accel,
        machine: sample.machine,
        sample,
        probe: sample.isolation,
        all,
      };
    });
}

/** Runtimes a probe scenario meant to run but that gave no probe: skipped on this host, or every probe launch failed. */
export function unprobedRuntimes(run: RunData): Array<{ runtime: string; why: string }> {
  const probed = new Set(probeSamples(run).map((s) => s.runtime));
  const scenarios = probeScenarios(run);
  const out: Array<{ runtime: string; why: string }> = [];
  for (const s of run.meta.skipped ?? []) {
    if (scenarios.has(s.scenario) && !probed.has(s.runtime))
      out.push({ runtime: s.runtime, why: `not run on this host: ${s.reason.replace(/\.\s*$/, '')}` });
  }
  const failed = new Map<string, number>();
  for (const s of run.samples) {
    if (s.workload === 'probe' && s.outcome !== 'ok' && !probed.has(s.runtime)) failed.set(s.runtime, (failed.get(s.runtime) ?? 0) + 1);
  }
  for (const [runtime, n] of failed)
    out.push({ runtime, why: `${n === 1 ? 'its probe launch' : `all ${n} probe launches`} did not reach ready (see Failures)` });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading one probe

/**
 * A new pid namespace numbers its processes from 1, and the probe's shell is among the first few
 * the container starts; on the host's namespace it would get whatever pid is next (hundreds or
 * more on a running host).
 */
export const SMALL_PID = 100;
/** "Few" processes: at most this share of the host's own count. */
export const FEW_PROCESSES_SHARE = 0.25;

export type PidReading = 'own namespace' | 'host processes visible' | 'not reported';

/** Container: own pid namespace when its pid is small and it sees few of the host's processes. */
export function readPid(p: IsolationProbe): PidReading {
  if (p.pidInside === null || p.processesVisible === null) return 'not reported';
  return p.pidInside <= SMALL_PID && p.processesVisible <= FEW_PROCESSES_SHARE * p.hostProcesses
    ? 'own namespace'
    : 'host processes visible';
}

export type NetReading = 'loopback only' | 'no interface' | 'more than loopback' | 'not reported';

/** These runtimes give a container no network device (and the VMs no NIC): anything beyond loopback is someone else's. */
export function readNet(p: IsolationProbe): NetReading {
  if (p.interfaces === null) return 'not reported';
  if (p.interfaces === 1) return 'loopback only';
  return p.interfaces < 1 ? 'no interface' : 'more than loopback';
}

export type UtsReading = 'changed inside only' | 'refused' | 'host hostname changed' | 'unexpected' | 'not reported';

export const PROBE_HOSTNAME = 'vmbench-probe';

export function readUts(p: IsolationProbe): UtsReading {
  if (!p.hostHostnameUnchanged) return 'host hostname changed';
  if (p.hostnameInside === null) return 'not reported';
  if (p.hostnameInside === PROBE_HOSTNAME) return 'changed inside only';
  return p.hostnameInside === 'refused' ? 'refused' : 'unexpected';
}

/** The initial user namespace's uid_map: every uid maps to itself. */
export const HOST_UID_MAP = '0:0:4294967295';

export type UserNsReading =
  { state: 'none' } | { state: 'mapped'; inside: number; outside: number; count: number } | { state: 'not reported'; raw: string | null };

export function readUserNamespace(p: IsolationProbe): UserNsReading {
  if (p.uidMap === HOST_UID_MAP) return { state: 'none' };
  const m = p.uidMap === null ? null : /^(\d+):(\d+):(\d+)$/.exec(p.uidMap);
  if (m === null) return { state: 'not reported', raw: p.uidMap };
  return { state: 'mapped', inside: Number(m[1]), outside: Number(m[2]), count: Number(m[3]) };
}

export function seccompName(mode: number | null): string {
  switch (mode) {
    case null:
      return 'not reported';
    case 0:
      return 'off';
    case 1:
      return 'strict';
    case 2:
      return 'filter';
    default:
      return `mode ${mode}`;
  }
}

/** Hardware virtualization of a VM: what the probe recorded, else the accelerator the sample ran with. */
export function usedKvm(c: Pick<IsolationColumn, 'probe' | 'accel'>): boolean | null {
  return c.probe.hardwareVirtualization ?? (c.accel === null ? null : c.accel === 'kvm');
}

// ---------------------------------------------------------------------------------------------
// The matrix: one row per question, one plain-text cell per runtime

/** One cell: the answer, lines of detail, and "leak" when it shows the instance seeing or changing the host. */
export interface MatrixCell {
  main: string;
  notes: string[];
  leak?: boolean;
}

export interface MatrixRow {
  key: string;
  label: string;
  /** One line: how the row is measured. */
  how: string;
  cell: (c: IsolationColumn, run: RunData) => MatrixCell;
}

const NOT_REPORTED: MatrixCell = { main: 'not reported', notes: ['the probe gave no value'] };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function kernelCell(c: IsolationColumn, run: RunData): MatrixCell {
  const inside = c.sample.instanceKernel;
  const host = run.env.hostKernel;
  if (c.kind === 'vm') {
    // A VM's kernel is the one QEMU booted, even when its release string equals the host's (C3).
    const notes = inside === null ? ['release not reported'] : [inside, `host: ${host}`];
    if (c.probe.ownKernel === false) notes.push('same release string as the host, but a separate kernel booted by QEMU');
    return { main: 'yes: the guest kernel', notes };
  }
  if (c.probe.ownKernel === null || inside === null) return NOT_REPORTED;
  if (hasUserSpaceKernel(c))
    return { main: 'its own user-space kernel (gVisor’s sentry)', notes: [inside, `the sentry runs on the host kernel ${host}`] };
  return c.probe.ownKernel
    ? { main: 'differs from the host', notes: [inside, `host: ${host}`] }
    : { main: 'no: the host kernel', notes: [inside] };
}

function hardwareCell(c: IsolationColumn): MatrixCell {
  if (hasUserSpaceKernel(c))
    return { main: 'none: system calls trapped in software', notes: [`gVisor ${c.machine ?? 'platform not recorded'}`] };
  if (c.kind === 'container') return { main: 'none (shares the host kernel)', notes: [] };
  const kvm = usedKvm(c);
  if (kvm === null) return NOT_REPORTED;
  return kvm
    ? { main: 'yes: KVM', notes: ['the CPU’s virtualization extensions'] }
    : { main: 'no: TCG', notes: ['QEMU emulates the CPU in software'] };
}

function pidCell(c: IsolationColumn): MatrixCell {
  const p = c.probe;
  if (p.pidInside === null || p.processesVisible === null) return NOT_REPORTED;
  if (c.kind === 'vm') {
    return {
      main: `own kernel: sees the guest’s ${plural(p.processesVisible, 'process', 'processes')}`,
      notes: [`host: ${p.hostProcesses}; probe is pid ${p.pidInside} in the guest`],
    };
  }
  return readPid(p) === 'own namespace'
    ? {
        main: `yes: sees ${p.processesVisible} of the host’s ${plural(p.hostProcesses, 'process', 'processes')}`,
        notes: [`probe is pid ${p.pidInside}`],
      }
    : {
        main: `no: sees ${p.processesVisible} of the host’s ${plural(p.hostProcesses, 'process', 'processes')}`,
        notes: [`probe is pid ${p.pidInside}`],
        leak: true,
      };
}

function netCell(c: IsolationColumn): MatrixCell {
  const p = c.probe;
  switch (readNet(p)) {
    case 'not reported':
      return NOT_REPORTED;
    case 'loopback only':
      return { main: 'loopback only', notes: ['1 interface'] };
    case 'no interface':
      return { main: 'no interface', notes: ['not even loopback'] };
    case 'more than loopback':
      return c.kind === 'vm'
        ? { main: plural(p.interfaces as number, 'interface'), notes: ['the guest’s own'] }
        : {
            main: plural(p.interfaces as number, 'interface'),
            notes: ['more than loopback: the host’s, unless the runtime added one'],
            leak: true,
          };
  }
}

function mountsCell(c: IsolationColumn): MatrixCell {
  const n = c.probe.mounts;
  if (n === null) return NOT_REPORTED;
  return { main: plural(n, 'mount'), notes: [c.kind === 'vm' ? 'the guest’s own' : 'its own mount table'] };
}

function capabilitiesCell(c: IsolationColumn): MatrixCell {
  const caps = decodeCapabilities(c.probe.capEff);
  if (caps === null) return c.probe.capEff === null ? NOT_REPORTED : { main: 'unreadable', notes: [`CapEff ${c.probe.capEff}`] };
  if (c.kind === 'vm')
    return {
      main: 'all (guest root)',
      notes: [`${plural(caps.count, 'capability', 'capabilities')}, over the guest kernel only`, `CapEff ${caps.hex}`],
    };
  return {
    main: plural(caps.count, 'capability', 'capabilities'),
    notes: [notableCapabilities(caps), ...(caps.notable.length === caps.count ? [] : [listCapabilities(caps)]), `CapEff ${caps.hex}`],
  };
}

function seccompCell(c: IsolationColumn): MatrixCell {
  const mode = c.probe.seccomp;
  if (mode === null) return NOT_REPORTED;
  return {
    main: `${seccompName(mode)} (${mode})`,
    notes: c.kind === 'vm' ? ['inside the guest'] : mode === 0 ? ['no system-call filter'] : [],
  };
}

function userNsCell(c: IsolationColumn): MatrixCell {
  const u = readUserNamespace(c.probe);
  if (c.kind === 'vm') return { main: 'n/a: the guest’s own uids', notes: [`uid_map ${c.probe.uidMap ?? 'not reported'} in the guest`] };
  switch (u.state) {
    case 'none':
      return { main: 'none: root inside is root outside', notes: [`uid_map ${HOST_UID_MAP}`] };
    case 'mapped':
      return { main: `mapped: uid ${u.inside} inside is uid ${u.outside} outside`, notes: [`${plural(u.count, 'uid')} mapped`] };
    case 'not reported':
      return { main: 'not reported', notes: [u.raw === null ? 'the probe gave no value' : `uid_map ${u.raw}`] };
  }
}

function hostnameCell(c: IsolationColumn): MatrixCell {
  const p = c.probe;
  switch (readUts(p)) {
    case 'host hostname changed':
      return { main: 'changed the host’s hostname', notes: [`inside: ${p.hostnameInside ?? 'not reported'}`], leak: true };
    case 'not reported':
      return NOT_REPORTED;
    case 'changed inside only':
      return { main: 'allowed; stayed inside', notes: [`inside: ${PROBE_HOSTNAME}; host’s unchanged`] };
    case 'refused': {
      const caps = decodeCapabilities(p.capEff);
      const why = caps !== null && !caps.names.includes('CAP_SYS_ADMIN') ? 'no CAP_SYS_ADMIN' : 'not permitted by the runtime';
      return { main: 'refused', notes: [`${why}; host’s unchanged`] };
    }
    case 'unexpected':
      return { main: `reads “${p.hostnameInside}” after the change`, notes: ['host’s unchanged'] };
  }
}

const row = (key: string, label: string, how: string, cell: MatrixRow['cell']): MatrixRow => ({ key, label, how, cell });

/** The matrix, in groups: what the instance runs on, what it sees, what it may do. */
export const ISOLATION_GROUPS: ReadonlyArray<{ title: string; rows: readonly MatrixRow[] }> = [
  {
    title: 'Kernel',
    rows: [
      row('own-kernel', 'Own kernel', 'Kernel release (uname -r) inside vs the host’s; a VM runs the kernel QEMU booted.', kernelCell),
      row(
        'hardware-virtualization',
        'Hardware virtualization',
        'The accelerator QEMU ran with: KVM (hardware-assisted) or TCG (software emulation).',
        hardwareCell,
      ),
    ],
  },
  {
    title: 'What it sees (namespaces)',
    rows: [
      row(
        'pid',
        'Own pid namespace',
        `Processes in /proc inside and the probe’s own pid, vs the host’s process count at the same moment (own: pid ≤ ${SMALL_PID} and at most ${FEW_PROCESSES_SHARE * 100}% of the host’s processes).`,
        pidCell,
      ),
      row('network', 'Network', 'Interfaces in /proc/net/dev inside (1 = loopback only).', netCell),
      row('mounts', 'Mounts visible', 'Lines of /proc/mounts inside (the host’s own count is not recorded).', mountsCell),
      row(
        'hostname',
        'Hostname change (uts)',
        `The probe sets its hostname to ${PROBE_HOSTNAME}; the host then checks its own did not change.`,
        hostnameCell,
      ),
      row(
        'user-namespace',
        'User namespace',
        `/proc/self/uid_map inside; ${HOST_UID_MAP} (every uid maps to itself) means none.`,
        userNsCell,
      ),
    ],
  },
  {
    title: 'What it may do (privileges)',
    rows: [
      row(
        'capabilities',
        'Effective capabilities',
        `CapEff of /proc/self/status, decoded; notable: ${NOTABLE_CAPABILITIES.join(', ')}.`,
        capabilitiesCell,
      ),
      row('seccomp', 'Seccomp', 'The Seccomp field of /proc/self/status: 0 off, 1 strict, 2 filter.', seccompCell),
    ],
  },
];

export const ISOLATION_ROWS: readonly MatrixRow[] = ISOLATION_GROUPS.flatMap((g) => g.rows);

/** "qemu-q35 (VM · TCG · q35)": a column's title in text. */
export function columnTitle(c: IsolationColumn): string {
  return `${c.runtime} (${describeInstance(c)})`;
}
