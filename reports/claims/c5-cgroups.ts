/**
 * C5: cgroups account for and limit resources (memory, CPU, disk I/O) of a group of processes.
 * Decided from a limits scenario's samples (limits.jsonl, summarize-limits.ts), per runtime:
 *  - a container with a memory limit: its hog was killed in every sample, the cgroup counted the
 *    OOM kills, its peak stayed at the limit, and nothing else on the host was OOM-killed;
 *  - a container with a CPU quota: its loop got the quota, within CPU_TOLERANCE;
 *  - a VM (the equivalent): the guest kernel killed the hog (its OOM line on the console), QEMU
 *    lived on with its RSS within its RAM plus QEMU_OVERHEAD_ALLOWANCE, and its loop used at most
 *    its vCPUs (plus QEMU's helper threads).
 * Supported when every limited runtime passed every test it ran and at least one container had
 * a memory limit and one a CPU quota; containers without limits are the control, not scored.
 * Disk I/O limits are not tested: the verdict says so.
 */
import { describeLimit, type LimitsSummary } from '../../harness/stats/summarize-limits.js';
import { LIMITS_MEMORY_ID } from '../charts/limits-charts.js';
import { formatMiB } from '../format-numbers.js';
import { hasLimits, limitsSummaries } from '../limits-facts.js';
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';
import { notMeasuredInThisRun, notMeasuredVerdict } from './not-measured.js';

/** A quota is "kept" when the loop's share is within this fraction of it, either way. */
export const CPU_TOLERANCE = 0.2;
/** What QEMU may hold beyond its guest RAM: TCG's 32 MiB translation buffer plus its own ~100 MiB. */
export const QEMU_OVERHEAD_ALLOWANCE = 160 * 1024 * 1024;
/** QEMU's I/O and RCU threads: a 1-vCPU guest's process may use a little more than one core. */
const VCPU_SLACK = 0.1;
/** v1 max_usage_in_bytes can sit a page or so over the limit while reclaim catches up. */
const PEAK_SLACK = 1024 * 1024;

const notMeasured = notMeasuredInThisRun('C5');

interface Check {
  runtime: string;
  part: 'memory' | 'CPU';
  pass: boolean;
  text: string;
}

function memoryCheck(s: LimitsSummary): Check | null {
  const m = s.memory;
  if (m === null || s.limit.memoryBytes === null) return null;
  const base = `${s.runtime} (${describeLimit(s)}), hog of ${formatMiB(m.hogBytes)}, ${m.ok} of ${m.samples} samples ok`;
  if (m.ok === 0) return { runtime: s.runtime, part: 'memory', pass: false, text: `${base}: no sample completed.` };
  const outside = m.outsideKills === null ? 'not readable' : String(m.outsideKills);
  if (s.kind === 'vm') {
    const bound = s.limit.memoryBytes + QEMU_OVERHEAD_ALLOWANCE;
    const bounded = m.peakBytes !== null && m.peakBytes <= bound;
    const pass = m.killed === m.ok && m.guestOomReports === m.ok && m.survived === m.ok && bounded && m.outsideKills === 0;
    return {
      runtime: s.runtime,
      part: 'memory',
      pass,
      text: `${base}: the guest kernel killed the hog in ${m.killed}, printed its OOM report in ${m.guestOomReports}${m.guestOomExample ? ` ("${m.guestOomExample.slice(0, 90)}…")` : ''}; QEMU kept running in ${m.survived}; QEMU's peak RSS ${formatMiB(m.peakBytes)} (bound: RAM + ${formatMiB(QEMU_OVERHEAD_ALLOWANCE)} = ${formatMiB(bound)}); OOM kills on the host ${outside}${pass ? '' : ' → not kept'}.`,
    };
  }
  const peakOk = m.peakBytes === null || m.peakBytes <= s.limit.memoryBytes + PEAK_SLACK;
  const counted = m.oomKills === null || m.oomKills >= m.killed;
  const pass = m.killed === m.ok && counted && peakOk && m.outsideKills === 0;
  return {
    runtime: s.runtime,
    part: 'memory',
    pass,
    text: `${base}: killed in ${m.killed}; the cgroup counted ${m.oomKills ?? 'no readable'} OOM kill(s), peak ${formatMiB(m.peakBytes)}; OOM kills elsewhere on the host ${outside}${pass ? '' : ' → not kept'}.`,
  };
}

function cpuCheck(s: LimitsSummary): Check | null {
  const c = s.cpu;
  if (c === null || s.limit.cpus === null) return null;
  const base = `${s.runtime} (${describeLimit(s)}), ${c.ok} of ${c.samples} samples ok`;
  if (c.share === null) return { runtime: s.runtime, part: 'CPU', pass: false, text: `${base}: no CPU time measured.` };
  const range = `${c.share.toFixed(2)} cores (median; ${c.shareMin?.toFixed(2)} to ${c.shareMax?.toFixed(2)}, from ${c.source})`;
  if (s.kind === 'vm') {
    const pass = c.share <= s.limit.cpus + VCPU_SLACK;
    return {
      runtime: s.runtime,
      part: 'CPU',
      pass,
      text: `${base}: QEMU used ${range}: ${pass ? 'at most' : 'more than'} its ${s.limit.cpus} vCPU(s) (+${VCPU_SLACK} for QEMU's own threads).`,
    };
  }
  const pass = Math.abs(c.share - s.limit.cpus) <= CPU_TOLERANCE * s.limit.cpus;
  const rate =
    c.rateVsUnlimited === null ? '' : `; work done per second ${c.rateVsUnlimited.toFixed(2)}× that of ${c.unlimitedReference} (no quota)`;
  return {
    runtime: s.runtime,
    part: 'CPU',
    pass,
    text: `${base}: the loop got ${range} against a quota of ${s.limit.cpus} (kept within ±${CPU_TOLERANCE * 100}%: ${pass ? 'yes' : 'no'})${rate}.`,
  };
}

function controlLine(s: LimitsSummary): string | null {
  if (s.kind !== 'container' || s.limit.enforcedBy !== 'none') return null;
  const parts: string[] = [];
  if (s.memory)
    parts.push(
      s.memory.killed === 0
        ? `its hog held ${formatMiB(s.memory.allocatedBytes)} and was not killed`
        : `its hog was killed ${s.memory.killed} time(s) even without a limit`,
    );
  if (s.cpu?.share != null) parts.push(`its loop got ${s.cpu.share.toFixed(2)} cores`);
  return parts.length ? `Control, ${s.runtime} (no limits): ${parts.join('; ')}.` : null;
}

export function evaluateC5(run: RunData): ClaimVerdict {
  if (!hasLimits(run)) return notMeasured(run);
  const all = limitsSummaries(run);
  const checks = all.flatMap((s) => [memoryCheck(s), cpuCheck(s)]).filter((c): c is Check => c !== null);
  const containers = all.filter((s) => s.kind === 'container');
  const memoryTested = containers.some((s) => s.limit.memoryBytes !== null && s.memory !== null);
  const cpuTested = containers.some((s) => s.limit.cpus !== null && s.cpu !== null);
  if (!memoryTested && !cpuTested) {
    return {
      ...notMeasuredVerdict(
        'C5',
        'Not measured: the limits scenario ran no container with a memory limit or a CPU quota (give a container runtime memory: or cpus:).',
      ),
      chartId: LIMITS_MEMORY_ID,
    };
  }
  const failing = checks.filter((c) => !c.pass);
  const supported = failing.length === 0 && memoryTested && cpuTested;
  const lines: string[] = [];
  if (supported) {
    lines.push(
      "Every container's cgroup held its limits: the memory hog died at the memory limit (counted by the cgroup, nothing else on the host killed) and the CPU loop got its quota. The VMs' equivalent held too: the guest kernel killed the hog inside the guest.",
    );
  } else if (failing.length > 0) {
    lines.push(`Not every limit held: ${failing.map((c) => `${c.runtime} (${c.part})`).join(', ')}.`);
  } else {
    lines.push(
      `Only ${memoryTested ? 'memory' : 'CPU'} limits were tested on containers in this run: the claim covers both, so it is not supported by this run alone.`,
    );
  }
  for (const c of checks) lines.push(c.text);
  for (const s of all) {
    const control = controlLine(s);
    if (control) lines.push(control);
  }
  lines.push('Disk I/O limits (blkio / io.max) were not tested: this verdict rests on memory and CPU.');
  if (all.some((s) => s.kind === 'vm' && s.accel === 'tcg'))
    lines.push('The VMs ran under TCG: their loop is emulated, so only their share of a host core is compared, not their work rate.');
  return {
    id: 'C5',
    claim: CLAIM_STATEMENTS.C5,
    verdict: supported ? 'supported' : 'not supported',
    evidence: lines.join('\n'),
    chartId: LIMITS_MEMORY_ID,
  };
}
