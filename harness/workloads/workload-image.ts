/**
 * What a scenario's performance workloads add to the guest image: their scripts, and each host
 * binary they run with its whole library closure, at the binary's host path (so the same bytes
 * run in a VM, a container and on the host). A built-in workload whose tool is not installed is
 * skipped with the reason, like a runtime that cannot run here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ImageExtras, ImageFile } from '../guest/image.js';
import { MissingLibraryError, resolveClosure } from '../guest/library-closure.js';
import { findExecutable } from '../host/find-executable.js';
import type { PerformanceWorkload } from './definition.js';

export interface WorkloadImagePlan {
  extras: ImageExtras;
  usable: PerformanceWorkload[];
  skipped: { workload: string; reason: string }[];
}

/** Debian package of each built-in tool, for the reason of a skip. */
const PACKAGES: Record<string, string> = { sysbench: 'sysbench', 'stress-ng': 'stress-ng', fio: 'fio', iperf3: 'iperf3' };

export function planWorkloadImage(workloads: readonly PerformanceWorkload[], env: NodeJS.ProcessEnv = process.env): WorkloadImagePlan {
  const files = new Map<string, ImageFile>();
  const usable: PerformanceWorkload[] = [];
  const skipped: WorkloadImagePlan['skipped'] = [];
  for (const workload of workloads) {
    try {
      const mine = workloadFiles(workload, env);
      for (const file of mine) files.set(file.path, file);
      usable.push(workload);
    } catch (error) {
      skipped.push({ workload: workload.name, reason: (error as Error).message });
    }
  }
  return { extras: { files: [...files.values()] }, usable, skipped };
}

function workloadFiles(workload: PerformanceWorkload, env: NodeJS.ProcessEnv): ImageFile[] {
  const out: ImageFile[] = [];
  const extraDirs = new Set<string>();
  for (const binary of workload.binaries) {
    const path = findExecutable(binary, env);
    if (!path) {
      const pkg = PACKAGES[binary];
      throw new Error(`${binary} is not installed${pkg ? ` (apt-get install ${pkg}, or run scripts/setup.sh)` : ''}`);
    }
    let closure;
    try {
      closure = resolveClosure(path);
    } catch (error) {
      const why = error instanceof MissingLibraryError ? error.message : `cannot read ${path}: ${(error as Error).message}`;
      throw new Error(why, { cause: error });
    }
    closure.extraSearchDirs.forEach((d) => extraDirs.add(d));
    // The image's own static busybox stays: a scenario that runs /bin/busybox gets that one.
    for (const f of closure.files) if (f.path !== '/bin/busybox') out.push(hostFile(f.path, f.realPath));
  }
  for (const file of workload.files) out.push(hostFile(file, file));
  for (const own of workload.bundled) {
    if (!existsSync(own.hostPath)) throw new Error(own.missing);
    out.push(hostFile(own.imagePath, own.hostPath));
  }
  // A library found outside the loader's built-in directories (ld.so.cache has no copy inside).
  const script =
    extraDirs.size === 0
      ? workload.script
      : workload.script.replace(/^export PATH=.*$/m, (line) => `${line}\nexport LD_LIBRARY_PATH=${[...extraDirs].join(':')}`);
  out.push({ path: `/workloads/${workload.name}.sh`, data: Buffer.from(script), mode: 0o755 });
  for (const [name, text] of Object.entries(workload.scriptFiles))
    out.push({ path: `/workloads/${name}`, data: Buffer.from(text), mode: 0o644 });
  return out;
}

/** Directories every instance mounts afresh (its own /tmp, /proc, /sys, /dev): a file the image puts there is hidden. */
const HIDDEN = ['/tmp/', '/proc/', '/sys/', '/dev/'];

function hostFile(path: string, realPath: string): ImageFile {
  const hidden = HIDDEN.find((dir) => path.startsWith(dir));
  if (hidden) throw new Error(`${path} is under ${hidden}, which every instance mounts afresh: the image cannot carry it there`);
  const stat = statSync(realPath);
  return { path, data: readFileSync(realPath), mode: stat.mode & 0o777 };
}
