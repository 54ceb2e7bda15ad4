/** The host's iperf3 server for one instance (see host-server.ts for how it is run and removed). */
import { findExecutable } from '../host/find-executable.js';
import { startHostServer, type HostServer } from './host-server.js';

export const iperf3ServerArgv = (address: string, port: number): string[] => ['-s', '-B', address, '-p', String(port)];

export function startIperf3Server(address: string, onPid: (pid: number) => void): HostServer {
  const binary = findExecutable('iperf3');
  if (!binary) throw new Error('iperf3 is not installed (apt-get install iperf3, or run scripts/setup.sh)');
  return startHostServer({ label: 'iperf3 -s', binary, argv: (port) => iperf3ServerArgv(address, port), socket: 'tcp' }, address, onPid);
}
