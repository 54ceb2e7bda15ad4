/**
 * The static busybox that becomes every instance's userland. It must be static: the same binary
 * runs as a VM's whole userland (no libc in the initramfs) and as a container's root filesystem.
 */
import { readFileSync } from 'node:fs';
import { findExecutable } from '../host/find-executable.js';

const CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];

export interface BusyboxInfo {
  path: string;
  bytes: Buffer;
}

export function findStaticBusybox(env: NodeJS.ProcessEnv = process.env): BusyboxInfo | { error: string } {
  const path = env.VMBENCH_BUSYBOX ?? CANDIDATES.find((p) => findExecutable(p)) ?? findExecutable('busybox');
  if (!path) return { error: 'busybox not found: install the busybox-static package (apt-get install busybox-static)' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { error: `cannot read ${path}: ${(error as Error).message}` };
  }
  if (!isStaticElf(bytes)) {
    return { error: `${path} is dynamically linked; vmbench needs a static busybox (apt-get install busybox-static)` };
  }
  return { path, bytes };
}

/** A static ELF has no PT_INTERP program header (the dynamic loader request). */
export function isStaticElf(bytes: Buffer): boolean {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46 || bytes[4] !== 2) return false;
  const phoff = Number(bytes.readBigUInt64LE(32));
  const phentsize = bytes.readUInt16LE(54);
  const phnum = bytes.readUInt16LE(56);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > bytes.length) return false;
    if (bytes.readUInt32LE(at) === 3 /* PT_INTERP */) return false;
  }
  return true;
}
