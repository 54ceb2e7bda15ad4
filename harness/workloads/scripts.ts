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
export const PROBE_MARKER = 'VMBENCH_PROBE';

/**
 * The kernel release: a builtin read where /proc has it (no fork inside the timed window), else
 * `uname -r` (gVisor has no /proc/sys/kernel/osrelease; its uname reports its own kernel).
 */
const KERNEL_RELEASE = 'read kernel 2>/dev/null < /proc/sys/kernel/osrelease || kernel=$(uname -r)';

const readyLine = ['read up _ < /proc/uptime', KERNEL_RELEASE, `echo "${READY_MARKER} uptime=$up kernel=$kernel"`].join('\n');

const idleReadyLine = [
  'read up _ < /proc/uptime',
  KERNEL_RELEASE,
  'while read key value _; do case $key in MemTotal:) total=$value;; MemAvailable:) avail=$value;; esac; done < /proc/meminfo',
  `echo "${READY_MARKER} uptime=$up kernel=$kernel memtotal_kb=$total memavail_kb=$avail"`,
].join('\n');

/**
 * How an idle instance waits to be stopped, and how it takes a graceful stop request:
 *  - a container (PID 1 is this shell): SIGTERM, trapped before the ready marker (a builtin,
 *    free). The shell runs its trap only while it waits in `wait` for a background sleep, and a
 *    background job needs /dev/null, which a raw-namespaces root has not: it gets one in a tmpfs
 *    of its own mount namespace, after the ready marker (not timed as startup);
 *  - a VM: a line on its second serial port (/dev/ttyS1, a socket on the host), read after
 *    devtmpfs is mounted; then the script returns and init powers the guest off.
 * Without a way to be told (no second port, no /dev/null), it sleeps as before: stopped by kill.
 */
const idleStopLines = [
  "trap 'exit 0' TERM",
  'if [ "$VMBENCH_MODE" = vm ]; then',
  '  mount -t devtmpfs devtmpfs /dev',
  '  read line < /dev/ttyS1 && exit 0',
  'elif [ -e /dev/null ] || { mount -t tmpfs -o size=16k,mode=755 tmpfs /dev && mknod -m 666 /dev/null c 1 3; }; then',
  '  sleep 2147483647 &',
  '  wait',
  '  exit 0',
  'fi',
  'exec sleep 2147483647',
];

/**
 * What the instance sees of its isolation (claims C4, C6), from inside: its own pid, how many
 * processes and network interfaces it can see, its mount count, effective capabilities, seccomp
 * mode, uid mapping, and whether setting the hostname works (the host then checks its own
 * hostname did not change). Shell builtins only, apart from the hostname applet.
 */
const probeLines = [
  'procs=0; for d in /proc/[0-9]*; do procs=$((procs+1)); done',
  'ifaces=-2; while read line; do ifaces=$((ifaces+1)); done < /proc/net/dev',
  'mounts=0; while read line; do mounts=$((mounts+1)); done < /proc/mounts',
  'while read key value _; do case $key in CapEff:) capeff=$value;; Seccomp:) seccomp=$value;; esac; done < /proc/self/status',
  'uidmap=none; [ -r /proc/self/uid_map ] && read inner outer count < /proc/self/uid_map && uidmap=$inner:$outer:$count',
  'hostname vmbench-probe 2>/dev/null && read newhost < /proc/sys/kernel/hostname || newhost=refused',
  `echo "${PROBE_MARKER} pid=$$ procs=$procs ifaces=$ifaces mounts=$mounts capeff=$capeff seccomp=$seccomp uidmap=$uidmap hostname=$newhost"`,
].join('\n');

export const WORKLOAD_SCRIPTS: Record<WorkloadName, string> = {
  // Print the ready marker and return: init then ends the instance.
  hello: `#!/bin/sh\n# vmbench workload "hello": ready, then exit.\n${readyLine}\n`,
  // Print the ready marker and wait until stopped. sleep, not a shell loop: an idle instance
  // must not burn CPU, or it would distort its neighbours in a density run.
  // The marker also carries the instance's own view of its memory (a VM's guest meminfo) so the
  // host can tell what the workload uses from what the VM or runtime around it costs.
  idle: `#!/bin/sh\n# vmbench workload "idle": ready, then wait to be stopped.\n${idleStopLines[0]}\n${idleReadyLine}\n${idleStopLines.slice(1).join('\n')}\n`,
  // Probe what the instance can see, report it, then be ready and exit like hello.
  probe: `#!/bin/sh\n# vmbench workload "probe": isolation as seen from inside, then ready and exit.\n${probeLines}\n${readyLine}\n`,
};

export const WORKLOAD_NAMES = Object.keys(WORKLOAD_SCRIPTS) as WorkloadName[];
