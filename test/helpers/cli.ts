/** Runs the compiled vmbench CLI (built by test/global-setup.ts) as a user would. */
import { execa, type ResultPromise } from 'execa';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'harness', 'cli', 'main.js');

export function vmbench(
  args: string[],
  env: Record<string, string> = {},
): ResultPromise<{ reject: false; all: true; env: Record<string, string> }> {
  return execa('node', [CLI, ...args], { reject: false, all: true, env: { ...env, CI: 'true' } });
}
