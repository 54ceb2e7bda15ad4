/**
 * The host's iperf3 server for one instance: bound to the host's end of the instance's link
 * (127.0.0.1 for the host runtime) on a random port, in its own process group, journaled with
 * the instance, killed and reaped when the instance is released. Started before the instance
 * and waited for until it listens, so the instance's client never races it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { findExecutable } from '../host/find-executable.js';

const LISTEN_WAIT_MS = 3_000;
const EXIT_WAIT_MS = 5_000;

export const iperf3ServerArgv = (address: string, port: number): string[] => ['-s', '-B', address, '-p', String(port)];

export interface Iperf3Server {
  pid: number;
  port: number;
  stop(): Promise<string | null>;
}

/** Is a TCP socket listening on this port (IPv4, this network namespace)? State 0A = LISTEN. */
export function listeningOn(port: number, table = readFileSync('/proc/net/tcp', 'utf8')): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return table.split('\n').slice(1).some((line) => {
    const [, local = '', , state] = line.trim().split(/\s+/);
    return local.endsWith(`:${hex}`) && state === '0A';
  });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function startIperf3Server(address: string, onPid: (pid: number) => void): Iperf3Server {
  const binary = findExecutable('iperf3');
  if (!binary) throw new Error('iperf3 is not installed (apt-get install iperf3, or run scripts/setup.sh)');
  let lastProblem = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = randomInt(20_000, 61_000);
    if (listeningOn(port)) continue;
    const child = spawn(binary, iperf3ServerArgv(address, port), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-500); });
    if (child.pid === undefined) throw new Error(`iperf3 server could not be started: ${binary}`);
    onPid(child.pid);
    const deadline = Date.now() + LISTEN_WAIT_MS;
    while (Date.now() < deadline && child.exitCode === null && !listeningOn(port)) sleepSync(5);
    if (listeningOn(port)) return { pid: child.pid, port, stop: () => stopChild(child) };
    lastProblem = `iperf3 -s on ${address}:${port} did not listen within ${LISTEN_WAIT_MS} ms${stderr ? `: ${stderr.trim()}` : ''}`;
    void stopChild(child);
  }
  throw new Error(lastProblem || 'no free port for the iperf3 server');
}

function stopChild(child: ChildProcess): Promise<string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`iperf3 server ${child.pid} not gone ${EXIT_WAIT_MS} ms after SIGKILL`), EXIT_WAIT_MS);
    child.once('exit', () => { clearTimeout(timer); resolve(null); });
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
  });
}
