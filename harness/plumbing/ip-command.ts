/**
 * `ip` (iproute2) as argv, run synchronously: plumbing is made before an instance launches (not
 * inside any timed window) and removed after it is gone. A failure names the command and ip's
 * own message.
 */
import { execFileSync } from 'node:child_process';
import { findExecutable } from '../host/find-executable.js';

export function ipPath(): string {
  const ip = findExecutable('ip');
  if (!ip) throw new Error('ip (iproute2) is not installed: networks need it (apt-get install iproute2, or run scripts/setup.sh)');
  return ip;
}

export function runIp(args: readonly string[]): void {
  try {
    execFileSync(ipPath(), args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(`ip ${args.join(' ')} failed: ${stderr || (error as Error).message}`, { cause: error });
  }
}

/** Like runIp, but "already gone" is success: removal must be idempotent (cleanup may retry). */
export function runIpQuietly(args: readonly string[]): string | null {
  try {
    runIp(args);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    return /Cannot find device|No such file|does not exist|Invalid argument/i.test(message) ? null : message;
  }
}
