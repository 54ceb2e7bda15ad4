/**
 * Which kernel a VM boots: --kernel, else $VMBENCH_KERNEL, else the newest /boot/vmlinuz-*.
 * On a PVM host (see ENVIRONMENT.md) a stock kernel does not boot under KVM: the user can point
 * --kernel at a PVM guest kernel and the KVM probe will then pass.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GuestKernel {
  path: string;
  sha256: string;
  /** How it was chosen: "--kernel", "VMBENCH_KERNEL" or "/boot (newest)". */
  source: string;
}

export function findGuestKernel(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  bootDir = '/boot',
): GuestKernel | { error: string } {
  let path: string | undefined;
  let source: string;
  if (flag) [path, source] = [flag, '--kernel'];
  else if (env.VMBENCH_KERNEL) [path, source] = [env.VMBENCH_KERNEL, 'VMBENCH_KERNEL'];
  else {
    source = `${bootDir} (newest)`;
    path = newestVmlinuz(bootDir);
    if (!path) {
      return { error: `no guest kernel: no ${bootDir}/vmlinuz-* (apt-get install linux-image-cloud-amd64), and neither --kernel nor VMBENCH_KERNEL given` };
    }
  }
  try {
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    return { path, sha256, source };
  } catch (error) {
    return { error: `guest kernel ${path} (from ${source}) cannot be read: ${(error as Error).message}` };
  }
}

function newestVmlinuz(bootDir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(bootDir).filter((n) => n.startsWith('vmlinuz-'));
  } catch {
    return undefined;
  }
  names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const newest = names.at(-1);
  return newest ? join(bootDir, newest) : undefined;
}
