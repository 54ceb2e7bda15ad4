/**
 * A server the harness runs on the host for one instance (iperf3, the UDP echo): bound to the
 * host's end of the instance's link (127.0.0.1 for the host runtime) on a random port, in its own
 * process group, journaled with the instance, killed and reaped when the instance is released.
 * Started before the instance and waited for until its socket is bound, so the instance's client
 * never races it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';

const LISTEN_WAIT_MS = 3_000;
const EXIT_WAIT_MS = 5_000;

export type SocketKind = 'tcp' | 'udp';

/** The state a bound server socket shows in /proc/net/{tcp,udp}: 0A = LISTEN; an unconnected UDP socket is 07 (CLOSE). */
const BOUND_STATE: Record<SocketKind, string> = { tcp: '0A', udp: '07' };

export interface HostServer {
  pid: number;
  port: number;
  stop(): Promise<string | null>;
}

export interface HostServerSpec {
  /** For messages: "iperf3 -s", "vmbench-echo serve". */
  label: string;
  binary: string;
  argv: (port: number) => string[];
  socket: SocketKind;
}

/** Is a server socket of this kind bound to this port (IPv4, this network namespace)? */
export function listeningOn(port: number, table = readFileSync('/proc/net/tcp', 'utf8'), socket: SocketKind = 'tcp'): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return table
    .split('\n')
    .slice(1)
    .some((line) => {
      const [, local = '', remote = '', state] = line.trim().split(/\s+/);
      return local.endsWith(`:${hex}`) && state === BOUND_STATE[socket] && (socket === 'tcp' || remote === '00000000:0000');
    });
}

const bound = (port: number, socket: SocketKind): boolean => listeningOn(port, readFileSync(`/proc/net/${socket}`, 'utf8'), socket);

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function startHostServer(spec: HostServerSpec, address: string, onPid: (pid: number) => void): HostServer {
  let lastProblem = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = randomInt(20_000, 61_000);
    if (bound(port, spec.socket)) continue;
    const child = spawn(spec.binary, spec.argv(port), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-500);
    });
    if (child.pid === undefined) throw new Error(`${spec.label} could not be started: ${spec.binary}`);
    onPid(child.pid);
    const deadline = Date.now() + LISTEN_WAIT_MS;
    while (Date.now() < deadline && child.exitCode === null && !bound(port, spec.socket)) sleepSync(5);
    if (bound(port, spec.socket)) return { pid: child.pid, port, stop: () => stopChild(child, spec.label) };
    lastProblem = `${spec.label} on ${address}:${port} did not bind within ${LISTEN_WAIT_MS} ms${stderr ? `: ${stderr.trim()}` : ''}`;
    void stopChild(child, spec.label);
  }
  throw new Error(lastProblem || `no free port for ${spec.label}`);
}

function stopChild(child: ChildProcess, label: string): Promise<string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`${label} ${child.pid} not gone ${EXIT_WAIT_MS} ms after SIGKILL`), EXIT_WAIT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  });
}
