/** The external programs the backends drive, found on PATH, with their versions. */
import { execa } from 'execa';
import { findExecutable } from './find-executable.js';

export interface Tool {
  path: string;
  version: string;
}

/** By tool key (see ToolSpec in runtimes/backend.ts); null when not found. */
export type HostTools = Record<string, Tool | null>;

export interface ToolLookup {
  key: string;
  command: (env: NodeJS.ProcessEnv) => string;
  versionArgs: string[];
  pickVersion: (output: string) => string | undefined;
}

async function findTool(spec: ToolLookup, env: NodeJS.ProcessEnv): Promise<Tool | null> {
  const path = findExecutable(spec.command(env));
  if (!path) return null;
  const result = await execa(path, spec.versionArgs, { reject: false, timeout: 10_000 });
  const out = `${result.stdout}\n${result.stderr}`.trim();
  return { path, version: spec.pickVersion(out) || firstLine(out) || 'unknown' };
}

export const firstLine = (out: string): string => out.split('\n')[0]?.trim() ?? '';

export async function findHostTools(specs: readonly ToolLookup[], env: NodeJS.ProcessEnv = process.env): Promise<HostTools> {
  const unique = [...new Map(specs.map((s) => [s.key, s])).values()];
  const found = await Promise.all(unique.map((s) => findTool(s, env)));
  return Object.fromEntries(unique.map((s, i) => [s.key, found[i] ?? null]));
}
