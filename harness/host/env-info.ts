/** env.json: everything about the host and the tools a reader needs to reproduce or judge a run. */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execa } from 'execa';
import { RESULTS_FORMAT_VERSION, type EnvInfo, type HarnessOverhead, type KvmProbe } from '../results/format.js';
import { isError, type HostContext } from './host-context.js';
import { kvmModules } from './kvm-modules.js';
import { VMBENCH_VERSION, PROJECT_ROOT } from '../version.js';
import { hostFingerprint } from './fingerprint.js';

async function gitRevision(): Promise<string | null> {
  const result = await execa('git', ['-C', PROJECT_ROOT, 'rev-parse', '--short=12', 'HEAD'], { reject: false });
  if (result.exitCode !== 0) return null;
  const dirty = await execa('git', ['-C', PROJECT_ROOT, 'status', '--porcelain', '--untracked-files=no'], { reject: false });
  return `${result.stdout.trim()}${dirty.stdout.trim() ? '-dirty' : ''}`;
}

/** What the host itself runs on. The "hypervisor" cpuinfo flag is set inside any VM. */
export async function hostVirtualization(): Promise<string> {
  const detect = await execa('systemd-detect-virt', [], { reject: false });
  const answer = detect.stdout?.trim();
  if (detect.exitCode !== undefined && answer && !detect.failed) return answer;
  if (answer === 'none') return 'none';
  try {
    const flags = readFileSync('/proc/cpuinfo', 'utf8');
    return /^flags\s*:.*\bhypervisor\b/m.test(flags) ? 'vm (hypervisor cpu flag)' : 'none';
  } catch {
    return 'unknown';
  }
}

const NO_KVM: KvmProbe = {
  devicePresent: false,
  bootOk: false,
  bootMs: null,
  reason: 'not probed (no VM runtime in this run)',
  modules: [],
  probedAt: null,
  cached: false,
};

export async function collectEnv(host: HostContext, harness: HarnessOverhead): Promise<EnvInfo> {
  const cpu = cpus();
  return {
    formatVersion: RESULTS_FORMAT_VERSION,
    vmbenchVersion: VMBENCH_VERSION,
    gitRevision: await gitRevision(),
    hostKernel: release(),
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memTotalBytes: totalmem(),
    loadAvgAtStart: loadavg() as [number, number, number],
    nodeVersion: process.version,
    hostVirtualization: await hostVirtualization(),
    tools: host.tools,
    probes: host.probes,
    busybox: isError(host.busybox)
      ? null
      : { path: host.busybox.path, sha256: createHash('sha256').update(host.busybox.bytes).digest('hex') },
    guestKernel: isError(host.kernel) ? null : host.kernel,
    guestImage: isError(host.image) ? null : { key: host.image.key, dir: host.image.dir },
    kvm: host.kvm ?? { ...NO_KVM, modules: kvmModules() },
    cgroupMode: host.cgroupMode,
    hostTscKhz: host.tscKhz,
    harness,
    fingerprint: hostFingerprint(),
  };
}
