/**
 * The two workloads of a limits scenario (claim C5), busybox only, the same file in VMs and
 * containers (added to that scenario's image only: the lifecycle image keeps its key):
 *  - memhog: a child shell reads HOG bytes from `yes | head -c` into one shell variable (command
 *    substitution keeps the whole output in the shell's memory: a plain anonymous allocation, no
 *    tmpfs, no /dev needed). Its exit status says whether it was killed (137 = SIGKILL: the OOM
 *    killer of the container's cgroup or of the guest kernel).
 *  - cpuburn: a shell loop for SECONDS by the instance's own clock, counting iterations (the
 *    work done); the host measures the CPU time it got.
 * Both print VMBENCH_DONE and then stay up (sleep): the host reads the cgroup or QEMU's
 * counters while the instance still exists (runc removes a container's cgroup when it exits).
 */
import type { ImageFile } from '../guest/image.js';
import { DONE_MARKER } from './performance-script.js';
import { READY_MARKER } from './scripts.js';

export const HOG_MARKER = 'VMBENCH_HOG';
export const CPU_MARKER = 'VMBENCH_CPU';
export const LIMIT_WORKLOADS = { memory: 'memhog', cpu: 'cpuburn' } as const;

const ready = ['read up _ < /proc/uptime', 'read kernel < /proc/sys/kernel/osrelease', `echo "${READY_MARKER} uptime=$up kernel=$kernel"`];
const end = [`echo "${DONE_MARKER} status=0"`, 'exec sleep 2147483647', ''];

export function memhogScript(hogBytes: number): string {
  return [
    '#!/bin/sh',
    `# vmbench workload "memhog": allocate ${hogBytes} bytes in a child shell, report how it ended.`,
    'export PATH=/bin',
    ...ready,
    // The child's own line reaches the console only if it survived its allocation.
    `sh -c 'x=$(yes | head -c ${hogBytes}); echo "${HOG_MARKER} allocated=\${#x}"'`,
    'status=$?',
    `echo "${HOG_MARKER} status=$status"`,
    ...end,
  ].join('\n');
}

/**
 * /proc/uptime has two decimals: "12.34" → 1234 centiseconds (integer part never 0 by now, so
 * no leading zero for the shell to read as octal). The clock is read once per 1000 iterations.
 */
export function cpuburnScript(cpuTimeMs: number): string {
  const cs = Math.max(1, Math.round(cpuTimeMs / 10));
  return [
    '#!/bin/sh',
    `# vmbench workload "cpuburn": count shell loop iterations for ${cs / 100} s of the instance's clock.`,
    'export PATH=/bin',
    ...ready,
    'read up _ < /proc/uptime; start=${up%.*}${up#*.}; now=$start',
    `stop=$((start + ${cs})); i=0`,
    'while [ "$now" -lt "$stop" ]; do',
    '  j=0; while [ $j -lt 1000 ]; do j=$((j+1)); done',
    '  i=$((i+1000)); read up _ < /proc/uptime; now=${up%.*}${up#*.}',
    'done',
    `echo "${CPU_MARKER} iterations=$i centiseconds=$((now - start))"`,
    ...end,
  ].join('\n');
}

export function limitImageFiles(hogBytes: number, cpuTimeMs: number): ImageFile[] {
  return [
    { path: `/workloads/${LIMIT_WORKLOADS.memory}.sh`, data: Buffer.from(memhogScript(hogBytes)), mode: 0o755 },
    { path: `/workloads/${LIMIT_WORKLOADS.cpu}.sh`, data: Buffer.from(cpuburnScript(cpuTimeMs)), mode: 0o755 },
  ];
}
