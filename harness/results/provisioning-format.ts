/**
 * provisioning.jsonl (claims C7 and C8): what making instance root file systems from one base
 * cost by each copy-on-write method, and what a first write to a block of a clone costs.
 * Records are not per runtime (the methods are host file-system operations), so they carry the
 * run, the scenario and their order only.
 */
import type { InstanceKind, SampleOutcome } from './format.js';

/** copy: `cp -a`; overlay: an overlayfs mount per instance; btrfs: a subvolume snapshot; qcow2: an overlay image. */
export type ProvisionMethod = 'copy' | 'overlay' | 'btrfs' | 'qcow2';
/**
 * A clone of each copy-on-write method, and plain files as controls: a full copy of the data on
 * the work dir's file system (the control of overlay and qcow2, which write there) and a fresh,
 * unshared copy on the btrfs (the control of the btrfs snapshot: same file system, same loop device).
 */
export type CowTarget = 'plain' | 'btrfs-plain' | 'overlay' | 'btrfs' | 'qcow2';

interface ProvisionIdentity {
  runId: string;
  seq: number;
  scenario: string;
}

/** The base every instance is made from. */
export interface ProvisionBase extends ProvisionIdentity {
  type: 'provision-base';
  /** Allocated bytes of the base tree (du -s -B1): the guest image's root plus generated files. */
  baseBytes: number;
  files: number;
  /** Making the base tree, ms. */
  setupMs: number;
  /** Median time to spawn `true` the way every method's command is spawned, ms: the part of each per-instance time that is process creation. */
  spawnFloorMs: number;
  /** What timed each command: vmbench-timed (a small C parent) or, when it was not built, the harness's own spawnSync (a few ms more per process). Absent in older records: node. */
  timer?: 'vmbench-timed' | 'node';
  /** The file system the run's work dir is on (copies, overlay uppers and qcow2 files live there). */
  workFs: string;
}

/** One instance made by one method. */
export interface ProvisionSample extends ProvisionIdentity {
  type: 'provision-sample';
  method: ProvisionMethod;
  index: number;
  outcome: SampleOutcome;
  error: string | null;
  /** Making this instance's root file system (the command that makes it, its spawn included), ms. */
  ms: number | null;
  /** A syncfs of the file system it was made on, right after (not part of ms), ms. */
  syncMs: number | null;
  /** What this instance added: du of the copy or of the overlay's upper dir; btrfs exclusive bytes; qcow2 actual-size. */
  bytes: number | null;
}

export interface ProvisionStart {
  runtime: string;
  kind: InstanceKind;
  outcome: SampleOutcome;
  startupMs: number | null;
  error: string | null;
}

/** A method's whole run: set-up, an independent reading of what all its instances take, one instance started. */
export interface ProvisionMethodResult extends ProvisionIdentity {
  type: 'provision-method';
  method: ProvisionMethod;
  /** null: measured; else why not (no btrfs in this kernel, a tool missing …). */
  notMeasured: string | null;
  /** The command that makes one instance, as run (placeholders for the paths). */
  command: string;
  /** Where each sample's bytes come from. */
  bytesSource: string;
  /** How its storage was set up when that matters to the readings (btrfs: the loop device and its direct I/O); null otherwise. Absent in older records. */
  detail?: string | null;
  /** Making what the instances are made from (btrfs: mkfs, loop device, mount, base subvolume filled; qcow2: the raw ext4 base image), ms. */
  setupMs: number | null;
  /** What all instances took together by a second, independent reading (totalSource), bytes. */
  totalBytes: number | null;
  totalSource: string;
  /** One instance started from the first clone; null when the scenario has no runtime of the kind this method serves. */
  start: ProvisionStart | null;
}

/** First and second 4 KiB writes to K blocks of pre-existing data in one clone, and reads of unchanged blocks. */
export interface CowWriteResult extends ProvisionIdentity {
  type: 'cow-write';
  target: CowTarget;
  /** Which round (0 …): each round writes to a fresh clone of every target, one target after another. */
  round: number;
  /** vmbench-cowprobe (O_DIRECT on the host's file system) or qemu-io (cache=none on the qcow2 image, no VM). */
  tool: 'vmbench-cowprobe' | 'qemu-io';
  notMeasured: string | null;
  blocks: number;
  strideBytes: number;
  fileBytes: number;
  /** Latency of each operation, µs, in the order done: unchanged blocks read, first writes, second writes, the unchanged blocks read again. */
  readUs: number[];
  firstUs: number[];
  secondUs: number[];
  rereadUs: number[];
  /** open(O_RDWR) of the file, µs: on overlayfs the whole file is copied up here. null: not timed (qemu-io). */
  openUs: number | null;
  /** What the clone holds of its own after the writes, bytes (overlay: the copied-up file). */
  bytesAfter: number | null;
}

export type ProvisionRecord = ProvisionBase | ProvisionSample | ProvisionMethodResult | CowWriteResult;
