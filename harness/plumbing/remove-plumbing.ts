/**
 * `vmbench cleanup`'s side of instance-devices.ts: removes one journaled piece of plumbing a
 * killed run left, synchronously (cleanup also runs from a crash handler). Its bind mounts are
 * journaled as 'mount', which cleanup unmounts first for every kind of instance; then loop
 * devices (by their backing file: after the unmounts, before the file goes), then files, then
 * namespaces before links (deleting a namespace takes its veth pair).
 */
import { existsSync, rmSync } from 'node:fs';
import { runIpQuietly } from './ip-command.js';
import { linkDeleteArgv } from './tap-link.js';
import { netnsDeleteArgv, netnsPath } from './veth-link.js';
import { linkExists } from './link-exists.js';
import { detachLoops } from './loop-device.js';

export const PLUMBING_KINDS = ['loop', 'file', 'netns', 'link'] as const;
export type PlumbingKind = (typeof PLUMBING_KINDS)[number];

export const isPlumbingKind = (kind: string): kind is PlumbingKind => (PLUMBING_KINDS as readonly string[]).includes(kind);

/** One line of what was done, or null when there was nothing left to remove. */
export function removePlumbing(kind: PlumbingKind, value: string): string | null {
  if (kind === 'loop') {
    const { detached, problems } = detachLoops(value);
    if (problems.length) throw new Error(problems.join('; '));
    return detached.length ? `detached ${detached.join(', ')} (over ${value})` : null;
  }
  if (kind === 'file') {
    if (!existsSync(value)) return null;
    rmSync(value, { force: true });
    return `removed ${value}`;
  }
  if (kind === 'netns') {
    if (!existsSync(netnsPath(value))) return null;
    return runIpQuietly(netnsDeleteArgv(value)) ?? `deleted network namespace ${value}`;
  }
  if (!linkExists(value)) return null;
  return runIpQuietly(linkDeleteArgv(value)) ?? `deleted link ${value}`;
}

/** Plumbing in removal order. */
export function plumbingOrder(resources: readonly { kind: string; value: string }[]): { kind: PlumbingKind; value: string }[] {
  const mine = resources.flatMap((r) => (isPlumbingKind(r.kind) ? [{ kind: r.kind, value: r.value }] : []));
  return mine.sort((a, b) => PLUMBING_KINDS.indexOf(a.kind) - PLUMBING_KINDS.indexOf(b.kind));
}
