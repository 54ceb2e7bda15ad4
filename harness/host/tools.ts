/** The external programs vmbench drives, found on PATH, with their versions. */
import { execa } from 'execa';
import { findExecutable } from './find-executable.js';

export interface Tool {
  path: string;
  version: string;
}

export interface HostTools {
  qemu: Tool | null;
  runc: Tool | null;
  crun: Tool | null;
  unshare: Tool | null;
}

async function tool(name: string, versionArgs: string[], pick: (out: string) => string): Promise<Tool | null> {
  const path = findExecutable(name);
  if (!path) return null;
  const result = await execa(path, versionArgs, { reject: false, timeout: 10_000 });
  const out = `${result.stdout}\n${result.stderr}`.trim();
  return { path, version: pick(out) || 'unknown' };
}

const firstLine = (out: string): string => out.split('\n')[0]?.trim() ?? '';

export async function findHostTools(env: NodeJS.ProcessEnv = process.env): Promise<HostTools> {
  const [qemu, runc, crun, unshare] = await Promise.all([
    tool(env.VMBENCH_QEMU ?? 'qemu-system-x86_64', ['--version'], (o) => /version\s+(\S+)/.exec(o)?.[1] ?? firstLine(o)),
    tool('runc', ['--version'], (o) => /runc version\s+(\S+)/.exec(o)?.[1] ?? firstLine(o)),
    tool('crun', ['--version'], (o) => /crun version\s+(\S+)/.exec(o)?.[1] ?? firstLine(o)),
    tool('unshare', ['--version'], (o) => /util-linux\s+(\S+)/.exec(o)?.[1] ?? firstLine(o)),
  ]);
  return { qemu, runc, crun, unshare };
}
