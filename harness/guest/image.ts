/**
 * Builds the one guest image every instance runs: a root tree (busybox, /init, /workloads) used
 * as the container root filesystem, and the same tree packed as a newc initramfs for QEMU.
 * Cached under <cache>/images/<key>, where key hashes every input, so a changed workload script
 * or busybox gives a new image and an unchanged one is reused.
 *
 * Performance workloads add extras: host binaries with their library closure and their scripts
 * (harness/workloads/workload-image.ts). Only a scenario's own workloads' extras go in, and an
 * image without extras hashes exactly as before, so the lifecycle scenarios keep their small
 * image, its key and their startup numbers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { INIT_SCRIPT } from './init-script.js';
import { WORKLOAD_SCRIPTS } from '../workloads/scripts.js';
import { writeCpioNewc, S_IFDIR, S_IFLNK, S_IFREG, type CpioEntry } from './cpio-newc.js';
import type { BusyboxInfo } from './busybox.js';

/** Bump when the image layout changes in a way the inputs' hash cannot see. */
const IMAGE_LAYOUT = 1;
const DIRS = ['bin', 'dev', 'proc', 'sys', 'tmp', 'workloads'];

export interface GuestImage {
  key: string;
  dir: string;
  /** Root tree for containers (read-only by convention: instances never write to it). */
  rootDir: string;
  /** The same tree as an uncompressed newc cpio: no decompression time in the measured boot. */
  initramfs: string;
}

/** Files beyond busybox, /init and the lifecycle scripts, at their absolute path in the image. */
export interface ImageExtras {
  files: ImageFile[];
}

export interface ImageFile {
  /** Absolute path inside the image (a host binary keeps its host path). */
  path: string;
  data: Buffer;
  /** Permission bits. */
  mode: number;
}

export function buildGuestImage(busybox: BusyboxInfo, cacheRoot: string, extras: ImageExtras = { files: [] }): GuestImage {
  const applets = listApplets(busybox.path);
  const key = imageKey(busybox, applets, extras);
  const dir = join(cacheRoot, 'images', key);
  const image: GuestImage = { key, dir, rootDir: join(dir, 'root'), initramfs: join(dir, 'initramfs.cpio') };
  if (existsSync(join(dir, 'complete'))) return image;

  // Build beside the final place and rename: a concurrent or interrupted build never leaves a
  // half-written image under the final key.
  mkdirSync(join(cacheRoot, 'images'), { recursive: true, mode: 0o700 });
  const tmp = join(cacheRoot, 'images', `.build-${randomBytes(6).toString('hex')}`);
  try {
    const entries = imageEntries(busybox, applets, extras);
    writeTree(join(tmp, 'root'), entries);
    writeFileSync(join(tmp, 'initramfs.cpio'), writeCpioNewc(entries));
    writeFileSync(join(tmp, 'complete'), `${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return image;
}

function listApplets(busyboxPath: string): string[] {
  return execFileSync(busyboxPath, ['--list'], { encoding: 'utf8' })
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'busybox' && /^[a-z0-9_.[-]+$/.test(s))
    .sort();
}

function imageKey(busybox: BusyboxInfo, applets: string[], extras: ImageExtras): string {
  const h = createHash('sha256');
  h.update(`layout ${IMAGE_LAYOUT}\n`).update(busybox.bytes).update(INIT_SCRIPT);
  for (const [name, text] of Object.entries(WORKLOAD_SCRIPTS)) h.update(`${name}\n${text}`);
  h.update(applets.join(','));
  // Only when there are extras: the key of the plain lifecycle image must not change.
  for (const file of sortedExtras(extras))
    h.update(`\nextra ${file.path} ${file.mode.toString(8)} ${file.data.length}\n`).update(file.data);
  return h.digest('hex').slice(0, 16);
}

function sortedExtras(extras: ImageExtras): ImageFile[] {
  return [...extras.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function imageEntries(busybox: BusyboxInfo, applets: string[], extras: ImageExtras): CpioEntry[] {
  const entries: CpioEntry[] = DIRS.map((name) => ({ name, mode: S_IFDIR | 0o755 }));
  const files = sortedExtras(extras).map((f) => ({ ...f, name: f.path.replace(/^\/+/, '') }));
  const taken = new Set(files.map((f) => f.name));
  entries.push({ name: 'bin/busybox', mode: S_IFREG | 0o755, data: busybox.bytes });
  // A host binary at /bin/<applet> replaces busybox's applet of that name.
  for (const applet of applets) {
    if (!taken.has(`bin/${applet}`)) entries.push({ name: `bin/${applet}`, mode: S_IFLNK | 0o777, data: Buffer.from('busybox') });
  }
  const dirs = new Set<string>(DIRS);
  for (const file of files) {
    const parents: string[] = [];
    for (let d = dirname(file.name); d !== '.' && !dirs.has(d); d = dirname(d)) parents.unshift(d);
    for (const d of parents) {
      dirs.add(d);
      entries.push({ name: d, mode: S_IFDIR | 0o755 });
    }
    entries.push({ name: file.name, mode: S_IFREG | (file.mode & 0o7777), data: file.data });
  }
  entries.push({ name: 'init', mode: S_IFREG | 0o755, data: Buffer.from(INIT_SCRIPT) });
  for (const [name, text] of Object.entries(WORKLOAD_SCRIPTS)) {
    entries.push({ name: `workloads/${name}.sh`, mode: S_IFREG | 0o755, data: Buffer.from(text) });
  }
  return entries;
}

function writeTree(root: string, entries: CpioEntry[]): void {
  mkdirSync(root, { recursive: true, mode: 0o755 });
  for (const entry of entries) {
    const path = join(root, entry.name);
    const type = entry.mode & 0o170000;
    if (type === S_IFDIR) mkdirSync(path, { mode: entry.mode & 0o777 });
    else if (type === S_IFLNK) symlinkSync(Buffer.from(entry.data ?? []).toString(), path);
    else {
      writeFileSync(path, entry.data ?? new Uint8Array(0));
      chmodSync(path, entry.mode & 0o777);
    }
  }
}
