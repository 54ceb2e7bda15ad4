/**
 * One way of making instance root file systems from a base (claim C7). Each method sets up what
 * its clones need once (a btrfs on a loop device, a raw base image), makes one clone per call,
 * and says what a clone takes. Everything it makes is journaled on `track` before it exists and
 * its removal pushed on `undo` (run last-first at teardown, on success, failure or Ctrl-C).
 */
import type { TrackedInstance } from '../../lifecycle/instance-tracker.js';
import type { ProvisionMethod } from '../../results/format.js';
import type { BaseTree } from '../base-tree.js';
import type { CommandTimer } from '../timed-command.js';

export type Undo = () => string | null;

/** The host cannot use this method (a tool or a kernel file system missing): recorded as "not measured: why". */
export class NotMeasuredError extends Error {
  override readonly name = 'NotMeasuredError';
}

export interface MethodContext {
  /** The method's own directory under the run's work dir (made and journaled by the caller). */
  dir: string;
  base: BaseTree;
  /** The base's allocated size, bytes (sizes the btrfs and the raw image). */
  baseBytes: number;
  track: TrackedInstance;
  undo: Undo[];
  /** Times the command that makes a clone (vmbench-timed when built). */
  timed: CommandTimer;
  /** Host tools by name; null when missing. */
  tool: (name: string) => string | null;
}

export interface Clone {
  index: number;
  /** Making it, ms (the command's spawn included). */
  ms: number;
  /** A container's root tree on this clone; null for a disk image. */
  rootDir: string | null;
  /** A VM's disk on this clone (qcow2); null for a tree. */
  diskFile: string | null;
  /** Where a syncfs reaches the file system the clone was made on. */
  syncPath: string;
  /** What is measured as the clone's own bytes. */
  measurePath: string;
}

export interface CloneMethod {
  method: ProvisionMethod;
  /** The command that makes one instance, with placeholders. */
  command: string;
  bytesSource: string;
  totalSource: string;
  /** How the method's storage was set up, when it matters to the readings (btrfs: its loop device's direct I/O); null otherwise. */
  detail?: () => string | null;
  /** Where a plain (unshared) file on the method's own file system can go, for the first-write test's control; absent: none of its own. */
  plainDir?: () => string;
  /** @throws NotMeasuredError when this host cannot; returns the set-up time, ms (null: nothing to set up). */
  setUp(): number | null;
  make(index: number): Clone;
  bytes(clone: Clone): number;
  /** Every clone together, by the second reading (totalSource). */
  total(): number;
}

export function requireTool(ctx: MethodContext, name: string, pkg: string): string {
  const path = ctx.tool(name);
  if (path === null) throw new NotMeasuredError(`${name} is not installed (Debian package ${pkg}; scripts/setup.sh installs it)`);
  return path;
}
