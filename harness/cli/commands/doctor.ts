/**
 * `vmbench doctor`: what this host can run and why not. The KVM line never trusts /dev/kvm
 * alone: it reports the probe boot's outcome and the remedy.
 */
import type { RuntimeSpec } from '../../scenario/types.js';
import { RUNTIME_PRESETS } from '../../scenario/types.js';
import { checkKernelFlag } from '../cli-options.js';
import { launcherInfo } from '../../process/launch.js';
import { LAUNCHER_PATH } from '../../process/native-launcher.js';
import { isError, type HostContext } from '../../host/host-context.js';
import { prepareHost } from '../../runtimes/prepare-host.js';
import { allTools } from '../../runtimes/registry.js';
import { availability } from '../../runtimes/availability.js';
import type { Availability } from '../../runtimes/runtime.js';

export interface DoctorReport {
  checks: { name: string; ok: boolean; detail: string }[];
  runtimes: ({ name: string } & Availability)[];
  kvm: HostContext['kvm'];
  cgroupMode: HostContext['cgroupMode'];
}

export function buildDoctorReport(host: HostContext, specs: RuntimeSpec[] = Object.values(RUNTIME_PRESETS)): DoctorReport {
  const { tools } = host;
  const kvm = host.kvm;
  const checks = [
    {
      name: 'root',
      ok: host.isRoot,
      detail: host.isRoot ? 'running as root' : 'not root: containers need root; VMs run as any user with access to the kernel',
    },
    {
      name: 'guest kernel',
      ok: !isError(host.kernel),
      detail: isError(host.kernel)
        ? host.kernel.error
        : `${host.kernel.path} (${host.kernel.source}), sha256 ${host.kernel.sha256.slice(0, 16)}…`,
    },
    { name: 'busybox', ok: !isError(host.busybox), detail: isError(host.busybox) ? host.busybox.error : `${host.busybox.path} (static)` },
    { name: 'guest image', ok: !isError(host.image), detail: isError(host.image) ? host.image.error : `${host.image.dir}` },
    {
      name: 'KVM',
      ok: kvm?.bootOk === true,
      detail: !kvm
        ? 'not probed (needs QEMU, a guest kernel and the guest image)'
        : kvm.bootOk
          ? `probe guest booted under KVM in ${kvm.bootMs?.toFixed(0)} ms${kvm.cached ? ' (cached verdict)' : ''}; modules ${kvm.modules.join(', ')}`
          : `NOT USED: ${kvm.reason ?? ''}${kvm.modules.length ? ` [modules: ${kvm.modules.join(', ')}]` : ''}${kvm.cached ? ' (cached verdict; --fresh to re-probe)' : ''}`,
    },
    { name: 'cgroups', ok: host.cgroupMode !== 'none', detail: cgroupText(host.cgroupMode) },
    ...allTools().map((t) => {
      const found = tools[t.key];
      return {
        name: t.key,
        ok: found !== null && found !== undefined,
        detail: found ? `${found.path} ${found.version}` : `not found (${t.remedy})`,
      };
    }),
    ...Object.entries(host.probes).map(([type, p]) => ({
      name: `${type} probe`,
      ok: true,
      detail: `${p.value}: ${p.reason}${p.cached ? ' (cached verdict; --fresh to re-probe)' : ''}`,
    })),
    launcherCheck(),
  ];
  return { checks, runtimes: specs.map((spec) => ({ name: spec.name, ...availability(spec, host) })), kvm, cgroupMode: host.cgroupMode };
}

function launcherCheck(): DoctorReport['checks'][number] {
  const info = launcherInfo();
  return info.kind === 'native'
    ? {
        name: 'launcher',
        ok: true,
        detail: `${LAUNCHER_PATH} (native: posix_spawn, timestamps taken in C, no Node latency in timed windows)`,
      }
    : { name: 'launcher', ok: false, detail: `Node's child_process.spawn (slower: adds ~1-3 ms to every startup): ${info.reason ?? ''}` };
}

function cgroupText(mode: HostContext['cgroupMode']): string {
  switch (mode) {
    case 'v2':
      return 'v2 (unified)';
    case 'v1':
      return 'v1 (legacy controllers)';
    case 'hybrid':
      return 'hybrid (v1 controllers plus a v2 tree at /sys/fs/cgroup/unified); crun refuses this mode and is started in a mount namespace without the v2 tree; runc accepts it';
    default:
      return 'none mounted at /sys/fs/cgroup';
  }
}

export function formatDoctor(report: DoctorReport): string {
  const lines = ['vmbench doctor', ''];
  for (const c of report.checks) lines.push(`  ${c.ok ? 'ok ' : 'NO '} ${c.name.padEnd(13)} ${c.detail}`);
  lines.push('', 'Runtimes:');
  for (const r of report.runtimes) {
    lines.push(`  ${r.usable ? 'usable  ' : 'unusable'} ${r.name.padEnd(13)} ${r.usable ? r.detail : r.reason}`);
  }
  return lines.join('\n');
}

export async function doctorCommand(flags: { json?: boolean; kernel?: string; fresh?: boolean }): Promise<number> {
  checkKernelFlag(flags.kernel);
  const host = await prepareHost({ kernel: flags.kernel, specs: Object.values(RUNTIME_PRESETS), probe: true, fresh: flags.fresh });
  const report = buildDoctorReport(host);
  process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDoctor(report)}\n`);
  return report.runtimes.some((r) => r.usable) ? 0 : 3;
}
