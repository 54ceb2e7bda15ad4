/**
 * C4: Six namespaces isolate what a container sees: pid, net, ipc, mnt, uts, user. A child pid
 * namespace cannot see or signal its parent; a changed hostname is visible only inside.
 * Decided from the probe workload's samples (isolation-facts.ts), every container probe counted:
 * supported for the parts measured when each shows a small pid and few of the host's processes,
 * loopback only, and the host's hostname unchanged after the change inside (or the change
 * refused); not supported when any container saw the host's processes or interfaces or changed
 * its hostname. What the probe does not measure (IPC objects, signalling the parent, a user
 * namespace these runtimes do not use, the host's mount table) is said in the evidence.
 */
import { formatCount } from '../format-numbers.js';
import {
  decodeCapabilities,
  FEW_PROCESSES_SHARE,
  HOST_UID_MAP,
  PROBE_HOSTNAME,
  probeSamples,
  readNet,
  readPid,
  readUserNamespace,
  readUts,
  SMALL_PID,
  type ProbeSample,
} from '../isolation-facts.js';
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS, WHAT_IT_TAKES } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';

const CHART_ID = 'isolation';

function netText(s: ProbeSample): string {
  const reading = readNet(s.isolation);
  if (reading === 'not reported') return 'interfaces not reported';
  return reading === 'more than loopback' ? `${s.isolation.interfaces} network interfaces` : reading;
}

function utsText(s: ProbeSample): string {
  const p = s.isolation;
  switch (readUts(p)) {
    case 'changed inside only':
      return `hostname set to ${PROBE_HOSTNAME} inside, the host’s unchanged`;
    case 'refused': {
      const caps = decodeCapabilities(p.capEff);
      return `hostname change refused${caps !== null && !caps.names.includes('CAP_SYS_ADMIN') ? ' (no CAP_SYS_ADMIN)' : ''}, the host’s unchanged`;
    }
    case 'host hostname changed':
      return 'the HOST’s hostname changed when the container set its own';
    case 'unexpected':
      return `hostname reads “${p.hostnameInside}” after the change, the host’s unchanged`;
    case 'not reported':
      return 'hostname not reported';
  }
}

/** "runc: pid 7, sees 2 of the host's 74 processes; loopback only; 15 mounts; hostname …; uid_map 0:0:4294967295". */
function describe(s: ProbeSample): string {
  const p = s.isolation;
  const pid =
    p.pidInside === null || p.processesVisible === null
      ? 'pid or process count not reported'
      : `pid ${p.pidInside}, sees ${p.processesVisible} of the host’s ${formatCount(p.hostProcesses)} processes`;
  const mounts = p.mounts === null ? 'mounts not reported' : `${p.mounts} mount${p.mounts === 1 ? '' : 's'}`;
  return `${s.runtime}: ${pid}; ${netText(s)}; ${mounts}; ${utsText(s)}; uid_map ${p.uidMap ?? 'not reported'}`;
}

/** What one probe shows against the claim: problems (the host seen or changed) and gaps (fields not reported). */
function judge(s: ProbeSample): { problems: string[]; gaps: string[] } {
  const p = s.isolation;
  const problems: string[] = [];
  const gaps: string[] = [];
  const pid = readPid(p);
  if (pid === 'host processes visible')
    problems.push(
      `${s.runtime} sees ${p.processesVisible} of the host’s ${formatCount(p.hostProcesses)} processes (its pid: ${p.pidInside})`,
    );
  if (pid === 'not reported') gaps.push(`${s.runtime}: pid or process count`);
  const net = readNet(p);
  if (net === 'more than loopback') problems.push(`${s.runtime} sees ${p.interfaces} network interfaces, more than loopback`);
  if (net === 'not reported') gaps.push(`${s.runtime}: network interfaces`);
  const uts = readUts(p);
  if (uts === 'host hostname changed') problems.push(`the host’s hostname changed when ${s.runtime} set its own`);
  if (uts === 'not reported' || uts === 'unexpected') gaps.push(`${s.runtime}: hostname after the change`);
  return { problems, gaps };
}

/** One line per container runtime: a probe with a problem when it has one, else its first probe. */
function perRuntime(containers: readonly ProbeSample[]): string[] {
  const byRuntime = new Map<string, ProbeSample[]>();
  for (const s of containers) byRuntime.set(s.runtime, [...(byRuntime.get(s.runtime) ?? []), s]);
  return [...byRuntime.values()].map((list) => {
    const shown = list.find((s) => judge(s).problems.length > 0) ?? list[0]!;
    return `${describe(shown)}${list.length > 1 ? ` (${list.length} probes; ${shown === list[0] ? 'the first' : 'one that saw the host'} shown)` : ''}.`;
  });
}

/** The user-namespace part: not used by these runtimes (root is root), or which runtimes map uid 0 where. */
function userNamespaceLine(containers: readonly ProbeSample[]): { observed: boolean; someMapped: boolean; text: string } {
  const runtimes = (pick: (s: ProbeSample) => boolean): string[] => [...new Set(containers.filter(pick).map((s) => s.runtime))];
  const none = runtimes((s) => readUserNamespace(s.isolation).state === 'none');
  const mapped = containers.flatMap((s) => {
    const u = readUserNamespace(s.isolation);
    return u.state === 'mapped' ? [{ runtime: s.runtime, outside: u.outside }] : [];
  });
  const unknown = runtimes((s) => readUserNamespace(s.isolation).state === 'not reported');
  if (mapped.length === 0) {
    const tail = unknown.length > 0 ? `; uid_map not reported by ${unknown.join(', ')}` : '';
    return {
      observed: false,
      someMapped: false,
      text: `user namespace not used by these runtimes (uid_map ${HOST_UID_MAP}: root inside is root outside), so “uid 0 inside mapped to non-root outside” was not measured${tail}`,
    };
  }
  const maps = [...new Map(mapped.map((m) => [m.runtime, m])).values()].map((m) => `${m.runtime} maps uid 0 to uid ${m.outside} outside`);
  const rest = none.length > 0 ? `; ${none.join(', ')} use${none.length === 1 ? 's' : ''} none (root inside is root outside)` : '';
  return {
    observed: none.length === 0 && unknown.length === 0 && mapped.every((m) => m.outside !== 0),
    someMapped: true,
    text: `user namespace: ${maps.join(', ')}${rest}`,
  };
}

export function evaluateC4(run: RunData): ClaimVerdict {
  const base = { id: 'C4' as const, claim: CLAIM_STATEMENTS.C4, chartId: CHART_ID };
  const probes = probeSamples(run);
  const containers = probes.filter((s) => s.kind === 'container');
  if (probes.length === 0) {
    return {
      ...base,
      verdict: 'not measured',
      evidence: `Not measured in this run: no probe sample. Checking it takes ${WHAT_IT_TAKES.C4}: run the isolation scenario (vmbench run isolation, part of the default suite).`,
    };
  }
  if (containers.length === 0) {
    return {
      ...base,
      verdict: 'not measured',
      evidence: `Not measured: no container ran the probe workload; only VMs did (${[...new Set(probes.map((s) => s.runtime))].join(', ')}).`,
    };
  }
  const names = [...new Set(containers.map((s) => s.runtime))];
  const judged = containers.map(judge);
  const problems = judged.flatMap((j) => j.problems);
  const gaps = [...new Set(judged.flatMap((j) => j.gaps))];
  const changedInside = containers.some((s) => readUts(s.isolation) === 'changed inside only');
  const user = userNamespaceLine(containers);
  const mounts = containers.map((s) => s.isolation.mounts).filter((m): m is number => m !== null);
  const mountRange =
    mounts.length === 0
      ? ''
      : ` (${Math.min(...mounts) === Math.max(...mounts) ? Math.min(...mounts) : `${Math.min(...mounts)}–${Math.max(...mounts)}`} entries)`;
  const notMeasured = [
    'ipc: no IPC objects are probed',
    ...(user.observed ? [] : [user.text]),
    'signalling: the probe counts the processes it can see; it does not try to signal the host’s',
    `mnt: each container’s mount table is counted inside${mountRange}, but the host’s is not recorded, so it is shown, not compared`,
    ...(changedInside ? [] : ['uts: every container refused the hostname change, so a change staying inside was not seen']),
  ];
  const criteria = `Criteria per probe: pid ≤ ${SMALL_PID} and at most ${FEW_PROCESSES_SHARE * 100}% of the host’s processes visible; loopback only; the host’s hostname unchanged after ${PROBE_HOSTNAME} was set inside (or the change refused).`;
  const details = [...perRuntime(containers), criteria, `Not measured: ${notMeasured.join('; ')}.`];

  if (problems.length > 0) {
    return { ...base, verdict: 'not supported', evidence: [`Not supported: ${problems.join('; ')}.`, ...details].join('\n') };
  }
  if (gaps.length > 0) {
    return {
      ...base,
      verdict: 'not measured',
      evidence: [
        `Not measured: the probe did not report ${gaps.join('; ')}, and nothing it did report contradicts the claim.`,
        ...details,
      ].join('\n'),
    };
  }
  const parts = ['pid', 'net', ...(changedInside ? ['uts'] : []), ...(user.observed ? ['user'] : [])];
  const partsText = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const headline =
    `Supported for the parts measured: ${partsText} isolation observed in ${containers.length === names.length ? '' : `${containers.length} probes of `}` +
    `${names.length} container runtime${names.length === 1 ? '' : 's'} (${names.join(', ')}); ipc not probed; ` +
    (user.observed
      ? 'a user namespace maps root inside to a non-root uid outside.'
      : user.someMapped
        ? `${user.text}.`
        : 'user namespace not used by these runtimes (root inside is root outside).');
  return { ...base, verdict: 'supported', evidence: [headline, ...details].join('\n') };
}
