/**
 * What differs between the hosts (and tools) of the two sides, named before any verdict: a change
 * between runs on different kernels, CPUs, accelerators or THP modes may come from that and not
 * from the software under test. Several runs a side: a side's value lists each distinct value.
 */
import type { EnvInfo } from '../results/format.js';
import type { ComparableRun } from './comparable-run.js';

export interface HostDifference {
  what: string;
  base: string;
  other: string;
}

const MIB = 2 ** 20;
const GIB = 2 ** 30;

function gib(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? 'unknown' : `${(bytes / GIB).toFixed(1)} GiB`;
}

function orUnknown(v: string | number | null | undefined): string {
  return v === null || v === undefined ? 'not available' : String(v);
}

/** Each field: its name and how to read it from a run (exact string comparison). */
const FIELDS: Array<[string, (r: ComparableRun) => string]> = [
  ['CPU', (r) => r.env.cpuModel],
  ['cores', (r) => String(r.env.cores)],
  ['memory', (r) => gib(r.env.memTotalBytes)],
  ['host kernel', (r) => r.env.hostKernel],
  ['host virtualization', (r) => r.env.hostVirtualization],
  ['CPU microcode', (r) => orUnknown(r.env.fingerprint?.microcode)],
  ['CPU frequency governor', (r) => orUnknown(r.env.fingerprint?.cpuGovernor)],
  ['CPU boost', (r) => orUnknown(r.env.fingerprint?.cpuBoost)],
  ['transparent huge pages', (r) => orUnknown(r.env.fingerprint?.thp)],
  ['THP defrag', (r) => orUnknown(r.env.fingerprint?.thpDefrag)],
  [
    'swap',
    (r) =>
      r.env.fingerprint?.swapTotalBytes === undefined || r.env.fingerprint.swapTotalBytes === null
        ? 'not available'
        : r.env.fingerprint.swapTotalBytes === 0
          ? 'off'
          : `${gib(r.env.fingerprint.swapTotalBytes)}`,
  ],
  ['swappiness', (r) => orUnknown(r.env.fingerprint?.swappiness)],
  [
    'KSM',
    (r) => (({ '0': 'off', '1': 'on', '2': 'unmerging' }) as Record<string, string>)[r.env.fingerprint?.ksmRun ?? ''] ?? 'not available',
  ],
  ['cgroup mode', (r) => r.env.cgroupMode],
  ['cgroup driver', (r) => orUnknown(r.env.fingerprint?.cgroupDriver)],
  [
    'VM accelerator',
    (r) =>
      [...new Set(r.samples.filter((s) => s.kind === 'vm' && s.accel !== null).map((s) => String(s.accel)))].sort().join(', ') || 'no VM',
  ],
  ['guest kernel', (r) => (r.env.guestKernel ? `${r.env.guestKernel.path} (sha256 ${r.env.guestKernel.sha256.slice(0, 12)})` : 'none')],
  ['busybox', (r) => (r.env.busybox ? `sha256 ${r.env.busybox.sha256.slice(0, 12)}` : 'none')],
  ['launcher', (r) => r.env.harness.launcher?.kind ?? 'node'],
  ['vmbench revision', (r) => r.env.gitRevision ?? 'unknown'],
];

function distinct(runs: readonly ComparableRun[], pick: (r: ComparableRun) => string): string[] {
  return [...new Set(runs.map(pick))];
}

/** Numbers compared with a tolerance: load and page cache always differ a little. */
function numericDifferences(base: readonly ComparableRun[], other: readonly ComparableRun[]): HostDifference[] {
  const out: HostDifference[] = [];
  const load = (runs: readonly ComparableRun[]): number[] => runs.map((r) => r.env.loadAvgAtStart[0]);
  const bl = load(base);
  const ol = load(other);
  // A load-average difference of half a core or more means another program was competing.
  if (Math.abs(Math.max(...bl) - Math.max(...ol)) >= 0.5 || Math.abs(Math.min(...bl) - Math.min(...ol)) >= 0.5) {
    out.push({
      what: 'load average at start (1 min)',
      base: bl.map((v) => v.toFixed(2)).join(' / '),
      other: ol.map((v) => v.toFixed(2)).join(' / '),
    });
  }
  const cache = (env: EnvInfo): number | null => env.fingerprint?.pageCache?.cachedBytes ?? null;
  const bc = base.map((r) => cache(r.env));
  const oc = other.map((r) => cache(r.env));
  if (bc.every((v) => v !== null) && oc.every((v) => v !== null)) {
    const spread = Math.max(...bc, ...oc) - Math.min(...bc, ...oc);
    // A cold page cache makes first launches slower: a gigabyte of difference is worth naming.
    if (spread >= 1024 * MIB) out.push({ what: 'page cache at start', base: bc.map(gib).join(' / '), other: oc.map(gib).join(' / ') });
  }
  return out;
}

/** env.json's tools (format 3), or the three tools format 2 recorded on their own. */
function toolsOf(env: EnvInfo): Record<string, { version: string } | null> {
  return env.tools ?? { qemu: env.qemu ?? null, runc: env.runc ?? null, crun: env.crun ?? null };
}

/** One field per program either side recorded (qemu, runc, runsc …): its version. */
function toolFields(runs: readonly ComparableRun[]): Array<[string, (r: ComparableRun) => string]> {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(toolsOf(r.env))))].sort();
  return keys.map((key) => [`${key} version`, (r: ComparableRun) => toolsOf(r.env)[key]?.version ?? 'none']);
}

/** Fields read from env.fingerprint: compared only when every run recorded one. */
const FINGERPRINT_FIELDS = new Set([
  'CPU microcode',
  'CPU frequency governor',
  'CPU boost',
  'transparent huge pages',
  'THP defrag',
  'swap',
  'swappiness',
  'KSM',
  'cgroup driver',
]);

export function hostDifferences(base: readonly ComparableRun[], other: readonly ComparableRun[]): HostDifference[] {
  const out: HostDifference[] = [];
  const recorded = (runs: readonly ComparableRun[]): string =>
    runs.every((r) => r.env.fingerprint)
      ? 'recorded'
      : runs.some((r) => r.env.fingerprint)
        ? 'in some runs'
        : 'not recorded (older vmbench)';
  // A run from before the fingerprint would show every setting as "changed": say it once instead.
  const comparable = [...base, ...other].every((r) => r.env.fingerprint);
  if (!comparable && recorded(base) !== recorded(other))
    out.push({ what: 'host fingerprint (governor, THP, swap, KSM …)', base: recorded(base), other: recorded(other) });
  for (const [what, pick] of [...FIELDS, ...toolFields([...base, ...other])]) {
    if (!comparable && FINGERPRINT_FIELDS.has(what)) continue;
    const b = distinct(base, pick);
    const o = distinct(other, pick);
    if (b.length === o.length && b.every((v) => o.includes(v))) continue;
    out.push({ what, base: b.join(' / '), other: o.join(' / ') });
  }
  return [...out, ...numericDifferences(base, other)];
}
