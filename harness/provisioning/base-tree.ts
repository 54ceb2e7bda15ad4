/**
 * The base every instance is cloned from: the guest image's root tree (busybox, /init, the
 * workloads) plus generated files up to the asked size, like a distribution's root: many small
 * files and a few large ones. Contents are random (a compressing or deduplicating file system
 * must not make the copies look free), written once and fsynced (by syncfs) before any timing.
 * /etc/vmbench-base holds a token an instance started from a clone prints, proving its root is
 * that clone; /var/lib/vmbench/cow-probe.bin is the pre-existing data the first-write test writes to.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { BASE_TOKEN_FILE } from '../workloads/provisioning-scripts.js';

export const PROBE_FILE = '/var/lib/vmbench/cow-probe.bin';
/** Generated file sizes, cycled: mostly small files, a large one now and then (~180 KiB on average). */
const SIZES = [512, 1024, 2048, 4096, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 1048576];
const GENERATED_DIR = '/usr/share/vmbench-base';
const FILES_PER_DIR = 100;

export interface BaseTree {
  dir: string;
  token: string;
  files: number;
}

/** `existingBytes`: what the image root and the probe file already take, so the generated part fills the rest. */
export function buildBaseTree(imageRootDir: string, dir: string, baseBytes: number, probeBytes: number, existingBytes: number): BaseTree {
  cpSync(imageRootDir, dir, { recursive: true, verbatimSymlinks: true });
  const token = randomBytes(8).toString('hex');
  const pool = randomBytes(2 * 1024 * 1024);
  const write = (path: string, size: number, seed: number): void => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    const chunks: Buffer[] = [];
    for (let left = size, at = (seed * 7919) % (pool.length / 2); left > 0; at = (at + 4099) % (pool.length / 2)) {
      const n = Math.min(left, pool.length / 2);
      chunks.push(pool.subarray(at, at + n));
      left -= n;
    }
    writeFileSync(full, Buffer.concat(chunks), { mode: 0o644 });
  };
  mkdirSync(dirname(join(dir, BASE_TOKEN_FILE)), { recursive: true });
  writeFileSync(join(dir, BASE_TOKEN_FILE), `${token}\n`, { mode: 0o644 });
  write(PROBE_FILE, probeBytes, 1);
  let files = 0;
  // Allocated size rounds each file up to 4 KiB: count it that way, so du agrees with the target.
  for (let left = baseBytes - existingBytes - probeBytes; left > 0; files++) {
    const size = SIZES[files % SIZES.length]!;
    write(`${GENERATED_DIR}/${String(Math.floor(files / FILES_PER_DIR)).padStart(3, '0')}/f${files}`, size, files + 2);
    left -= Math.ceil(size / 4096) * 4096;
  }
  return { dir, token, files: files + 2 };
}
