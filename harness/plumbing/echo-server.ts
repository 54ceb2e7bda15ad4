/**
 * The host's UDP echo (vmbench-echo, harness/plumbing/udp-echo.c) for one instance's round-trip
 * step: the same small C program answers every runtime, and its client runs inside the instance,
 * so no runtime needs raw sockets (gVisor's hostinet has none, so no ping there).
 */
import { existsSync } from 'node:fs';
import { ECHO_MISSING, ECHO_PATH } from '../workloads/echo-binary.js';
import { startHostServer, type HostServer } from './host-server.js';

export const echoServerArgv = (address: string, port: number): string[] => ['serve', address, String(port)];

export function startEchoServer(address: string, onPid: (pid: number) => void): HostServer {
  if (!existsSync(ECHO_PATH)) throw new Error(ECHO_MISSING);
  return startHostServer(
    { label: 'vmbench-echo serve', binary: ECHO_PATH, argv: (port) => echoServerArgv(address, port), socket: 'udp' },
    address,
    onPid,
  );
}
