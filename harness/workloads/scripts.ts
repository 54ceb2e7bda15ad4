/**
 * The workload scripts. Each is copied byte-for-byte into the one guest image, so a VM and a
 * container run exactly the same file; only how PID 1 is started differs.
 *
 * The ready marker is one line the host timestamps when it arrives (serial console for QEMU,
 * stdout for containers). It carries the instance's own clock (/proc/uptime: seconds since its
 * kernel booted; a container sees the host's) and its kernel release (claim C3).
 * `read … < /proc/…` is a shell builtin: no fork between the clock read and the echo.
 */
import type { WorkloadName } from '../scenario/types.js';

export const READY_MARKER = 'VMBENCH_READY';
export const INIT_MARKER = 'VMBENCH_INIT';

const readyLine = [
  'read up _ < /proc/uptime',
  'read kernel < /proc/sys/kernel/osrelease',
  `echo "${READY_MARKER} uptime=$up kernel=$kernel"`,
].join('\n');

const idleReadyLine = [
  'read up _ < /proc/uptime',
  'read kernel < /proc/sys/kernel/osrelease',
  'while read key value _; do case $key in MemTotal:) total=$value;; MemAvailable:) avail=$value;; esac; done < /proc/meminfo',
  `echo "${READY_MARKER} uptime=$up kernel=$kernel memtotal_kb=$total memavail_kb=$avail"`,
].join('\n');

export const WORKLOAD_SCRIPTS: Record<WorkloadName, string> = {
  // Print the ready marker and return: init then ends the instance.
  hello: `#!/bin/sh\n# vmbench workload "hello": ready, then exit.\n${readyLine}\n`,
  // Print the ready marker and wait until stopped. sleep, not a shell loop: an idle instance
  // must not burn CPU, or it would distort its neighbours in a density run.
  // The marker also carries the instance's own view of its memory (a VM's guest meminfo) so the
  // host can tell what the workload uses from what the VM or runtime around it costs.
  idle: `#!/bin/sh\n# vmbench workload "idle": ready, then wait to be stopped.\n${idleReadyLine}\nexec sleep 2147483647\n`,
};

export const WORKLOAD_NAMES = Object.keys(WORKLOAD_SCRIPTS) as WorkloadName[];
