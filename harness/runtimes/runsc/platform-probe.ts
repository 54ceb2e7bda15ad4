/**
 * Which gVisor platform works here. `--platform=kvm` is faster where it works, but on a host
 * whose /dev/kvm opens yet cannot run guests (kvm_pvm) it hangs; only a trial with a timeout
 * tells. ptrace works wherever ptrace does. The verdict is cached per (host boot, runsc version).
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendProbe } from '../../host/host-context.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { containerPhases } from '../phases.js';
import { cachedPerBoot } from '../../host/boot-cache.js';
import { ociConfig } from '../oci/bundle.js';
import { RUNSC_STATE_ROOT, runscArgs } from './argv.js';
import { stateFilesWithPrefix } from '../oci/state-files.js';

export const PLATFORM_PROBE_TIMEOUT_MS = 8_000;

export interface PlatformProbeInput {
  runscPath: string;
  runscVersion: string;
  rootDir: string;
  cacheRoot: string;
  fresh: boolean;
}

export async function probePlatform(input: PlatformProbeInput): Promise<BackendProbe> {
  if (!existsSync('/dev/kvm')) return { value: 'ptrace', reason: 'no /dev/kvm: the kvm platform cannot work here', cached: false };
  return cachedPerBoot(input.cacheRoot, 'runsc-platform.json', [input.runscVersion], input.fresh, () => trial(input));
}

async function trial(input: PlatformProbeInput): Promise<BackendProbe> {
  const bundle = mkdtempSync(join(tmpdir(), 'vmbench-runsc-probe-'));
  const id = `vmbench-runsc-probe-${process.pid}`;
  try {
    writeFileSync(
      join(bundle, 'config.json'),
      JSON.stringify(
        ociConfig({
          rootDir: input.rootDir,
          args: ['/init', 'container', 'hello'],
          hostname: 'vmbench-probe',
          cgroupsPath: `/${id}`,
        }),
      ),
    );
    const instance = new ProcessInstance(
      'runsc-platform-probe',
      { file: input.runscPath, args: [...runscArgs('kvm'), 'run', '--bundle', bundle, id] },
      PLATFORM_PROBE_TIMEOUT_MS,
      { phases: containerPhases },
    );
    const ready = await instance.waitReady();
    await instance.stop();
    if (ready.state === 'ready')
      return {
        value: 'kvm',
        reason: `a trial container reached ready under --platform=kvm in ${ready.startupMs.toFixed(0)} ms`,
        cached: false,
      };
    const what =
      ready.state === 'timeout'
        ? `did not reach ready within ${PLATFORM_PROBE_TIMEOUT_MS / 1000} s`
        : `failed (${ready.reason.slice(0, 200)})`;
    return {
      value: 'ptrace',
      reason: `/dev/kvm exists, but a trial container under --platform=kvm ${what}; using --platform=ptrace (slower system calls)`,
      cached: false,
    };
  } finally {
    try {
      execFileSync(input.runscPath, [...runscArgs('kvm'), 'delete', '--force', id], { stdio: 'ignore', timeout: 10_000 });
    } catch {
      // Nothing was left to delete.
    }
    for (const path of stateFilesWithPrefix(RUNSC_STATE_ROOT, `${id}_sandbox:`)) rmSync(path, { force: true });
    rmSync(bundle, { recursive: true, force: true });
  }
}
