/**
 * The first-write test (claim C8) on one file: vmbench-cowprobe (O_DIRECT on the host's file
 * system: a plain file, an overlayfs file, a file in a btrfs snapshot) or qemu-io on a qcow2
 * overlay (cache=none, i.e. O_DIRECT on the image file: the qcow2 layer alone, without a guest).
 * Both time each 4 KiB operation on its own; the phases are the same.
 */
import { timedCommand } from './timed-command.js';

export const BLOCK_BYTES = 4096;
/** Each written block in its own 256 KiB: a fresh qcow2 cluster (64 KiB) and a fresh btrfs/ext4 extent region each. */
export const STRIDE_BYTES = 256 * 1024;

export interface ProbeLatencies {
  readUs: number[];
  openUs: number | null;
  firstUs: number[];
  secondUs: number[];
  rereadUs: number[];
}

/** The probe file: written blocks in the first half, the unchanged blocks read in the second. */
export const probeFileBytes = (blocks: number): number => 2 * blocks * STRIDE_BYTES;

/** Lines "PHASE INDEX NS" from vmbench-cowprobe. */
export function parseCowprobe(out: string, blocks: number): ProbeLatencies {
  const r: ProbeLatencies = { readUs: [], openUs: null, firstUs: [], secondUs: [], rereadUs: [] };
  for (const line of out.split('\n')) {
    const [phase, , ns] = line.trim().split(' ');
    const us = Number(ns) / 1000;
    if (!Number.isFinite(us)) continue;
    if (phase === 'open') r.openUs = us;
    else if (phase === 'read') r.readUs.push(us);
    else if (phase === 'first') r.firstUs.push(us);
    else if (phase === 'second') r.secondUs.push(us);
    else if (phase === 'reread') r.rereadUs.push(us);
  }
  for (const [name, list] of [
    ['read', r.readUs],
    ['first', r.firstUs],
    ['second', r.secondUs],
    ['reread', r.rereadUs],
  ] as const) {
    if (list.length !== blocks)
      throw new Error(`vmbench-cowprobe printed ${list.length} ${name} operations, expected ${blocks}: ${out.slice(0, 300)}`);
  }
  return r;
}

export function runCowprobe(probe: string, file: string, blocks: number): ProbeLatencies {
  return parseCowprobe(timedCommand(probe, [file, String(blocks), String(STRIDE_BYTES)]).stdout, blocks);
}

export function qemuIoArgv(file: string, blocks: number): string[] {
  const at = (i: number): number => i * STRIDE_BYTES;
  const reads = Array.from({ length: blocks }, (_, i) => ['-c', `read ${at(blocks + i)} 4k`]).flat();
  const writes = (pattern: string): string[] => Array.from({ length: blocks }, (_, i) => ['-c', `write -P ${pattern} ${at(i)} 4k`]).flat();
  return ['-f', 'qcow2', '-t', 'none', ...reads, ...writes('0xa1'), ...writes('0xa2'), ...reads, file];
}

/** qemu-io prints "4 KiB, 1 ops; 00.00 sec (2.889 MiB/sec and 739.6537 ops/sec)" per command: 1/ops-per-second is the operation's time. */
export function parseQemuIo(out: string, blocks: number): ProbeLatencies {
  const us = [...out.matchAll(/, 1 ops; [^(]*\([^)]* and ([0-9.]+) ops\/sec\)/g)].map((m) => 1e6 / Number(m[1]));
  if (us.length !== 4 * blocks || us.some((v) => !Number.isFinite(v))) {
    throw new Error(`qemu-io reported ${us.length} timed operations, expected ${4 * blocks}: ${out.slice(0, 300)}`);
  }
  return {
    readUs: us.slice(0, blocks),
    openUs: null,
    firstUs: us.slice(blocks, 2 * blocks),
    secondUs: us.slice(2 * blocks, 3 * blocks),
    rereadUs: us.slice(3 * blocks),
  };
}

export function runQemuIo(qemuIo: string, file: string, blocks: number): ProbeLatencies {
  return parseQemuIo(timedCommand(qemuIo, qemuIoArgv(file, blocks)).stdout, blocks);
}
