/**
 * Which kernel a VM boots: --kernel, else $VMBENCH_KERNEL, else the newest /boot/vmlinuz-*.
 * On a PVM host (module kvm_pvm, used where a cloud VM has no nested VT-x) a stock kernel does not boot under KVM: the user can point
 * --kernel at a PVM guest kernel and the KVM probe will then pass.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkRegularFile, readFileHead, readRegularFile, type PathCheck } from '../host/file-checks.js';

/** Debian's bzImage is ~8 MiB; an ELF vmlinux with debug info can pass 500 MiB. */
const KERNEL_MAX_BYTES = 1024 ** 3;
const KERNEL_EXPECTED = 'a regular, readable Linux kernel image (bzImage or ELF vmlinux)';

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
      return {
        error: `no guest kernel: no ${bootDir}/vmlinuz-* (apt-get install linux-image-cloud-amd64), and neither --kernel nor VMBENCH_KERNEL given`,
      };
    }
  }
  const read = readRegularFile(path, { maxBytes: KERNEL_MAX_BYTES, expected: KERNEL_EXPECTED });
  const problem = read.ok ? kernelFormatProblem(read.value) : read.problem;
  if (problem !== null || !read.ok) return { error: `guest kernel ${path} (from ${source}) cannot be used: ${problem}` };
  return { path, sha256: createHash('sha256').update(read.value).digest('hex'), source };
}

/**
 * Checks what a user names with --kernel without reading it, so a bad flag is refused before
 * anything starts: a FIFO, a device (/dev/zero), a directory, a file under /proc, a huge file.
 */
export function checkKernelPath(path: string): PathCheck<{ path: string; size: number }> {
  const checked = checkRegularFile(path, { maxBytes: KERNEL_MAX_BYTES, expected: KERNEL_EXPECTED });
  if (!checked.ok) return checked;
  const header = readFileHead(path, 0x206);
  const problem = header.ok ? kernelFormatProblem(header.value) : header.problem;
  return problem === null ? checked : { ok: false, problem };
}

/** QEMU's -kernel takes a bzImage (boot header "HdrS" at 0x202) or an ELF (PVH) image. */
function kernelFormatProblem(bytes: Buffer): string | null {
  if (bytes.subarray(0x202, 0x206).toString('latin1') === 'HdrS') return null;
  if (bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return null;
  return `not a Linux kernel image (no bzImage boot header "HdrS" at offset 0x202, not ELF); expected ${KERNEL_EXPECTED}`;
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
